package dev.escalator;

import static dev.escalator.cli.ConfigFixtures.answering;
import static dev.escalator.cli.ConfigFixtures.paymentsConfig;
import static dev.escalator.cli.ConfigFixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.cli.ConfigFixtures;
import dev.escalator.cli.ConfigSource;
import dev.escalator.cli.ExampleConfig;
import dev.escalator.config.ConfigProblem;
import dev.escalator.config.ConfigResult;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot's start-up as `escalator` runs it, in this JVM, on a free port. */
class EscalatorTest {
    @TempDir
    Path dir;

    @Test
    void botStartsOnItsConfigurationAnswersHealthzAndStops() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        var settings = settings(Map.of("ESCALATOR_CONFIG", file.toString()));

        var started = Escalator.start(settings, answering(valid(paymentsConfig(file))));

        assertThat(started).isPresent();
        int port;
        try (var bot = started.get()) {
            port = bot.port();
            assertThat(port).isPositive();
            assertThat(get(port, "/healthz")).isEqualTo("ok\n");
            assertThat(get(port, "/metrics")).contains("jvm_memory_used_bytes");
        }
        assertThat(isListening(port)).isFalse();
    }

    @Test
    void withDiscordTheBotConnectsRegistersTheCommandIsReadyAndDisconnectsOnStop() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        var ids = FakeDiscord.Ids.standard();
        try (var rest = new FakeDiscordRest(ids);
                var gateway = new FakeDiscordGateway(ids)) {
            var settings = settings(Map.of(
                    "ESCALATOR_CONFIG", file.toString(),
                    "DISCORD_BOT_TOKEN", "fake-token",
                    "DISCORD_API_URL", rest.baseUrl(),
                    "DISCORD_GATEWAY_URL", gateway.url(),
                    "DISCORD_GUILD_ID", ids.guild()));

            try (var bot = Escalator.start(settings, answering(valid(paymentsConfig(file))))
                    .orElseThrow()) {
                Eventually.holds("ready", () -> readyz(bot.port()).startsWith("ready"));
                assertThat(get(bot.port(), "/readyz")).startsWith("ready").contains("discord: ok");
                // JDA registers the command from its ReadyEvent, asynchronously: it may land just after readiness
                Eventually.found(
                        "the command registered on the guild",
                        () -> rest.calls().stream()
                                .filter(call -> call.method().equals("PUT")
                                        && call.path().endsWith("/guilds/" + ids.guild() + "/commands"))
                                .findFirst());
            }
            assertThat(gateway.getConnections()).as("disconnected on stop").isEmpty();
        }
    }

    @Test
    void namedConfigurationFileThatIsMissingStopsTheStart() {
        var settings =
                settings(Map.of("ESCALATOR_CONFIG", dir.resolve("missing.yml").toString()));
        var source = new RecordingSource(valid(paymentsConfig(dir)));

        var started = Escalator.start(settings, source);

        assertThat(started).isEmpty();
        assertThat(source.asked).isEmpty();
    }

    @Test
    void withoutAnyConfigurationOrPlatformTheBundledExampleIsUsed() {
        var source = new RecordingSource(valid(paymentsConfig(dir)));
        var settings = defaultConfigMissing(Map.of());

        try (var bot = Escalator.start(settings, source).orElseThrow()) {
            assertThat(source.asked).containsExactly("parse " + ExampleConfig.NAME);
            assertThat(bot.port()).isPositive();
        }
    }

    @Test
    void withAPlatformButNoConfigurationTheBotRefusesToStart() {
        var source = new RecordingSource(valid(paymentsConfig(dir)));
        var settings = defaultConfigMissing(Map.of("DISCORD_BOT_TOKEN", "token"));

        var started = Escalator.start(settings, source);

        assertThat(started).isEmpty();
        assertThat(source.asked).isEmpty();
    }

    @Test
    void invalidConfigurationStopsTheStart() throws IOException {
        var file = ConfigFixtures.placeholderFile(dir);
        var error = new ConfigProblem("escalator.yml", 3, "people.carol", "a person needs an account");
        var invalid = new ConfigResult(Optional.empty(), List.of(error), List.of());

        var started = Escalator.start(settings(Map.of("ESCALATOR_CONFIG", file.toString())), answering(invalid));

        assertThat(started).isEmpty();
    }

    @Test
    void portAlreadyTakenStopsTheStartWithNothingLeftRunning() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        var source = answering(valid(paymentsConfig(file)));
        try (var first = Escalator.start(settings(Map.of("ESCALATOR_CONFIG", file.toString())), source)
                .orElseThrow()) {
            var taken = Settings.fromEnvironment(Map.of(
                    "ESCALATOR_CONFIG",
                    file.toString(),
                    "PORT",
                    Integer.toString(first.port()),
                    "ESCALATOR_DATA_DIR",
                    dir.resolve("second").toString()));

            assertThat(Escalator.start(taken, source)).isEmpty();
        }
    }

    private Settings settings(Map<String, String> env) {
        var all = new HashMap<>(env);
        all.put("PORT", "0");
        all.putIfAbsent("ESCALATOR_DATA_DIR", dir.resolve("data").toString());
        return Settings.fromEnvironment(all);
    }

    /** As if ESCALATOR_CONFIG were unset and there were no escalator.yml where the bot runs. */
    private Settings defaultConfigMissing(Map<String, String> env) {
        var s = settings(env);
        assertThat(s.configGiven()).isFalse();
        return new Settings(
                dir.resolve("escalator.yml"),
                false,
                s.port(),
                s.mongodbUri(),
                s.dataDir(),
                s.slackBotToken(),
                s.slackSigningSecret(),
                s.slackAppToken(),
                s.slackApiUrl(),
                s.discordBotToken(),
                s.discordApiUrl(),
                s.discordGatewayUrl(),
                s.discordGuildId());
    }

    private static String readyz(int port) {
        try {
            return get(port, "/readyz");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        try (var client = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static boolean isListening(int port) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /** Answers everything with one result and remembers what it was asked. */
    private static final class RecordingSource implements ConfigSource {
        private final ConfigResult result;
        private final List<String> asked = new ArrayList<>();

        RecordingSource(ConfigResult result) {
            this.result = result;
        }

        @Override
        public ConfigResult load(Path file) {
            asked.add("load " + file);
            return result;
        }

        @Override
        public ConfigResult parse(String yaml, String fileName) {
            asked.add("parse " + fileName);
            return result;
        }
    }
}
