package dev.escalator.slack;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What Slack needs from the environment (SPEC §3). With an app token the bot talks over Socket Mode, else over HTTP
 * with the signing secret. {@link #toString()} shows no secret.
 */
public record SlackOptions(String botToken, Optional<String> signingSecret, Optional<String> appToken, URI apiUrl) {
    public SlackOptions {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(appToken, "appToken");
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (appToken.isEmpty() && signingSecret.isEmpty()) {
            throw new IllegalArgumentException(
                    "Slack needs a signing secret (HTTP mode) or an app token (Socket Mode)");
        }
    }

    /** True over Socket Mode; false over HTTP, where Slack's requests come to {@code POST /slack/events}. */
    public boolean socketMode() {
        return appToken.isPresent();
    }

    /** The Web API base as the SDK wants it: ending in a slash. */
    String methodsUrl() {
        String url = apiUrl.toString();
        return url.endsWith("/") ? url : url + "/";
    }

    @Override
    public String toString() {
        return "SlackOptions[%s, api %s]".formatted(socketMode() ? "Socket Mode" : "HTTP mode", apiUrl);
    }
}
