package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.ALICE;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static dev.escalator.slack.SlackWorld.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatPort;
import dev.escalator.testing.FakeSlackApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When Slack's Web API fails (a 500, a call that hangs past the client's wait, an answer lost after Slack posted), a
 * post arrives late: never lost, never twice. The 429 case is in {@link SlackSafetyTest}.
 */
class SlackFaultsTest {
    final SlackWorld world;

    SlackFaultsTest() throws Exception {
        world = new SlackWorld();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void aRootPostAnswered500IsPostedOnceOnALaterTry() {
        world.api.failOnce("chat.postMessage", 500, "{\"ok\":false,\"error\":\"internal_error\"}");
        world.command(REPORTER, "Checkout is failing");

        world.deliver();
        assertThat(world.api.calls("chat.postMessage (500)")).hasSize(1);
        assertThat(roots()).isEmpty();

        world.clock.advance(Duration.ofSeconds(2));
        world.deliver();

        assertThat(roots()).hasSize(1);
        assertThat(tagsOfLevel(1)).hasSize(1);
    }

    @Test
    void aTagAnswered500ReachesTheThreadOnceAndLevelTwoStillFollows() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();
        assertThat(tagsOfLevel(1)).hasSize(1);

        world.api.failOnce("chat.postMessage", 503, "upstream unavailable");
        world.advance(Duration.ofMinutes(5));
        assertThat(tagsOfLevel(2)).isEmpty();

        world.clock.advance(Duration.ofSeconds(2));
        world.deliver();
        assertThat(tagsOfLevel(2)).hasSize(1);

        world.advance(Duration.ofMinutes(10));
        assertThat(tagsOfLevel(3)).hasSize(1);
        assertThat(roots()).hasSize(1);
    }

    @Test
    void aPostThatHangsPastTheClientsWaitIsPostedOnceLater() {
        // longer than the Slack client waits for a call, all in
        world.api.slowOnce("chat.postMessage", ChatPort.CALL_TIME_OUT.multipliedBy(3));
        world.command(REPORTER, "Checkout is failing");

        world.deliver();
        assertThat(world.api.calls("chat.postMessage (slow)")).hasSize(1);
        assertThat(roots()).isEmpty();

        world.clock.advance(Duration.ofSeconds(2));
        world.deliver();

        assertThat(roots()).hasSize(1);
        assertThat(tagsOfLevel(1)).hasSize(1);
    }

    @Test
    void aRootPostedWhoseAnswerWasLostIsFoundInTheChannelNotPostedAgain() {
        world.api.loseAnswerOnce("chat.postMessage", Duration.ZERO);
        world.command(REPORTER, "Checkout is failing");

        world.deliver();
        assertThat(roots()).as("Slack posted it; the bot only saw a 504").hasSize(1);

        world.clock.advance(Duration.ofSeconds(2));
        world.deliver();

        assertThat(world.api.calls("conversations.history")).isNotEmpty();
        assertThat(roots()).hasSize(1);
        String root = roots().getFirst().ts();
        assertThat(tagsOfLevel(1))
                .singleElement()
                .satisfies(tag -> assertThat(tag.param("thread_ts")).isEqualTo(root));
    }

    @Test
    void aTagPostedWhoseAnswerWasLostIsFoundInTheThreadNotPostedAgain() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();

        world.api.loseAnswerOnce("chat.postMessage", Duration.ZERO);
        world.advance(Duration.ofMinutes(5));
        assertThat(tagsOfLevel(2)).hasSize(1);

        world.clock.advance(Duration.ofSeconds(2));
        world.deliver();
        world.advance(Duration.ofMinutes(10));

        assertThat(world.api.calls("conversations.replies")).isNotEmpty();
        assertThat(tagsOfLevel(2)).hasSize(1);
        assertThat(tagsOfLevel(3)).as("and the escalation goes on").hasSize(1);
    }

    @Test
    void aLookSlackRefusesForLackOfAScopeStillLetsThePostInDoubtGoOut() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();
        world.api.loseAnswerOnce("chat.postMessage", Duration.ZERO);
        world.advance(Duration.ofMinutes(5));
        world.api.failOnce("conversations.replies", 200, "{\"ok\":false,\"error\":\"missing_scope\"}");

        world.clock.advance(Duration.ofSeconds(2));
        world.deliver();

        assertThat(world.api.calls("conversations.replies (200)")).hasSize(1);
        assertThat(tagsOfLevel(2))
                .as("posted again rather than held back until given up: twice, not never")
                .hasSize(2);
        assertThat(world.stores.outbox().waiting(world.clock.instant().plus(Duration.ofMinutes(1)), 10))
                .isEmpty();
    }

    @Test
    void aLevelTwoTagSlackRefusesWithInvalidAuthForHoursGoesOutOnceTheTokenWorksAgain() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();
        assertThat(tagsOfLevel(1)).hasSize(1);
        world.api.refuseUntilStopped("chat.postMessage", "invalid_auth");

        world.advance(Duration.ofMinutes(5)); // level 2 is due, and Slack refuses the bot
        for (int minute = 0; minute < 8 * 60; minute++) {
            world.clock.advance(Duration.ofMinutes(1));
            world.deliver();
        }

        assertThat(world.api.calls("chat.postMessage (invalid_auth)").size())
                .as("still trying after 8 hours, every 10 minutes at most")
                .isGreaterThanOrEqualTo(8 * 6);
        assertThat(text(world.command(ALICE, "status ESC-1")))
                .contains("level 2 tag not delivered yet: Slack says chat.postMessage: invalid_auth");
        assertThat(text(world.command(ALICE, "timeline ESC-1")))
                .contains("level 2 tag not delivered yet: Slack says chat.postMessage: invalid_auth");
        assertThat(world.escalation(1).level()).isEqualTo(2);

        world.api.stopRefusing("chat.postMessage");
        world.clock.advance(Duration.ofMinutes(10));
        world.deliver();

        assertThat(tagsOfLevel(2)).hasSize(1);
        assertThat(text(world.command(ALICE, "status ESC-1"))).doesNotContain("not delivered");
        assertThat(text(world.command(ALICE, "timeline ESC-1"))).contains("level 2 tag delivered, late");
        assertThat(world.stores.outbox().waiting(world.clock.instant().plus(Duration.ofHours(1)), 10))
                .isEmpty();
    }

    /** The messages in channels themselves: not thread posts, nor direct messages ({@code D…} channels). */
    private List<FakeSlackApi.Call> roots() {
        return world.api.calls("chat.postMessage").stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .filter(call -> !call.param("channel").startsWith("D"))
                .toList();
    }

    /** The thread's tags of {@code level}: not the direct messages about them. */
    private List<FakeSlackApi.Call> tagsOfLevel(int level) {
        return world.api.calls("chat.postMessage").stream()
                .filter(call -> call.text().contains("level " + level + "/3"))
                .filter(call -> !call.param("channel").startsWith("D"))
                .toList();
    }
}
