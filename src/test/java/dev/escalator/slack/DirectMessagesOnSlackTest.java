package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.BOB;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Actor;
import dev.escalator.core.ChatUser;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.TimelineEntry;
import dev.escalator.testing.FakeSlackApi;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11 on Slack through the real Bolt app: the person tagged gets a direct message ({@code conversations.open},
 * then {@code chat.postMessage} in that channel) with Acknowledge and Decline; pressing one there acts on the
 * escalation, and the message is updated in place; one that cannot be delivered is recorded and the step still counts.
 */
class DirectMessagesOnSlackTest {
    static final EscalationId ESC_1 = new EscalationId(1);
    static final String BOB_DM = FakeSlackApi.directMessageChannel(BOB);

    final SlackWorld world;

    DirectMessagesOnSlackTest() throws Exception {
        world = new SlackWorld();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void thePersonTaggedGetsADirectMessageWithTheEscalationALinkToTheThreadAndTwoButtons() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();

        var opened = world.api.await("conversations.open");
        assertThat(opened.param("users")).isEqualTo(BOB);
        var dm = world.api.await(
                "chat.postMessage", call -> BOB_DM.equals(call.params().get("channel")));
        String root = world.api.calls("chat.postMessage").getFirst().ts();
        assertThat(dm.blocks())
                .contains("ESC-1")
                .contains("sev3")
                .contains("Checkout is failing")
                .contains("level 1/3")
                .contains("<!date^")
                .contains(FakeSlackApi.permalink(SlackWorld.CHANNEL, root))
                .contains("\"action_id\":\"escalator_ack\"")
                .contains("\"action_id\":\"escalator_decline\"")
                .contains("\"value\":\"1\"");
        assertThat(world.api.postsIn(BOB_DM)).as("one direct message").hasSize(1);
    }

    @Test
    void aPersonsDirectMessageChannelIsOpenedOnceForEveryMessageToThem() {
        world.command(REPORTER, "Checkout is failing");
        world.command(REPORTER, "Payments are slow");
        world.deliver();

        assertThat(world.api.postsIn(BOB_DM)).as("a direct message about each").hasSize(2);
        assertThat(world.api.calls("conversations.open"))
                .as("Slack gives one user the same channel every time")
                .hasSize(1);
    }

    @Test
    void acknowledgingFromTheDirectMessageActsOnTheEscalationAndUpdatesTheMessageWithoutButtons() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();
        String dm = world.api
                .await("chat.postMessage", call -> BOB_DM.equals(call.params().get("channel")))
                .ts();

        world.press(BOB, "escalator_ack", ESC_1, "1700000300.000001");
        world.settle();
        world.deliver();

        assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);
        var update = world.api.await(
                "chat.update", call -> BOB_DM.equals(call.params().get("channel")));
        assertThat(update.param("ts")).isEqualTo(dm);
        assertThat(update.blocks()).contains("acknowledged by <@" + BOB + ">").doesNotContain("escalator_ack");
        assertThat(world.api.await("chat.postMessage", call -> call.text().contains("acknowledged")))
                .as("the thread shows it too")
                .isNotNull();
    }

    @Test
    void decliningFromTheDirectMessageEscalatesToTheNextLevel() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();

        world.press(BOB, "escalator_decline", ESC_1, "1700000300.000002");
        world.settle();

        assertThat(world.escalation(1).level()).isEqualTo(2);
        assertThat(world.escalation(1).timeline())
                .extracting(TimelineEntry::event)
                .hasAtLeastOneElementOfType(Event.Declined.class);
    }

    @Test
    void decliningInTheDirectMessageChannelRecordsTheDeclineEscalatesAndUpdatesTheMessage() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();
        String dm = world.api
                .await("chat.postMessage", call -> BOB_DM.equals(call.params().get("channel")))
                .ts();

        world.pressInDirectMessage(BOB, "escalator_decline", ESC_1, dm, "1700000300.000003");
        world.settle();
        world.deliver();

        var escalation = world.escalation(1);
        assertThat(escalation.level()).isEqualTo(2);
        assertThat(escalation.status()).isEqualTo(Status.OPEN);
        assertThat(escalation.timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Declined)
                .singleElement()
                .satisfies(entry -> assertThat(entry.actor())
                        .isEqualTo(Actor.User.known(new ChatUser(Platform.SLACK, BOB), new PersonId("bob"))));
        var update = world.api.await(
                "chat.update",
                call -> BOB_DM.equals(call.params().get("channel"))
                        && dm.equals(call.params().get("ts")));
        assertThat(update.blocks())
                .as("the level 1 message shows the escalation moved on, without buttons")
                .contains("level 2/3")
                .doesNotContain("escalator_ack")
                .doesNotContain("escalator_decline");
        assertThat(world.api.await("chat.postMessage", call -> call.text().contains("can't take it")))
                .as("the thread shows the decline")
                .satisfies(post -> assertThat(post.text()).contains("<@" + BOB + ">"));
    }

    @Test
    void aPersonWhoCannotGetDirectMessagesIsRecordedInTheTimelineAndTheStepStillCounts() {
        world.api.refuseUntilStopped("conversations.open", "cannot_dm_bot");

        world.command(REPORTER, "Checkout is failing");
        world.deliver();

        var escalation = world.escalation(1);
        assertThat(escalation.timeline())
                .extracting(TimelineEntry::event)
                .filteredOn(Event.NotReached.class::isInstance)
                .singleElement()
                .satisfies(event -> {
                    var missed = (Event.NotReached) event;
                    assertThat(missed.person()).isEqualTo(new PersonId("bob"));
                    assertThat(missed.platform()).isEqualTo(Platform.SLACK);
                    assertThat(missed.reason()).contains("cannot_dm_bot");
                });
        assertThat(escalation.status()).isEqualTo(Status.OPEN);
        assertThat(world.api.await("chat.postMessage", call -> call.text().contains("level 1/3")))
                .as("the tag in the thread")
                .isNotNull();
        assertThat(world.stores.outbox().waiting(world.clock.instant().plusSeconds(3600), 10))
                .as("nothing left to retry")
                .isEmpty();
    }

    @Test
    void someoneOnlyOnDiscordIsSaidNotReachedByABotThatDoesNotConnectToDiscordAndTheStepStillCounts() {
        world.command(REPORTER, "Checkout is failing");
        world.deliver();

        world.advance(Duration.ofMinutes(5));

        var escalation = world.escalation(1);
        assertThat(escalation.level()).as("the step counts").isEqualTo(2);
        assertThat(escalation.status()).isEqualTo(Status.OPEN);
        int tag = escalation.timeline().stream()
                .filter(entry -> entry.event() instanceof Event.Tagged tagged && tagged.level() == 2)
                .findFirst()
                .orElseThrow()
                .seq();
        assertThat(escalation.timeline())
                .extracting(TimelineEntry::event)
                .filteredOn(Event.NotReached.class::isInstance)
                .containsExactly(new Event.NotReached(
                        new PersonId("carol"), Platform.DISCORD, tag, "no Slack account and Discord is not connected"));
        assertThat(world.api
                        .await("chat.postMessage", call -> call.text().contains("level 2/3"))
                        .text())
                .as("the thread's tag says so")
                .contains("<@" + BOB + ">")
                .contains("carol (no Slack account and Discord is not connected)")
                .doesNotContain("reached by direct message");
    }

    @Test
    void anAppInstalledBeforeTheImWriteScopeRecordsWhyAndSaysToReinstall() {
        world.api.refuseUntilStopped("conversations.open", "missing_scope");

        world.command(REPORTER, "Checkout is failing");
        world.deliver();

        assertThat(world.escalation(1).timeline())
                .extracting(TimelineEntry::event)
                .filteredOn(Event.NotReached.class::isInstance)
                .singleElement()
                .satisfies(event -> assertThat(((Event.NotReached) event).reason())
                        .contains("im:write")
                        .contains("reinstall"));
    }
}
