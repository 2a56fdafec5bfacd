package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatPort;
import dev.escalator.core.EscalationId;
import dev.escalator.testing.FakeDiscordRest.Call;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A Discord call ends within {@link ChatPort#CALL_TIME_OUT}, as a Slack call does, so that a post in flight when its
 * replica falls silent has landed or been given up by the time another replica takes the claim over and looks for it
 * (docs/operations.md, "Slow replicas"). Without it, JDA waited for OkHttp's 10 s read time-out and then sent the
 * post again by itself. A post in doubt on Discord is made again with its nonce, which Discord answers with the
 * message it made ({@code enforce_nonce}).
 */
class DiscordCallTimeOutTest {
    /** Far past the call time-out and OkHttp's default read time-out (10 s). */
    static final Duration HELD = Duration.ofSeconds(40);
    /** The call time-out with room for a loaded machine; still under OkHttp's default read time-out. */
    static final Duration ENDED_WITHIN = ChatPort.CALL_TIME_OUT.plus(Duration.ofSeconds(6));

    @AutoClose
    final DiscordWorld world = DiscordWorld.started();

    @Test
    void aTagWhoseAnswerIsHeldEndsFailedWithinTheTimeOutAndIsNotMadeTwice() {
        EscalationId id = openAndDeliver();
        world.rest.holdAnswerOfNextPost(HELD);
        world.clock.advance(Duration.ofMinutes(5));
        world.steps.runOnce();

        long started = System.nanoTime();
        world.delivery.deliver(id);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("the held call given up at the time-out").isLessThan(ENDED_WITHIN);
        assertThat(levelTwoTags()).as("posted once, not sent again by JDA").hasSize(1);

        world.clock.advance(Duration.ofMinutes(1)); // delivery's backoff after a call without an answer
        world.delivery.deliver(id);

        List<Call> tags = levelTwoTags();
        assertThat(tags).as("sent again, in doubt").hasSize(2);
        assertThat(tags)
                .extracting(call -> call.body().getString("nonce"))
                .as("with the same nonce, which Discord answers with the message it made")
                .containsOnly(tags.getFirst().body().getString("nonce"));
        assertThat(world.rest.messagesKept(world.thread(1).threadId()))
                .as("the brief with level 1's tag, then level 2's tag: kept once")
                .isEqualTo(2);
        assertThat(world.stores.outbox().waiting(world.clock.instant().plus(Duration.ofDays(1)), 10))
                .as("everything delivered")
                .isEmpty();
    }

    private List<Call> levelTwoTags() {
        return world.rest.postsIn(world.thread(1).threadId()).stream()
                .filter(call -> call.content().contains("level 2/2"))
                .toList();
    }

    private EscalationId openAndDeliver() {
        world.openCheckoutFailing(DiscordWorld.ALICE);
        var id = new EscalationId(1);
        world.delivery.deliver(id);
        return id;
    }
}
