package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.FakeSlackApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dm: false} through the real Bolt app (SPEC §2, §11): a person who turned direct messages off is tagged in the
 * thread like anyone else and gets no direct message, while the other person at the level gets theirs.
 */
class NoDirectMessagesOnSlackTest {
    static final String CONFIG = """
            people:
              bob: {slack: U0BOB, dm: false}
              alice: {slack: U0ALICE}
            paths:
              payments:
                levels:
                  - {notify: [bob, alice], ack_timeout: 5m}
            channels:
              - {slack: C0PAY, path: payments}
            """;

    final SlackWorld world;

    NoDirectMessagesOnSlackTest() throws Exception {
        world = SlackWorld.withConfig(CONFIG);
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void aPersonWithDmFalseIsTaggedInTheThreadButGetsNoDirectMessageWhileTheOtherPersonDoes() {
        world.command(SlackWorld.REPORTER, "Checkout is failing");
        world.deliver();

        // bob is tagged first: had he a direct message, it would have gone out before alice's
        var alices = world.api.await(
                "chat.postMessage",
                call -> FakeSlackApi.directMessageChannel(SlackWorld.ALICE)
                        .equals(call.params().get("channel")));
        assertThat(alices.blocks()).contains("ESC-1").contains("escalator_ack");
        assertThat(world.api.calls("conversations.open"))
                .extracting(call -> call.param("users"))
                .containsExactly(SlackWorld.ALICE);
        assertThat(world.api.postsIn(FakeSlackApi.directMessageChannel(SlackWorld.BOB)))
                .as("no direct message to bob")
                .isEmpty();
        assertThat(world.api.calls("chat.postMessage"))
                .filteredOn(call -> SlackWorld.CHANNEL.equals(call.params().get("channel")))
                .extracting(FakeSlackApi.Call::text)
                .anySatisfy(post -> assertThat(post).contains("<@U0BOB>", "<@U0ALICE>", "level 1/1"));
    }
}
