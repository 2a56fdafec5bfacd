package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.REPORTER;
import static dev.escalator.slack.SlackWorld.STRANGER;
import static dev.escalator.slack.SlackWorld.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.EscalationId;
import dev.escalator.testing.FakeSlackApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What keeps the Slack side safe: signatures, broad mentions, Slack's limits, rate limits and a store outage. */
class SlackSafetyTest {
    final SlackWorld world;

    SlackSafetyTest() throws Exception {
        // the pace of posts to a channel is one of the things that keep Slack safe
        world = SlackWorld.pacedAsSlackAsks();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void aRequestWithABadSignatureIsRefusedWith401AndChangesNothing() {
        String body = SlackWorld.form(Map.of("command", "/escalate", "text", "Forged", "user_id", "U0X"));
        String now = Long.toString(Instant.now().getEpochSecond());

        var answer = world.post(
                body, "application/x-www-form-urlencoded", Map.of(), now, SlackWorld.signature("wrong", now, body));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(world.stores.escalations().find(new EscalationId(1))).isEmpty();
    }

    @Test
    void aRequestSignedMoreThanFiveMinutesAgoIsRefused() {
        String body = SlackWorld.form(Map.of("command", "/escalate", "text", "Replayed", "user_id", REPORTER));

        var answer = world.post(
                body,
                "application/x-www-form-urlencoded",
                Map.of(),
                Instant.now().minus(Duration.ofMinutes(6)));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(world.stores.escalations().find(new EscalationId(1))).isEmpty();
    }

    @Test
    void aRequestSignedMoreThanFiveMinutesAheadIsRefused() {
        String body = SlackWorld.form(Map.of("command", "/escalate", "text", "From the future", "user_id", REPORTER));

        var answer = world.post(
                body,
                "application/x-www-form-urlencoded",
                Map.of(),
                Instant.now().plus(Duration.ofMinutes(6)));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(world.stores.escalations().find(new EscalationId(1))).isEmpty();
    }

    @Test
    void aPersonOutsideTheConfigurationInAnotherChannelGetsNoTitle() {
        world.command(REPORTER, "Secret merger talks leaked");
        world.settle();

        List<String> answers = Stream.of("status ESC-1", "timeline ESC-1", "list all", "list stale", "note ESC-1 hello")
                .map(text -> SlackWorld.text(world.command(STRANGER, "C0ELSEWHERE", text)))
                .toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain("Secret merger"));
        assertThat(answers.getFirst()).contains("ESC-1", "configuration");
        assertThat(world.escalation(1).timeline())
                .noneMatch(entry -> entry.event() instanceof dev.escalator.core.Event.Noted);
        assertThat(SlackWorld.text(world.command(STRANGER, "status ESC-1")))
                .as("in the escalation's own channel anyone may read it")
                .contains("Secret merger");
    }

    @Test
    void aStrangersNoteFromAnotherChannelIsRecordedAndCountedAsARefusal() {
        world.command(REPORTER, "Secret merger talks leaked");
        world.settle();

        String answer = SlackWorld.text(world.command(STRANGER, "C0ELSEWHERE", "note ESC-1 hello"));
        world.settle();

        assertThat(answer).contains("ESC-1", "configuration").doesNotContain("Secret merger");
        assertThat(world.escalation(1).timeline())
                .filteredOn(entry -> entry.event() instanceof dev.escalator.core.Event.Refused refused
                        && refused.action() == dev.escalator.core.Action.NOTE)
                .hasSize(1);
        assertThat(world.metrics()).containsPattern("escalator_escalations_refused_total\\{action=\"note\".*\\} 1\\.0");
    }

    @Test
    void slacksUrlVerificationChallengeIsAnswered() {
        var answer = world.post(
                "{\"token\":\"legacy\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}",
                "application/json",
                Map.of(),
                Instant.now());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void broadMentionsInATitleNeverReachSlack() {
        world.command(REPORTER, "Ping <!channel> <!here> <!everyone> <!subteam^S0TEAM|@payments> now");
        world.deliver();

        world.api.await("chat.postMessage", call -> call.params().containsKey("thread_ts"));
        assertThat(world.api.calls())
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.params().values())
                        .noneMatch(value -> value.contains("<!channel")
                                || value.contains("<!here")
                                || value.contains("<!everyone")
                                || value.contains("<!subteam")));
    }

    @Test
    void aVeryLongTitleIsCutWithAnEllipsisToSlacksLimits() {
        world.command(REPORTER, "A".repeat(5_000));
        world.deliver();

        var root = world.api.await("chat.postMessage");
        assertThat(root.sectionTexts())
                .allSatisfy(
                        text -> assertThat(text).hasSizeLessThanOrEqualTo(3_000).endsWith("…"));
        assertThat(root.text()).hasSizeLessThanOrEqualTo(4_000).endsWith("…");
        assertThat(world.api.calls("chat.postMessage"))
                .allSatisfy(call -> assertThat(call.text()).hasSizeLessThanOrEqualTo(4_000));
    }

    @Test
    void aRateLimitedPostIsDeliveredLaterNotLost() {
        world.api.rateLimitOnce("chat.postMessage");
        world.command(REPORTER, "Checkout is failing");

        world.deliver();
        assertThat(world.api.calls("chat.postMessage (429)")).hasSize(1);
        assertThat(world.api.calls("chat.postMessage")).isEmpty();

        world.clock.advance(Duration.ofSeconds(1));
        world.deliver();

        var roots = world.api.calls("chat.postMessage").stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .filter(call -> !call.param("channel").startsWith("D")) // not bob's direct message
                .toList();
        assertThat(roots).hasSize(1);
        world.api.await("chat.postMessage", call -> call.text().contains("level 1/3"));
    }

    @Test
    void whileTheStoreIsAwayACommandIsStillAnsweredInTimeAndSaysTryAgain() {
        world.storeLink.cut();

        long started = System.nanoTime();
        var answer = world.command(REPORTER, "Checkout is failing");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofMillis(2_500));
        String said = text(answer).isEmpty()
                ? world.api.await(FakeSlackApi.RESPONSE_URL).text()
                : text(answer);
        assertThat(said).contains("try again");
    }

    @Test
    void postsToOneChannelArePacedAtSlacksOnePerSecondAfterASmallBurst() {
        for (int n = 1; n <= 4; n++) {
            world.command(REPORTER, "Checkout is failing " + n);
        }
        world.settle();

        world.deliver(); // a root and a thread post each: eight posts to C0PAY

        List<Instant> at = world.api.calls("chat.postMessage").stream()
                .filter(call -> call.param("channel").equals(SlackWorld.CHANNEL))
                .map(FakeSlackApi.Call::at)
                .sorted()
                .toList();
        assertThat(at).hasSize(8);
        // a burst of four at once, then one a second: the i-th post no sooner than i - 3 seconds after the first
        for (int i = 4; i < at.size(); i++) {
            assertThat(Duration.between(at.getFirst(), at.get(i)))
                    .as("post %d of %s", i, at)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(i - 3).minusMillis(100));
        }
    }

    @Test
    void whileTheStoreIsAwayAButtonPressAndAFormSubmissionAreAnsweredTryAgain() {
        world.command(REPORTER, "Checkout is failing");
        world.settle();
        world.deliver();
        world.storeLink.cut();

        var press = world.press(SlackWorld.BOB, "escalator_ack", new EscalationId(1), "1700000300.000001");
        var form = world.submitForm(REPORTER, Map.of(EscalationForm.TITLE, "Refunds are stuck"));
        world.settle();

        assertThat(press.statusCode()).isEqualTo(200);
        assertThat(form.statusCode()).isEqualTo(200);
        String toldOnPress = world.api
                .await(FakeSlackApi.RESPONSE_URL, call -> call.param("url").contains("press-"))
                .text();
        assertThat(toldOnPress).as("the presser, by the press's response_url").contains("try again");
        assertThat(form.body()).as("the form's answer, shown in the form").contains("try again");
    }
}
