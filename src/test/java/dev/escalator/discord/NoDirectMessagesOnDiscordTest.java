package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.EscalationId;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordRest;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dm: false} through the real JDA client (SPEC §2, §11): a person who turned direct messages off is tagged in
 * the thread like anyone else and gets no direct message, while the other person at the level gets theirs.
 */
class NoDirectMessagesOnDiscordTest {
    static final String CONFIG = """
            people:
              alice: {discord: "111111111111111111", dm: false}
              bob: {discord: "222222222222222222"}
            paths:
              payments:
                levels:
                  - {notify: [alice, bob], ack_timeout: 5m}
            channels:
              - {discord: "500000000000000001", path: payments}
            """;

    final AtomicLong interactions = new AtomicLong((System.currentTimeMillis() - 1_420_070_400_000L) << 22);
    DiscordWorld world;

    @BeforeEach
    void start() throws Exception {
        world = new DiscordWorld(CONFIG);
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void aPersonWithDmFalseIsTaggedInTheThreadButGetsNoDirectMessageWhileTheOtherPersonDoes() {
        String interaction = String.valueOf(interactions.incrementAndGet());
        world.gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        world.ids,
                        interaction,
                        DiscordWorld.BOB,
                        "open",
                        DataArray.empty().add(FakeDiscord.stringOption("title", "Checkout is failing"))));
        Eventually.holds(
                "opened",
                () -> world.stores.escalations().find(new EscalationId(1)).isPresent());
        world.deliver();

        // alice is tagged first: had she a direct message, it would have gone out before bob's
        String bobs =
                Eventually.found("bob's direct-message channel", () -> world.rest.directMessagesWith(DiscordWorld.BOB));
        var dm = world.awaitCall(
                "bob's direct message",
                call -> call.method().equals("POST") && call.path().equals("/channels/" + bobs + "/messages"));
        assertThat(dm.content()).contains("ESC-1");
        assertThat(world.rest.directMessagesWith(DiscordWorld.ALICE))
                .as("no direct message to alice")
                .isEmpty();
        assertThat(world.rest.postsIn(world.thread(1).threadId()))
                .extracting(FakeDiscordRest.Call::content)
                .anySatisfy(post -> assertThat(post)
                        .contains("<@" + DiscordWorld.ALICE + ">", "<@" + DiscordWorld.BOB + ">", "level 1/1"));
    }
}
