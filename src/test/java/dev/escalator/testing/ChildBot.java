package dev.escalator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real bot ({@code dev.escalator.Escalator}) as a child JVM ({@link ChildJvm}: C1 only, serial GC, a class
 * archive shared by the children of a test JVM) on the embedded store in one data directory, against
 * the fake Slack or Discord (or none) that the environment it is given names, optionally told to halt at a named crash point
 * ({@code -Descalator.crash=<point>}, see {@code http.CrashHook}). Each run writes its console to {@code bot-<n>.log}
 * and its own log, at INFO, to {@code bot-<n>.app.log} in the data directory. The test stops what it started: {@link
 * #stop} kills every run and copies their logs to {@code target/test-logs}, where they outlive the data directory.
 */
public final class ChildBot {
    public static final Duration BOUND = Duration.ofSeconds(20);
    /** A JVM's start, with its chat client and the embedded store, can take this long on a shared 2-core machine. */
    public static final Duration START_BOUND = Duration.ofSeconds(90);

    /** What the child must not inherit from the environment the tests run in. */
    private static final List<String> INHERITED = List.of(
            "MONGODB_URI",
            "SLACK_BOT_TOKEN",
            "SLACK_APP_TOKEN",
            "SLACK_SIGNING_SECRET",
            "SLACK_API_URL",
            "DISCORD_BOT_TOKEN",
            "DISCORD_API_URL",
            "DISCORD_GATEWAY_URL",
            "DISCORD_GUILD_ID");

    private final String test;
    private final Path data;
    private final Map<String, String> platform;
    private final List<Process> children = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private int port;
    private int runs;

    /**
     * {@code test} names the logs kept; {@code platform} is the environment that points the bot at its fake chat
     * (tokens and API addresses) and gives any other secret its configuration names; {@code data/escalator.yml} is
     * the configuration.
     */
    public ChildBot(String test, Path data, Map<String, String> platform) {
        this.test = test;
        this.data = data;
        this.platform = Map.copyOf(platform);
    }

    /** Starts a run on {@code data/escalator.yml} and waits until it is ready. */
    public Process start(Optional<String> crashAt) throws Exception {
        port = freePort();
        runs++;
        var options = new ArrayList<String>();
        options.add("-Xmx256m");
        crashAt.ifPresent(point -> options.add("-Descalator.crash=" + point));
        var command = ChildJvm.command(ChildJvm.Archive.SHARED, options, "dev.escalator.Escalator", List.of());
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("bot-" + runs + ".log").toFile());
        // only what this test gives: no store, token or chat of the machine's own environment
        builder.environment().keySet().removeAll(INHERITED);
        var environment = new HashMap<>(platform);
        environment.putAll(Map.of(
                "ESCALATOR_CONFIG", data.resolve("escalator.yml").toString(),
                "ESCALATOR_DATA_DIR", data.toString(),
                "PORT", Integer.toString(port),
                // the bot's own log next to its console output (logback-test.xml is on the child's class path)
                "ESCALATOR_TEST_LOG", "INFO",
                "ESCALATOR_TEST_LOG_FILE",
                        data.resolve("bot-" + runs + ".app.log").toString()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        children.add(process);
        awaitReady(process);
        return process;
    }

    /** Where the latest run listens: {@code path} on its HTTP port. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** How many runs were started. */
    public int runs() {
        return runs;
    }

    /** The console output of the latest run, for a failure's message. */
    public String log() throws IOException {
        return Files.readString(data.resolve("bot-" + runs + ".log"));
    }

    private void awaitReady(Process process) throws Exception {
        var request = HttpRequest.newBuilder(uri("/readyz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive())
                    .as("bot run %d alive; see its log", runs)
                    .isTrue();
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("bot run " + runs + " not ready: " + log());
    }

    /** Waits for {@code process} to halt as the crash hook halts it: exit 137, like kill -9. */
    public void assertHalted(Process process, Duration within) throws Exception {
        assertThat(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS))
                .as("halted at its crash point; log:%n%s", log())
                .isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
    }

    /**
     * SIGTERM, and waits for the process to end: a minute, as the first child of a test JVM to end writes the class
     * archive the later ones start from ({@link ChildJvm}), seconds of CPU on a loaded machine.
     */
    public static void stopGracefully(Process process) throws Exception {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Kills every run still alive and keeps the logs of all of them. */
    public void stop() throws IOException {
        children.forEach(Process::destroyForcibly);
        Path logs = Files.createDirectories(Path.of("target", "test-logs"));
        for (int run = 1; run <= runs; run++) {
            for (String name : List.of("bot-" + run + ".log", "bot-" + run + ".app.log")) {
                Path log = data.resolve(name);
                if (Files.exists(log)) {
                    Files.copy(log, logs.resolve(test + "-" + name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
