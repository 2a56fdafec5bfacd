package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.BOB;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Actor;
import dev.escalator.core.Cause;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Status;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC §7: each reaction and each button, by someone on the path (bob, on call for level 1), does its own action. A
 * bot that read every reaction as an acknowledgement would pass a test of 👀 alone; it fails here.
 */
class EveryActionOnSlackTest {
    /** What a person on the path can do, the reaction and button that do it, and what the store then holds. */
    enum Act {
        ACKNOWLEDGE("eyes", "escalator_ack", e -> {
            assertThat(e.status()).isEqualTo(Status.ACKNOWLEDGED);
            assertThat(((Actor.User) e.acknowledgedBy().orElseThrow()).account().userId())
                    .isEqualTo(BOB);
        }),
        RESOLVE("white_check_mark", "escalator_resolve", e -> {
            assertThat(e.status()).isEqualTo(Status.RESOLVED);
            assertThat(e.timeline().getLast().event()).isInstanceOf(Event.Resolved.class);
        }),
        ESCALATE("arrow_up", "escalator_up", e -> {
            assertThat(e.status()).isEqualTo(Status.OPEN);
            assertThat(e.level()).isEqualTo(2);
            assertThat(e.timeline())
                    .anyMatch(entry ->
                            entry.event() instanceof Event.Escalated escalated && escalated.cause() == Cause.MANUAL);
            assertThat(e.timeline()).noneMatch(entry -> entry.event() instanceof Event.Declined);
        }),
        DECLINE("x", null, e -> {
            assertThat(e.status()).isEqualTo(Status.OPEN);
            assertThat(e.level()).isEqualTo(2);
            assertThat(e.timeline()).anyMatch(entry -> entry.event() instanceof Event.Declined);
        });

        final String reaction;
        /** The root message's button for it; declining has none (SPEC §6: Acknowledge / Resolve / Escalate). */
        final String button;

        final Consumer<Escalation> done;

        Act(String reaction, String button, Consumer<Escalation> done) {
            this.reaction = reaction;
            this.button = button;
            this.done = done;
        }
    }

    final SlackWorld world;
    String root;

    EveryActionOnSlackTest() throws Exception {
        world = new SlackWorld();
    }

    @BeforeEach
    void openOne() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();
        root = world.api.await("chat.postMessage").ts();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @ParameterizedTest
    @EnumSource(Act.class)
    void eachReactionBySomeoneOnThePathDoesItsOwnAction(Act act) {
        var answer = world.reaction(BOB, root, act.reaction);
        world.settle();

        assertThat(answer.statusCode()).isEqualTo(200);
        act.done.accept(world.escalation(1));
    }

    @ParameterizedTest
    @EnumSource(
            value = Act.class,
            names = {"DECLINE"},
            mode = EnumSource.Mode.EXCLUDE)
    void eachButtonPressedBySomeoneOnThePathDoesItsOwnAction(Act act) {
        var answer = world.press(BOB, act.button, new EscalationId(1), "1700000300.000001");
        world.settle();

        assertThat(answer.statusCode()).isEqualTo(200);
        act.done.accept(world.escalation(1));
    }
}
