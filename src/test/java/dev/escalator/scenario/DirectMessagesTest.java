package dev.escalator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import dev.escalator.core.Event;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.TimelineEntry;
import java.time.Duration;

/**
 * SPEC §11, written once, run on Slack and on Discord: the people tagged get a direct message naming the escalation,
 * with Acknowledge and Decline, and pressing Acknowledge there acts on it; one the platform no longer lets the bot
 * update is recorded in the timeline. Given SPEC §2's configuration in the week
 * after {@link dev.escalator.testing.Fixtures#IN_BOBS_WEEK}, alice's week on call for level 1 (she has an account on both platforms), the
 * reporter opens ESC-1 in the path's channel.
 */
class DirectMessagesTest {

    private static ChatWorld openedInAlicesWeek(Platform platform) throws Exception {
        var world = Worlds.on(platform);
        world.moveClock(Duration.ofDays(7));
        world.type("reporter", "Checkout is failing");
        return world;
    }

    @OnBothPlatforms
    void levelOneGetsADirectMessageNamingTheEscalationWithAcknowledgeAndDecline(Platform platform) throws Exception {
        try (var world = openedInAlicesWeek(platform)) {
            assertThat(world.thread(1).getFirst()).contains(world.tag("alice"), "level 1/3");
            assertThat(world.directMessage("alice", 1)).contains("ESC-1", "sev3", "Checkout is failing", "level 1/3");
            assertThat(world.directMessageButtons("alice", 1)).containsExactly(Action.ACKNOWLEDGE, Action.DECLINE);
        }
    }

    @OnBothPlatforms
    void acknowledgingInTheDirectMessageAcknowledgesAndTheRootTheThreadAndTheMessageShowIt(Platform platform)
            throws Exception {
        try (var world = openedInAlicesWeek(platform)) {
            world.pressInDirectMessage("alice", 1, Action.ACKNOWLEDGE);

            assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);
            assertThat(world.root(1)).contains("acknowledged by " + world.mention("alice"), "level 1/3");
            assertThat(world.thread(1).getLast()).contains(world.mention("alice") + " acknowledged");
            assertThat(world.directMessage("alice", 1)).contains("acknowledged by " + world.mention("alice"));
            assertThat(world.directMessageButtons("alice", 1))
                    .as("buttons gone")
                    .isEmpty();
        }
    }

    @OnBothPlatforms
    void aDirectMessageThePlatformNoLongerLetsTheBotUpdateIsRecordedOnceAndHoldsUpNothing(Platform platform)
            throws Exception {
        try (var world = openedInAlicesWeek(platform)) {
            world.closeDirectMessages("alice"); // she blocked the bot, or her conversation with it is gone

            world.type(world.member(), "ack ESC-1");
            world.type(world.member(), "resolve ESC-1");

            assertThat(world.escalation(1).status()).isEqualTo(Status.RESOLVED);
            assertThat(world.thread(1).getLast())
                    .as("the thread's posts after the refused updates went out")
                    .contains(world.mention(world.member()) + " resolved");
            assertThat(world.escalation(1).timeline())
                    .extracting(TimelineEntry::event)
                    .filteredOn(Event.NotUpdated.class::isInstance)
                    .as("said once, not at each of the two updates")
                    .singleElement()
                    .isInstanceOfSatisfying(Event.NotUpdated.class, stale -> {
                        assertThat(stale.person()).isEqualTo(new PersonId("alice"));
                        assertThat(stale.platform()).isEqualTo(platform);
                    });
            assertThat(world.type("alice", "timeline ESC-1"))
                    .contains("Could not update the direct message to alice on " + platform.displayName());
        }
    }
}
