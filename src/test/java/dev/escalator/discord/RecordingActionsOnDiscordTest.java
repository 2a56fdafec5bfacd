package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import dev.escalator.core.Cause;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Inbox;
import dev.escalator.core.Platform;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordRest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People's actions on Discord are recorded before the deferred reply (SPEC §8, STYLE habit 21): a store that hangs
 * gets the person an honest "try again" within Discord's 3 s, and trying again does the action once, also when the
 * first try was recorded after all.
 */
class RecordingActionsOnDiscordTest {
    static final EscalationId ESC_1 = new EscalationId(1);

    final AtomicLong interactions = FakeDiscord.interactionIds();
    DiscordWorld world;
    String root;

    @BeforeEach
    void startAndOpenOne() throws Exception {
        world = new DiscordWorld();
        String interaction = next();
        world.openCheckoutFailing(DiscordWorld.ALICE, interaction);
        world.delivery.deliver(ESC_1);
        root = world.stores.escalations().thread(ESC_1).orElseThrow().rootMessageId();
    }

    @AfterEach
    void stop() throws Exception {
        world.storeLink.restore();
        world.close();
    }

    @Test
    void aPressTheHangingStoreDidNotRecordInTimeIsAnsweredWithin3SecondsAndPressingAgainEscalatesOnce() {
        String escalate = ButtonIds.of(Action.ESCALATE, ESC_1);
        world.storeLink.hang();

        String first = next();
        long started = System.nanoTime();
        world.gateway.dispatch("INTERACTION_CREATE", press(first, escalate));
        FakeDiscordRest.Call answer = world.awaitCall(
                "the answer to the first press", call -> call.path().startsWith("/interactions/" + first + "/"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.body().getInt("type"))
                .as("a private message, not a deferral")
                .isEqualTo(4);
        assertThat(answer.body().getObject("data").getString("content"))
                .contains("may have been recorded", "try again", "trying again is safe");
        assertThat(took).isLessThan(Duration.ofSeconds(3));

        world.storeLink.restore();
        // the first press reached the store after all: recorded late, and let go of by this process
        Eventually.holds(
                "the late write let go of",
                () -> !world.stores.inbox().unclaimed(world.clock.instant(), 10).isEmpty());
        String again = next();
        world.gateway.dispatch("INTERACTION_CREATE", press(again, escalate));
        FakeDiscordRest.Call done = world.awaitAnswer(again);
        world.assembled.recordedActions().runOnce();

        assertThat(done.content()).contains("ESC-1");
        assertThat(escalation().level()).as("one level up, not two").isEqualTo(2);
        assertThat(escalation().timeline())
                .filteredOn(entry ->
                        entry.event() instanceof Event.Escalated escalated && escalated.cause() == Cause.MANUAL)
                .hasSize(1);
        assertThat(world.stores.inbox().unclaimed(world.clock.instant().plus(Duration.ofDays(1)), 10))
                .as("nothing left in the inbox")
                .isEmpty();
    }

    @Test
    void aReactionTheStoreCouldNotRecordIsTriedAgainAndActsOnce() throws InterruptedException {
        world.storeLink.cut();

        world.gateway.dispatch(
                "MESSAGE_REACTION_ADD",
                FakeDiscord.reaction(world.ids, world.ids.channel(), root, DiscordWorld.ALICE, "👀"));
        // Discord never sends the event again: the bot tries again by itself, with waits of 1, 5 and 30 s; those waits
        // are the bot's own sleeps in real time, not the test clock's, so the store stays cut past the first try
        Thread.sleep(Duration.ofMillis(2_500));
        world.storeLink.restore();

        Eventually.holds(
                "acknowledged",
                Duration.ofSeconds(45),
                () -> escalation().timeline().stream().anyMatch(entry -> entry.event() instanceof Event.Acknowledged));
        world.assembled.recordedActions().runOnce();
        assertThat(escalation().timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
    }

    @Test
    void aPressLeftByAProcessThatDiedIsAnsweredInItsInteractionWhileItsTokenIsValid() {
        leftByAProcessThatDied("discord:press:left", "token-of-a-dead-process");
        world.clock.advance(Duration.ofMinutes(5));

        world.assembled.recordedActions().runOnce();

        FakeDiscordRest.Call edit = world.awaitCall(
                "the deferred reply replaced",
                call -> call.method().equals("PATCH")
                        && call.path()
                                .equals("/webhooks/" + world.ids.application()
                                        + "/token-of-a-dead-process/messages/@original"));
        assertThat(edit.content()).contains("ESC-1");
        assertThat(escalation().level()).isEqualTo(2);
        assertThat(world.stores.inbox().unclaimed(world.clock.instant().plus(Duration.ofDays(1)), 10))
                .as("handled: the entry, and the token it kept, are gone")
                .isEmpty();
    }

    @Test
    void aPressLeftByAProcessThatDiedPastItsTokensLifeIsCarriedOutAndOnlyLogged() {
        leftByAProcessThatDied("discord:press:lapsed", "token-that-lapsed");
        world.clock.advance(DiscordListener.TOKEN_VALID.plusMinutes(1));

        world.assembled.recordedActions().runOnce();

        assertThat(escalation().level()).isEqualTo(2);
        assertThat(world.rest.calls())
                .as("the answer is given in the job's run, and past 15 minutes it is not sent")
                .noneMatch(call -> call.path().contains("token-that-lapsed"));
    }

    /** What a process killed after deferring a press of ⬆️ leaves: the press recorded with its token, not done. */
    private void leftByAProcessThatDied(String key, String token) {
        var press = world.assembled
                .actions()
                .press(
                        key,
                        new ChatUser(Platform.DISCORD, DiscordWorld.ALICE),
                        new ChannelRef(Platform.DISCORD, world.ids.channel()),
                        ESC_1,
                        Action.ESCALATE);
        assertThat(world.stores
                        .inbox()
                        .record(DiscordListener.answerable(press, token), "a-dead-process", world.clock.instant()))
                .isEqualTo(Inbox.Recorded.NEW);
    }

    private net.dv8tion.jda.api.utils.data.DataObject press(String interaction, String button) {
        return FakeDiscord.buttonPress(world.ids, interaction, DiscordWorld.ALICE, root, button);
    }

    private String next() {
        return String.valueOf(interactions.incrementAndGet());
    }

    private Escalation escalation() {
        return world.escalation(ESC_1);
    }
}
