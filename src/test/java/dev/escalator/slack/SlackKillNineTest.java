package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.CHANNEL;
import static dev.escalator.slack.SlackWorld.SIGNING_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.EscalationId;
import dev.escalator.testing.Eventually;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Slack was answered 2xx for survives a kill -9 at once (SPEC §8, STYLE habit 21): the real bot runs as a child
 * JVM on the embedded store against a fake Slack; with {@code -Descalator.crash=after-answer} it halts right after
 * writing its 200 and carries out nothing in the request's wake. The next process finds the action in the store and
 * carries it out, once: a reaction, a form submission, a button press and a slash command in turn.
 */
class SlackKillNineTest {
    static final Duration BOUND = Duration.ofSeconds(20);
    /** A start of the bot on a loaded 2-core machine (several builds at once) was seen to take over 20 s. */
    static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path data;

    FakeSlackApi slack;
    final List<Process> children = new ArrayList<>();
    final HttpClient client = HttpClient.newHttpClient();
    int port;
    int runs;

    @BeforeEach
    void start() throws IOException {
        slack = new FakeSlackApi();
        Files.writeString(data.resolve("escalator.yml"), """
                people:
                  alice: {slack: U0ALICE}
                  bob: {slack: U0BOB}
                paths:
                  payments:
                    levels:
                      - {notify: [alice], ack_timeout: 1h}
                      - {notify: [bob], ack_timeout: 1h}
                    repeat: 0
                channels:
                  - {slack: C0PAY, path: payments}
                """);
    }

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        slack.close();
    }

    @Test
    @Timeout(600)
    void eachActionAnswered200AndThenKilledIsCarriedOutOnceAfterRestart() throws Exception {
        Process first = bot(false);
        assertThat(send(command("U0ALICE", "Checkout is failing")).statusCode()).isEqualTo(200);
        String root = Eventually.found(
                        "ESC-1's root", BOUND, () -> roots().stream().findFirst())
                .ts();
        stopGracefully(first);

        // a reaction: 200, killed; the next process acknowledges ESC-1
        Process crashing = bot(true);
        assertThat(send(reaction("U0BOB", root, "eyes", "Ev0ACK")).statusCode()).isEqualTo(200);
        assertHalted(crashing);

        // that process carries the acknowledgement out; then a form: 200, killed
        crashing = bot(true);
        awaitThreadPost("acknowledged");
        var submitted = SlackWorld.formPayload("U0ALICE", Map.of(EscalationForm.TITLE, "Refunds are stuck"));
        assertThat(send(form(submitted)).statusCode()).isEqualTo(200);
        assertHalted(crashing);

        // the form opens ESC-2; then a button press resolving ESC-1: 200, killed
        crashing = bot(true);
        Eventually.holds("ESC-2's root", BOUND, () -> roots().size() == 2);
        String press = SlackWorld.pressPayload(
                "U0BOB", "escalator_resolve", new EscalationId(1), "1700000300.000001", slack.responseUrl("press"));
        assertThat(send(form(press)).statusCode()).isEqualTo(200);
        assertHalted(crashing);

        // ESC-1 is resolved; then a slash command opening ESC-3: 200, killed
        crashing = bot(true);
        awaitThreadPost("resolved");
        assertThat(send(command("U0ALICE", "Payouts are late")).statusCode()).isEqualTo(200);
        assertHalted(crashing);

        Process last = bot(false);
        Eventually.holds("ESC-3's root", BOUND, () -> roots().size() == 3);
        stopGracefully(last);

        assertThat(roots()).as("ESC-1, ESC-2, ESC-3, each once").hasSize(3);
        assertThat(threadPosts("acknowledged")).hasSize(1);
        assertThat(threadPosts("resolved")).hasSize(1);
    }

    // ---- the child process

    private Process bot(boolean crashAfterAnswer) throws Exception {
        port = freePort();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        if (crashAfterAnswer) {
            command.add("-Descalator.crash=after-answer");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.escalator.Escalator"));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("bot-" + (++runs) + ".log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "ESCALATOR_CONFIG", data.resolve("escalator.yml").toString(),
                        "ESCALATOR_DATA_DIR", data.toString(),
                        "SLACK_BOT_TOKEN", "xoxb-test-token",
                        "SLACK_SIGNING_SECRET", SIGNING_SECRET,
                        "SLACK_API_URL", slack.methodsUrl(),
                        "PORT", Integer.toString(port)));
        Process process = builder.start();
        children.add(process);
        awaitReady(process);
        return process;
    }

    private void awaitReady(Process process) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + START.toNanos();
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
        throw new AssertionError(
                "bot run " + runs + " not ready: " + Files.readString(data.resolve("bot-" + runs + ".log")));
    }

    private void assertHalted(Process process) throws Exception {
        assertThat(process.waitFor(10, TimeUnit.SECONDS))
                .as("halted after its answer")
                .isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
    }

    private static void stopGracefully(Process process) throws Exception {
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // ---- what Slack sends and sees

    private HttpRequest command(String user, String text) {
        return signed(
                SlackWorld.form(Map.of(
                        "token",
                        "legacy",
                        "team_id",
                        "T0TEAM",
                        "channel_id",
                        CHANNEL,
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

    private HttpRequest form(String payload) {
        return signed(SlackWorld.form(Map.of("payload", payload)), "application/x-www-form-urlencoded");
    }

    private HttpRequest reaction(String user, String ts, String emoji, String eventId) {
        return signed(SlackWorld.reactionEnvelope(user, ts, emoji, eventId).toString(), "application/json");
    }

    private HttpRequest signed(String body, String contentType) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SlackWorld.signature(SIGNING_SECRET, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private List<FakeSlackApi.Call> roots() {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .toList();
    }

    private List<FakeSlackApi.Call> threadPosts(String containing) {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> call.params().containsKey("thread_ts"))
                .filter(call -> call.text().contains(containing))
                .toList();
    }

    private void awaitThreadPost(String containing) {
        Eventually.holds(
                "a thread post saying " + containing + "; calls: " + slack.calls(),
                BOUND,
                () -> !threadPosts(containing).isEmpty());
    }
}
