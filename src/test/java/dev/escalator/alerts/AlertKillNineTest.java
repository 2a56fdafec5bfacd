package dev.escalator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.escalator.testing.ChildBot;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    ChildBot bot;

    @BeforeEach
    void configure() throws IOException {
        Files.writeString(dir.resolve("escalator.yml"), CONFIG);
        bot = new ChildBot(getClass().getSimpleName(), dir, Map.of("PROM_TOKEN", "prom-secret"));
    }

    @AfterEach
    void killChildren() throws IOException {
        bot.stop();
    }

    @Test
    void anAlertAnsweredWith202SurvivesKillNine() throws Exception {
        String alert = AlertWorld.fixture("alertmanager-firing.json");

        Process first = bot.start(Optional.empty());
        var accepted = post(alert);
        first.destroyForcibly(); // SIGKILL the moment the 202 is in: no shutdown hook, no store close
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(field(accepted, "escalation")).isEqualTo("ESC-1");

        bot.start(Optional.empty());
        var again = post(alert);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(field(again, "escalation")).isEqualTo("ESC-1");
        assertThat(field(again, "outcome")).isEqualTo("refired");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return bot.send(HttpRequest.newBuilder(bot.uri("/alerts/prom"))
                .header("Authorization", "Bearer prom-secret")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String field(HttpResponse<String> answer, String name) {
        return JsonParser.parseString(answer.body()).getAsJsonObject().get(name).getAsString();
    }
}
