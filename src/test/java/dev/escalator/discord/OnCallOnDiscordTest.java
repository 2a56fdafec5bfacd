package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.PersonId;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC §5 {@code oncall} and {@code override} on Discord, through the real JDA client against the fake Discord. */
class OnCallOnDiscordTest {
    static final String ALICE = DiscordWorld.ALICE;
    static final String BOB = DiscordWorld.BOB;

    static final String CONFIG = """
            people:
              alice: {discord: "111111111111111111", tz: Europe/Berlin}
              bob: {discord: "222222222222222222"}
            rotations:
              support: {members: [alice, bob], shift: 1w, handoff: "mon 09:00", tz: UTC}
            paths:
              payments:
                levels:
                  - {notify: [rotation:support], ack_timeout: 5m}
                  - {notify: [bob], ack_timeout: 10m}
            channels:
              - {discord: "500000000000000001", path: payments}
            """;

    final DiscordWorld world;
    final AtomicLong interactions = FakeDiscord.interactionIds();

    OnCallOnDiscordTest() throws Exception {
        world = new DiscordWorld(CONFIG);
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void oncallAndOverrideAreAnsweredPrivatelyAndTheOverrideCounts() {
        String before = command(BOB, "oncall", DataArray.empty());
        assertThat(before).contains("support").contains("next handoff");

        String other = before.contains(": alice;") ? BOB : ALICE;
        String otherName = other.equals(ALICE) ? "alice" : "bob";
        String answer = command(
                BOB,
                "override",
                DataArray.empty()
                        .add(FakeDiscord.stringOption("rotation", "support"))
                        .add(DataObject.empty()
                                .put("name", "user")
                                .put("type", 6)
                                .put("value", other))
                        .add(FakeDiscord.stringOption("for", "2h")));

        assertThat(answer).contains("Done: %s is on call in `support` for 2h".formatted(otherName));
        assertThat(command(ALICE, "oncall", DataArray.empty().add(FakeDiscord.stringOption("name", "payments"))))
                .contains(": %s (override by bob until".formatted(otherName));
        command(ALICE, "open", DataArray.empty().add(FakeDiscord.stringOption("title", "Checkout is failing")));
        Eventually.holds(
                "the escalation opened",
                () -> world.stores
                        .escalations()
                        .find(new dev.escalator.core.EscalationId(1))
                        .isPresent());
        assertThat(world.stores
                        .escalations()
                        .find(new dev.escalator.core.EscalationId(1))
                        .orElseThrow()
                        .tagged())
                .containsExactly(new PersonId(otherName));
    }

    private String command(String user, String subcommand, DataArray options) {
        String interaction = String.valueOf(interactions.incrementAndGet());
        world.gateway.dispatch(
                "INTERACTION_CREATE", FakeDiscord.slashCommand(world.ids, interaction, user, subcommand, options));
        return world.awaitAnswer(interaction).content();
    }
}
