package dev.escalator;

import static dev.escalator.cli.ConfigFixtures.answering;
import static dev.escalator.cli.ConfigFixtures.paymentsConfig;
import static dev.escalator.cli.ConfigFixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.cli.ConfigFixtures;
import dev.escalator.testing.FakeSlackApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot started as `escalator` starts it, with Slack's variables set, against a fake Slack. */
class SlackStartTest {
    @TempDir
    Path dir;

    final FakeSlackApi slack;

    SlackStartTest() throws Exception {
        slack = new FakeSlackApi();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void withABotTokenAndSigningSecretTheBotServesSlackEventsAndIsReady() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        var settings = settings(file, slack.methodsUrl());

        try (var bot = Escalator.start(settings, answering(valid(paymentsConfig(file))))
                .orElseThrow()) {
            assertThat(slack.calls("auth.test")).isNotEmpty();
            assertThat(send(bot.port(), "GET", "/readyz").body()).contains("slack: ok");
            assertThat(send(bot.port(), "POST", "/slack/events").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void whenSlackCannotBeReachedTheBotDoesNotStart() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        String closed = slack.methodsUrl();
        slack.close();

        var started = Escalator.start(settings(file, closed), answering(valid(paymentsConfig(file))));

        assertThat(started).isEmpty();
    }

    private Settings settings(Path config, String slackApiUrl) {
        var env = new HashMap<String, String>();
        env.put("ESCALATOR_CONFIG", config.toString());
        env.put("PORT", "0");
        env.put("ESCALATOR_DATA_DIR", dir.resolve("data").toString());
        env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
        env.put("SLACK_SIGNING_SECRET", "secret");
        env.put("SLACK_API_URL", slackApiUrl);
        return Settings.fromEnvironment(Map.copyOf(env));
    }

    private static HttpResponse<String> send(int port, String method, String path) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.ofString("command=%2Fescalate&text=x"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
