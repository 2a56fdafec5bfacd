package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.FakeSlackApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real bot ({@code dev.escalator.Escalator}) as a child JVM on the embedded store in one data directory, against a
 * fake Slack, optionally told to halt at a named crash point ({@code -Descalator.crash=<point>}, see {@code
 * http.CrashHook}). Each run logs to {@code bot-<n>.log} in the data directory. The test stops what it started:
 * {@link #killAll}.
 */
final class ChildBot {
    static final Duration BOUND = Duration.ofSeconds(20);
    /** A JVM's start, with Bolt and the embedded store, can take this long on a shared 2-core machine under load. */
    static final Duration START_BOUND = Duration.ofSeconds(90);

    private final Path data;
    private final FakeSlackApi slack;
    private final List<Process> children = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private int port;
    private int runs;

    ChildBot(Path data, FakeSlackApi slack) {
        this.data = data;
        this.slack = slack;
    }

    /** Starts a run on {@code data/escalator.yml} and waits until it is ready. */
    Process start(Optional<String> crashAt) throws Exception {
        port = freePort();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        crashAt.ifPresent(point -> command.add("-Descalator.crash=" + point));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.escalator.Escalator"));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("bot-" + (++runs) + ".log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "ESCALATOR_CONFIG", data.resolve("escalator.yml").toString(),
                        "ESCALATOR_DATA_DIR", data.toString(),
                        "SLACK_BOT_TOKEN", "xoxb-test-token",
                        "SLACK_SIGNING_SECRET", SlackWorld.SIGNING_SECRET,
                        "SLACK_API_URL", slack.methodsUrl(),
                        "PORT", Integer.toString(port)));
        Process process = builder.start();
        children.add(process);
        awaitReady(process);
        return process;
    }

    /** The log of the latest run, for a failure's message. */
    String log() throws IOException {
        return Files.readString(data.resolve("bot-" + runs + ".log"));
    }

    private void awaitReady(Process process) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
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
    void assertHalted(Process process, Duration within) throws Exception {
        assertThat(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS))
                .as("halted at its crash point; log:%n%s", log())
                .isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
    }

    static void stopGracefully(Process process) throws Exception {
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    void killAll() {
        children.forEach(Process::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // ---- what Slack sends

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest command(String user, String text) {
        return signed(
                SlackWorld.form(Map.of(
                        "token",
                        "legacy",
                        "team_id",
                        "T0TEAM",
                        "channel_id",
                        SlackWorld.CHANNEL,
                        "user_id",
                        user,
                        "command",
                        "/escalate",
                        "text",
                        text,
                        "response_url",
                        slack.responseUrl("command-" + runs),
                        "trigger_id",
                        "trigger-" + runs)),
                "application/x-www-form-urlencoded");
    }

    HttpRequest form(String payload) {
        return signed(SlackWorld.form(Map.of("payload", payload)), "application/x-www-form-urlencoded");
    }

    HttpRequest reaction(String user, String ts, String emoji, String eventId) {
        return signed(SlackWorld.reactionEnvelope(user, ts, emoji, eventId).toString(), "application/json");
    }

    private HttpRequest signed(String body, String contentType) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SlackWorld.signature(SlackWorld.SIGNING_SECRET, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
