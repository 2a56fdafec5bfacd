package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.TimelineEntry;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11 on Discord through the real JDA client: the person tagged gets a message in their private channel ({@code
 * POST /users/@me/channels}) with Acknowledge and Decline; a press there, which has no guild, acts on the escalation
 * for people in the configuration only; the message is edited in place; a person who does not accept direct messages
 * (50007) is recorded and the step still counts.
 */
class DirectMessagesOnDiscordTest {
    static final EscalationId ESC_1 = new EscalationId(1);

    @AutoClose
    final DiscordWorld world = DiscordWorld.started();

    @Test
    void thePersonTaggedGetsAMessageInTheirPrivateChannelWithALinkAndTwoButtons() {
        open();

        String channel = world.rest.directMessagesWith(DiscordWorld.ALICE).orElseThrow();
        var dm = world.awaitCall(
                "the direct message",
                call -> call.method().equals("POST") && call.path().equals("/channels/" + channel + "/messages"));
        assertThat(dm.content())
                .contains("ESC-1")
                .contains("sev3")
                .contains("Checkout is failing")
                .contains("level 1/2")
                .contains("<t:")
                .contains("https://discord.com/channels/" + world.ids.guild() + "/" + world.ids.channel() + "/");
        assertThat(dm.body().toString())
                .contains(ButtonIds.ofDirectMessage(Action.ACKNOWLEDGE, ESC_1))
                .contains(ButtonIds.ofDirectMessage(Action.DECLINE, ESC_1));
        assertThat(dm.allowedParse()).isEmpty();
        assertThat(world.rest.postsIn(channel)).as("one direct message").hasSize(1);
    }

    @Test
    void acknowledgingFromTheDirectMessageActsAndTheMessageLosesItsButtons() {
        var pressed = acknowledgeInAlicesDirectMessage(DiscordWorld.ALICE);
        Eventually.holds("acknowledged", () -> escalation().status() == Status.ACKNOWLEDGED);
        world.deliver();

        var edit = world.awaitCall(
                "the direct message edited",
                call -> call.method().equals("PATCH")
                        && call.path().equals("/channels/" + pressed.channel() + "/messages/" + pressed.message()));
        assertThat(edit.content()).contains("acknowledged by");
        assertThat(edit.body().getArray("components").length())
                .as("buttons gone")
                .isZero();
    }

    @Test
    void aPressOutsideAGuildBySomeoneNotInTheConfigurationIsRefusedAndChangesNothing() {
        var pressed = acknowledgeInAlicesDirectMessage(DiscordWorld.EVE);

        var answer = world.awaitCall(
                "the refusal", call -> call.path().startsWith("/interactions/" + pressed.interaction() + "/"));
        assertThat(answer.body().getObject("data").getString("content")).contains("direct messages");
        assertThat(escalation().status()).isEqualTo(Status.OPEN);
    }

    @Test
    void someoneWhoDoesNotAcceptDirectMessagesIsRecordedAndTheStepStillCounts() {
        world.rest.refuseDirectMessagesTo(DiscordWorld.ALICE);

        open();

        assertThat(escalation().timeline())
                .extracting(TimelineEntry::event)
                .filteredOn(Event.NotReached.class::isInstance)
                .singleElement()
                .isEqualTo(new Event.NotReached(
                        new PersonId("alice"), Platform.DISCORD, 2, "they do not accept direct messages"));
        assertThat(escalation().status()).isEqualTo(Status.OPEN);
        assertThat(world.stores.outbox().waiting(world.clock.instant().plusSeconds(3600), 10))
                .isEmpty();
    }

    private void open() {
        world.openCheckoutFailing(DiscordWorld.ALICE);
        world.deliver();
    }

    /** ESC-1 opened; {@code user} presses Acknowledge on the direct message alice was sent, outside the guild. */
    private Pressed acknowledgeInAlicesDirectMessage(String user) {
        open();
        String channel = world.rest.directMessagesWith(DiscordWorld.ALICE).orElseThrow();
        String message = world.rest.messageIds(channel).getFirst();

        String interaction = world.nextInteraction();
        world.gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.directMessageButtonPress(
                        world.ids,
                        interaction,
                        user,
                        channel,
                        message,
                        ButtonIds.ofDirectMessage(Action.ACKNOWLEDGE, ESC_1)));
        return new Pressed(interaction, channel, message);
    }

    /** A press: its interaction, and the direct message's channel and message. */
    private record Pressed(String interaction, String channel, String message) {}

    private Escalation escalation() {
        return world.stores.escalations().find(ESC_1).orElseThrow();
    }
}
