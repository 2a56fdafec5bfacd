package dev.escalator.slack;

import dev.escalator.testing.ChildBot;
import dev.escalator.testing.FakeSlackApi;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What Slack sends a {@link ChildBot}'s latest run: slash commands, forms and reactions, signed as Slack signs them. */
final class SignedRequests {
    private final ChildBot bot;
    private final FakeSlackApi slack;

    SignedRequests(ChildBot bot, FakeSlackApi slack) {
        this.bot = bot;
        this.slack = slack;
    }

    /** What points a child bot at {@code slack}. */
    static Map<String, String> environment(FakeSlackApi slack) {
        return Map.of(
                "SLACK_BOT_TOKEN",
                "xoxb-test-token",
                "SLACK_SIGNING_SECRET",
                SlackWorld.SIGNING_SECRET,
                "SLACK_API_URL",
                slack.methodsUrl());
    }

    HttpRequest command(String user, String text) {
        return signed(
                SlackWorld.commandForm(
                        user,
                        SlackWorld.CHANNEL,
                        text,
                        slack.responseUrl("command-" + bot.runs()),
                        "trigger-" + bot.runs()),
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
        return HttpRequest.newBuilder(bot.uri("/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SlackWorld.signature(SlackWorld.SIGNING_SECRET, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
