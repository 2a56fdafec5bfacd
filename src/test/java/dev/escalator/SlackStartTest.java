package dev.escalator;

import static dev.escalator.cli.ConfigFixtures.answering;
import static dev.escalator.cli.ConfigFixtures.paymentsConfig;
import static dev.escalator.cli.ConfigFixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.cli.ConfigFixtures;
import dev.escalator.testing.CuttableProxy;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeSlackApi;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
    void slackOutOfReachAtStartDoesNotStopTheBotWhichSignsInWhenSlackAnswers() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        slack.failTimes("auth.test", 3, 503, "upstream unavailable");

        try (var bot = Escalator.start(settings(file, slack.methodsUrl()), answering(valid(paymentsConfig(file))))
                .orElseThrow()) {
            assertThat(send(bot.port(), "GET", "/healthz").statusCode()).isEqualTo(200);

            Eventually.holds(
                    "signed in once Slack answers",
                    Duration.ofSeconds(30),
                    () -> readiness(bot.port()).contains("slack: ok"));
            assertThat(slack.calls("auth.test"))
                    .as("tried again after the 503s")
                    .isNotEmpty();
            assertThat(slack.calls("auth.test (503)")).hasSize(3);
        }
    }

    @Test
    void anEscalationOpenedAndAcknowledgedOnSlackShowsUpOnMetrics() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);

        try (var bot = Escalator.start(settings(file, slack.methodsUrl()), answering(valid(paymentsConfig(file))))
                .orElseThrow()) {
            signed(
                    bot.port(),
                    "application/x-www-form-urlencoded",
                    "command=%2Fescalate&channel_id=C0PAY"
                            + "&user_id=U0REPORTER&team_id=T0TEAM&text=Checkout+is+failing+sev%3A2&response_url="
                            + URLEncoder.encode(slack.responseUrl("open"), StandardCharsets.UTF_8));
            String rootTs = slack.await("chat.postMessage").ts();
            // a reaction counts once delivery has recorded the root message as the escalation's: until then, again
            var reactions = new AtomicInteger();
            Eventually.holds("acknowledged", () -> {
                signed(bot.port(), "application/json", reactionEvent("Ev" + reactions.incrementAndGet(), rootTs));
                return metrics(bot.port())
                        .contains("escalator_escalations_acknowledged_total{path=\"payments\",severity=\"2\"} 1.0");
            });
            signed(bot.port(), "application/json", reactionEvent("Ev" + reactions.get(), rootTs)); // Slack's retry
            Eventually.holds(
                    "duplicate dropped",
                    () -> metrics(bot.port())
                            .contains("escalator_inbound_events_total{outcome=\"duplicate\",platform=\"slack\"} 1.0"));
            assertThat(metrics(bot.port()))
                    .contains("escalator_escalations_opened_total{path=\"payments\",severity=\"2\"} 1.0")
                    .contains("escalator_time_to_acknowledge_seconds_count{path=\"payments\"} 1")
                    .contains("escalator_open_escalations 1.0")
                    .contains("escalator_step_lateness_seconds_count 0")
                    .contains("escalator_inbound_events_total{outcome=\"first\",platform=\"slack\"} " + reactions.get()
                            + ".0")
                    .contains("escalator_chat_calls_total{call=\"post_root\",outcome=\"ok\",platform=\"slack\"} 1.0")
                    .contains("escalator_store_calls_seconds_count{kind=\"write\"}")
                    .contains("escalator_store_errors_total 0.0");
        }
    }

    private static String reactionEvent(String eventId, String ts) {
        return """
                {"token":"legacy","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback","event_id":"%s",
                 "event_time":1700000100,"event":{"type":"reaction_added","user":"U0ALICE","reaction":"eyes",
                 "item_user":"%s","item":{"type":"message","channel":"C0PAY","ts":"%s"},
                 "event_ts":"1700000100.000100"}}
                """.formatted(eventId, FakeSlackApi.BOT_USER_ID, ts);
    }

    private static void signed(int port, String contentType, String body) {
        try {
            post(port, contentType, body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void post(int port, String contentType, String body) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0="
                + HexFormat.of()
                        .formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        try (var client = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                    .header("Content-Type", contentType)
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    private static String metrics(int port) {
        try {
            return send(port, "GET", "/metrics").body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void slackUnreachableAtStartLeavesTheBotUpButNotReadyUntilSlackAnswers() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        try (var link = new CuttableProxy(URI.create(slack.methodsUrl()).getPort())) {
            link.cut();

            try (var bot = Escalator.start(
                            settings(file, "http://127.0.0.1:" + link.port() + "/api/"),
                            answering(valid(paymentsConfig(file))))
                    .orElseThrow()) {
                assertThat(send(bot.port(), "GET", "/healthz").statusCode()).isEqualTo(200);
                var notReady = send(bot.port(), "GET", "/readyz");
                assertThat(notReady.statusCode()).isEqualTo(503);
                assertThat(notReady.body()).contains("slack: not ready");

                link.restore();

                Eventually.holds(
                        "ready within a minute of Slack answering",
                        Duration.ofMinutes(1),
                        () -> readiness(bot.port()).contains("slack: ok"));
                assertThat(send(bot.port(), "GET", "/readyz").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aBotTokenSlackRefusesStopsTheStart() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        slack.failOnce("auth.test", 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");

        var started = Escalator.start(settings(file, slack.methodsUrl()), answering(valid(paymentsConfig(file))));

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

    private static String readiness(int port) {
        try {
            return send(port, "GET", "/readyz").body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
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
