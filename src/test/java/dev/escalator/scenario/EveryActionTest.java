package dev.escalator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import dev.escalator.core.Actor;
import dev.escalator.core.Cause;
import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §2 and §7: each reaction (👀 ✅ ⬆️ ❌) and each root-message button, by someone on the path, does its own
 * action, on Slack and on Discord. A bot that read every reaction as an acknowledgement would pass a test of 👀 alone;
 * it fails here.
 */
class EveryActionTest {
    /** What a person on the path can do, the reaction and button that do it, and what the store then holds. */
    enum Act {
        ACKNOWLEDGE("eyes", Action.ACKNOWLEDGE, (world, e) -> {
            assertThat(e.status()).isEqualTo(Status.ACKNOWLEDGED);
            assertThat("<@"
                            + ((Actor.User) e.acknowledgedBy().orElseThrow())
                                    .account()
                                    .userId() + ">")
                    .isEqualTo(world.mention(world.member()));
        }),
        RESOLVE("white_check_mark", Action.RESOLVE, (world, e) -> {
            assertThat(e.status()).isEqualTo(Status.RESOLVED);
            assertThat(e.timeline().getLast().event()).isInstanceOf(Event.Resolved.class);
        }),
        ESCALATE("arrow_up", Action.ESCALATE, (world, e) -> {
            assertThat(e.status()).isEqualTo(Status.OPEN);
            assertThat(e.level()).isEqualTo(2);
            assertThat(e.timeline())
                    .anyMatch(entry ->
                            entry.event() instanceof Event.Escalated escalated && escalated.cause() == Cause.MANUAL);
            assertThat(e.timeline()).noneMatch(entry -> entry.event() instanceof Event.Declined);
        }),
        /** Declining has no button (SPEC §6: Acknowledge / Resolve / Escalate). */
        DECLINE("x", null, (world, e) -> {
            assertThat(e.status()).isEqualTo(Status.OPEN);
            assertThat(e.level()).isEqualTo(2);
            assertThat(e.timeline()).anyMatch(entry -> entry.event() instanceof Event.Declined);
        });

        final String reaction;
        final Action button;
        final BiConsumer<ChatWorld, Escalation> done;

        Act(String reaction, Action button, BiConsumer<ChatWorld, Escalation> done) {
            this.reaction = reaction;
            this.button = button;
            this.done = done;
        }
    }

    static Stream<Arguments> reactions() {
        return Arrays.stream(Platform.values())
                .flatMap(platform -> Arrays.stream(Act.values()).map(act -> Arguments.of(platform, act)));
    }

    static Stream<Arguments> buttons() {
        return reactions().filter(arguments -> ((Act) arguments.get()[1]).button != null);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("reactions")
    void eachReactionBySomeoneOnThePathDoesItsOwnAction(Platform platform, Act act) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Checkout is failing");

            world.react(world.member(), 1, act.reaction);

            act.done.accept(world, world.escalation(1));
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("buttons")
    void eachButtonPressedBySomeoneOnThePathDoesItsOwnActionAndAnswersPrivately(Platform platform, Act act)
            throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Checkout is failing");

            String answer = world.press(world.member(), 1, act.button);

            act.done.accept(world, world.escalation(1));
            assertThat(answer).contains("Done");
            assertThat(world.answeredPrivately()).isTrue();
        }
    }
}
