package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.ALICE;
import static dev.escalator.slack.SlackWorld.BOB;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static dev.escalator.slack.SlackWorld.STRANGER;
import static dev.escalator.slack.SlackWorld.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.PersonId;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC §5 {@code oncall} and {@code override} on Slack, through the real Bolt app. */
class OnCallOnSlackTest {
    final SlackWorld world;

    OnCallOnSlackTest() throws Exception {
        world = new SlackWorld();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void oncallSaysWhoIsOnCallAndTheNextHandoffInTheirLocalTime() {
        String answer = text(world.command(STRANGER, "oncall"));

        assertThat(answer)
                .contains("payments-primary")
                .contains(": bob; next handoff")
                .contains("to alice (Mon 09:00 their time, Europe/Berlin)");
    }

    @Test
    void oncallOfAPathNamesItsRotations() {
        assertThat(text(world.command(STRANGER, "oncall payments"))).contains("path `payments`", "payments-primary");
        assertThat(text(world.command(STRANGER, "oncall nothing"))).contains("no path or rotation `nothing`");
    }

    @Test
    void aMemberOverridesAndTheNextLevelTagsTheOverridingPerson() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();
        assertThat(world.escalation(1).tagged()).containsExactly(new PersonId("bob"));

        String answer = text(world.command(BOB, "override payments-primary <@" + ALICE + "> 8h"));

        assertThat(answer).contains("Done: alice is on call in `payments-primary` for 8h");
        assertThat(text(world.command(STRANGER, "oncall payments-primary"))).contains(": alice (override by bob until");
        // nobody acknowledges: levels 1, 2, 3, then the path repeats from level 1, which resolves the rotation again
        world.advance(Duration.ofMinutes(5));
        world.advance(Duration.ofMinutes(10));
        world.advance(Duration.ofMinutes(15));
        assertThat(world.escalation(1).level()).isEqualTo(1);
        assertThat(world.escalation(1).tagged()).containsExactly(new PersonId("alice"));
        var tag = world.api.await(
                "chat.postMessage",
                call -> call.text().contains("level 1/3") && call.text().contains(ALICE));
        assertThat(tag.text()).contains("<@" + ALICE + ">");
    }

    @Test
    void someoneOutsideTheRotationCannotOverride() {
        String answer = text(world.command(STRANGER, "override payments-primary <@" + ALICE + "> 8h"));

        assertThat(answer).contains("only admins and the members of `payments-primary`");
        assertThat(text(world.command(STRANGER, "oncall"))).contains(": bob; next handoff");
    }

    @Test
    void aBadOverrideSaysHowToWriteIt() {
        assertThat(text(world.command(BOB, "override payments-primary"))).contains("/escalate override ROTATION");
        assertThat(text(world.command(BOB, "override payments-primary <@" + ALICE + "> soon")))
                .contains("takes a duration");
    }
}
