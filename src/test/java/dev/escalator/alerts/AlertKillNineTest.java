package dev.escalator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §10: a kill -9 right after a {@code 202} loses nothing. The real program runs as a child JVM on the embedded
 * store; it is killed the moment it answers, and the next process knows the escalation and its key.
 */
class AlertKillNineTest {
    private static final String CONFIG = """
            people:
              alice: {slack: U0ALICE}
            paths:
              payments: {levels: [{notify: [alice], ack_timeout: 5m}]}
            channels: [{slack: C0PAY, path: payments}]
            integrations:
              prom: {kind: alertmanager, token_env: PROM_TOKEN, path: payments}
            """;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void anAlertAnsweredWith202SurvivesKillNine() throws Exception {
        Files.writeString(dir.resolve("escalator.yml"), CONFIG);
        String alert = AlertWorld.fixture("alertmanager-firing.json");

        int firstPort = freePort();
        Process first = bot(firstPort, "first.log");
        awaitReady(first, firstPort);
        var accepted = post(firstPort, alert);
        first.destroyForcibly(); // SIGKILL the moment the 202 is in: no shutdown hook, no store close
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(field(accepted, "escalation")).isEqualTo("ESC-1");

        int secondPort = freePort();
        Process second = bot(secondPort, "second.log");
        awaitReady(second, secondPort);
        var again = post(secondPort, alert);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(field(again, "escalation")).isEqualTo("ESC-1");
        assertThat(field(again, "outcome")).isEqualTo("refired");
    }

    private Process bot(int port, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.escalator.Escalator")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment()
                .put("ESCALATOR_CONFIG", dir.resolve("escalator.yml").toString());
        builder.environment().put("ESCALATOR_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("PROM_TOKEN", "prom-secret");
        List.of("MONGODB_URI", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "DISCORD_BOT_TOKEN")
                .forEach(builder.environment()::remove);
        Process process = builder.start();
        children.add(process);
        return process;
    }

    private void awaitReady(Process process, int port) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive())
                    .as("the bot is running; see its log in " + dir)
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
        throw new AssertionError("the bot was not ready within 60 s; see its log in " + dir);
    }

    private HttpResponse<String> post(int port, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alerts/prom"))
                .header("Authorization", "Bearer prom-secret")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String field(HttpResponse<String> answer, String name) {
        return JsonParser.parseString(answer.body()).getAsJsonObject().get(name).getAsString();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
