package dev.escalator;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the environment says (SPEC §3), read once at start-up. Unset and empty variables are the same: absent.
 * {@link #toString()} masks every secret, so the whole record can be logged.
 *
 * @param configGiven whether {@code ESCALATOR_CONFIG} was set; when it was not and the default file is missing, the
 *     bot may start on the bundled example
 */
record Settings(
        Path configFile,
        boolean configGiven,
        int port,
        Optional<Secret> mongodbUri,
        Path dataDir,
        Optional<Secret> slackBotToken,
        Optional<Secret> slackSigningSecret,
        Optional<Secret> slackAppToken,
        URI slackApiUrl,
        Optional<Secret> discordBotToken,
        Optional<URI> discordApiUrl,
        Optional<URI> discordGatewayUrl,
        Optional<String> discordGuildId) {

    public static final Path DEFAULT_CONFIG = Path.of("escalator.yml");
    public static final int DEFAULT_PORT = 3000;
    public static final URI DEFAULT_SLACK_API_URL = URI.create("https://slack.com/api/");

    /**
     * The scheme in any case ({@code MONGODB://} works for the driver too), then everything up to the last {@code @}
     * before the path: a password holding a raw {@code @} is hidden whole.
     */
    private static final Pattern MONGODB_SCHEME = Pattern.compile("mongodb(\\+srv)?://", Pattern.CASE_INSENSITIVE);

    private static final Pattern MONGODB_CREDENTIALS =
            Pattern.compile("^([a-z][a-z0-9+.-]*://)[^/]*@", Pattern.CASE_INSENSITIVE);

    public Settings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(mongodbUri, "mongodbUri");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(slackBotToken, "slackBotToken");
        Objects.requireNonNull(slackSigningSecret, "slackSigningSecret");
        Objects.requireNonNull(slackAppToken, "slackAppToken");
        Objects.requireNonNull(slackApiUrl, "slackApiUrl");
        Objects.requireNonNull(discordBotToken, "discordBotToken");
        Objects.requireNonNull(discordApiUrl, "discordApiUrl");
        Objects.requireNonNull(discordGatewayUrl, "discordGatewayUrl");
        Objects.requireNonNull(discordGuildId, "discordGuildId");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("PORT is 0 to 65535, not " + port);
        }
    }

    /**
     * Reads the variables of SPEC §3 from {@code env}.
     *
     * @throws IllegalArgumentException with a message for the user when a value is malformed
     */
    public static Settings fromEnvironment(Map<String, String> env) {
        var read = new Reader(env);
        Optional<String> config = read.text("ESCALATOR_CONFIG");
        return new Settings(
                config.map(Path::of).orElse(DEFAULT_CONFIG),
                config.isPresent(),
                read.port("PORT"),
                read.mongodbUri("MONGODB_URI"),
                Path.of(read.text("ESCALATOR_DATA_DIR").orElse("data")),
                read.secret("SLACK_BOT_TOKEN"),
                read.secret("SLACK_SIGNING_SECRET"),
                read.secret("SLACK_APP_TOKEN"),
                read.url("SLACK_API_URL").orElse(DEFAULT_SLACK_API_URL),
                read.secret("DISCORD_BOT_TOKEN"),
                read.url("DISCORD_API_URL"),
                read.url("DISCORD_GATEWAY_URL"),
                read.snowflake("DISCORD_GUILD_ID"));
    }

    /** Slack with a bot token and an app token talks over Socket Mode, which wins over HTTP mode when both fit. */
    public boolean slackSocketMode() {
        return slackBotToken.isPresent() && slackAppToken.isPresent();
    }

    public boolean slackHttpMode() {
        return slackBotToken.isPresent() && slackSigningSecret.isPresent() && !slackSocketMode();
    }

    public boolean discordEnabled() {
        return discordBotToken.isPresent();
    }

    /** The enabled chat platforms in words for the log, e.g. {@code Slack (Socket Mode)}; empty when none is. */
    public List<String> chatPlatforms() {
        var platforms = new ArrayList<String>();
        if (slackSocketMode()) {
            platforms.add("Slack (Socket Mode)");
        } else if (slackHttpMode()) {
            platforms.add("Slack (HTTP mode, POST /slack/events)");
        }
        if (discordEnabled()) {
            platforms.add(discordGuildId
                    .map(guild -> "Discord (commands on guild " + guild + ")")
                    .orElse("Discord"));
        }
        return platforms;
    }

    /** Variables set in a way that enables nothing, which is almost always a mistake worth a warning. */
    public List<String> halfConfigured() {
        var problems = new ArrayList<String>();
        if (slackBotToken.isPresent() && !slackSocketMode() && !slackHttpMode()) {
            problems.add("SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN"
                    + " (Socket Mode) is, so Slack stays off.");
        }
        if (slackBotToken.isEmpty() && (slackSigningSecret.isPresent() || slackAppToken.isPresent())) {
            problems.add("SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set without SLACK_BOT_TOKEN, so Slack stays off.");
        }
        if (discordBotToken.isEmpty() && discordGuildId.isPresent()) {
            problems.add("DISCORD_GUILD_ID is set without DISCORD_BOT_TOKEN, so Discord stays off.");
        }
        return problems;
    }

    /** Every setting, secrets as {@code ****}, the MongoDB URI without its credentials. */
    @Override
    public String toString() {
        return "Settings[config=%s, port=%d, store=%s, slack=%s, slackApiUrl=%s, discord=%s]"
                .formatted(
                        configFile,
                        port,
                        mongodbUri
                                .map(uri -> "MongoDB " + withoutCredentials(uri.value()))
                                .orElse("embedded in " + dataDir),
                        slack(),
                        slackApiUrl,
                        discord());
    }

    private String slack() {
        if (slackBotToken.isEmpty() && slackSigningSecret.isEmpty() && slackAppToken.isEmpty()) {
            return "off";
        }
        return "%s (bot token %s, signing secret %s, app token %s)"
                .formatted(
                        slackSocketMode() ? "Socket Mode" : slackHttpMode() ? "HTTP mode" : "off",
                        masked(slackBotToken),
                        masked(slackSigningSecret),
                        masked(slackAppToken));
    }

    private String discord() {
        if (discordBotToken.isEmpty()) {
            return "off";
        }
        return "on (bot token %s, guild %s, api %s, gateway %s)"
                .formatted(
                        masked(discordBotToken),
                        discordGuildId.orElse("none: global commands"),
                        discordApiUrl.map(URI::toString).orElse("default"),
                        discordGatewayUrl.map(URI::toString).orElse("default"));
    }

    private static String masked(Optional<Secret> secret) {
        return secret.map(Secret::toString).orElse("unset");
    }

    /** Host and database help when reading a log; the user name and password must not be in it, nor the options. */
    static String withoutCredentials(String uri) {
        String hidden = MONGODB_CREDENTIALS.matcher(uri).replaceFirst("$1****@");
        int options = hidden.indexOf('?');
        return options < 0 ? hidden : hidden.substring(0, options) + "?****";
    }

    private record Reader(Map<String, String> env) {
        Optional<String> text(String name) {
            return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
        }

        Optional<Secret> secret(String name) {
            return text(name).map(Secret::new);
        }

        /** A MongoDB connection string; its value is not repeated when refused, for it may hold a password. */
        Optional<Secret> mongodbUri(String name) {
            Optional<Secret> uri = secret(name);
            if (uri.isPresent() && !MONGODB_SCHEME.matcher(uri.get().value()).lookingAt()) {
                throw new IllegalArgumentException(
                        ("%s must be a MongoDB connection string, mongodb://host:27017/escalator"
                                        + " or mongodb+srv://cluster.example.net/escalator; unset it to use the embedded store.")
                                .formatted(name));
            }
            return uri;
        }

        /** A Discord id (a server's, say): digits. */
        Optional<String> snowflake(String name) {
            return text(name).map(text -> {
                if (text.matches("\\d{1,20}")) {
                    return text;
                }
                throw new IllegalArgumentException(
                        "%s must be a Discord server id: digits, like 222222222222222222 (Developer Mode shows it on a right-click of the server), not '%s'."
                                .formatted(name, text));
            });
        }

        int port(String name) {
            Optional<String> text = text(name);
            if (text.isEmpty()) {
                return DEFAULT_PORT;
            }
            try {
                int port = Integer.parseInt(text.get());
                if (port >= 0 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // told below, with the value
            }
            throw new IllegalArgumentException(
                    "%s must be a port number from 0 to 65535, not '%s'.".formatted(name, text.get()));
        }

        Optional<URI> url(String name) {
            return text(name).map(text -> {
                try {
                    URI uri = new URI(text);
                    if (uri.getScheme() != null && uri.getHost() != null) {
                        return uri;
                    }
                } catch (URISyntaxException e) {
                    // told below, with the value
                }
                throw new IllegalArgumentException(
                        "%s must be an absolute URL such as https://example.com/api/, not '%s'.".formatted(name, text));
            });
        }
    }
}
