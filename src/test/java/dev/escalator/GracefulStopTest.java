package dev.escalator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real process, as an orchestrator stops it: SIGTERM ends it cleanly, with exit status 0 (SPEC §4). */
class GracefulStopTest {
    @TempDir
    Path data;

    private Process bot;

    @AfterEach
    void stop() {
        if (bot != null && bot.isAlive()) {
            bot.destroyForcibly();
        }
    }

    @Test
    void aSigtermStopsTheBotGracefullyAndItExitsZero() throws Exception {
        int port = freePort();
        // an archive an earlier child wrote is mapped, but this child's exit writes none: its stop is what is timed
        var command =
                ChildJvm.command(ChildJvm.Archive.READ_ONLY, List.of("-Xmx128m"), "dev.escalator.Escalator", List.of());
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("bot.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "ESCALATOR_DATA_DIR", data.resolve("store").toString(),
                        "PORT", Integer.toString(port),
                        // the test classpath's logback-test.xml: the bot's own lines, into a file of this test
                        "ESCALATOR_TEST_LOG", "INFO",
                        "ESCALATOR_TEST_LOG_FILE", data.resolve("events.log").toString()));
        // no configuration file and no platform: the bundled example, as on a fresh clone
        builder.environment().remove("ESCALATOR_CONFIG");
        builder.directory(data.toFile());
        bot = builder.start();
        awaitHealthy(port);

        bot.destroy(); // SIGTERM

        assertThat(bot.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        assertThat(bot.exitValue()).as("exit status; log:%n%s", log()).isZero();
        assertThat(log()).contains("Stopping").contains("Escalator stopped");
    }

    private void awaitHealthy(int port) throws Exception {
        var client = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(bot.isAlive()).as("bot alive; log:%n%s", log()).isTrue();
            try {
                if (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bot did not answer /healthz within 60 s; log:\n" + log());
    }

    private String log() {
        return read(data.resolve("bot.log")) + read(data.resolve("events.log"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
