package dev.escalator.scenario;

import dev.escalator.core.Action;
import dev.escalator.core.Escalation;
import dev.escalator.core.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The bot on one chat platform, as its users and its store see it, for scenarios written once and run on Slack and
 * on Discord ({@link OnBothPlatforms}). Behind it is the production wiring ({@code AssembledBot}) with the real Bolt
 * app or JDA client over a fake platform API, an in-memory MongoDB and a test clock; no job loop runs, so time moves
 * only by {@link #advance} and nothing is posted but by {@link #advance} and the actions, which deliver what they
 * stored before they return.
 *
 * <p>The configuration is SPEC §2's example: {@code payments} tags the rotation {@code payments-primary} (alice and
 * bob, weekly from Monday 09:00 Berlin time), then bob and carol, then alice; repeat 1; severity 1 starts at level 2;
 * re-escalation 2 h after an unresolved acknowledgement; the fallback is a channel on the world's platform. The clock
 * starts at {@link dev.escalator.testing.Fixtures#IN_BOBS_WEEK}, in bob's week. alice has accounts on both platforms
 * (and is an admin), bob on Slack only, carol on Discord only; {@code stranger} is in no configuration, {@code
 * reporter} opens escalations.
 *
 * <p>People are named by their configuration id ({@code alice}); commands are typed in Slack's free-text syntax
 * ({@code up ESC-1 to:3 why}, {@code reassign ESC-1 @alice}) and the Discord world types them as Discord's
 * sub-command and options; reactions are named as in the configuration ({@code eyes}) and the Discord world sends
 * their Unicode emoji.
 */
public interface ChatWorld extends AutoCloseable {
    Platform platform();

    /** Someone on the path with an account on this platform who is not an admin: bob on Slack, carol on Discord. */
    String member();

    /**
     * How the thread names {@code person} when it tags them: their mention, or their name, "no … account" and that
     * their other platform is not connected (each world's bot connects to its own platform only, so they are reached
     * nowhere).
     */
    String tag(String person);

    /** How a user's own action is named in the thread and the root message: their mention. */
    String mention(String person);

    // ---- time

    Instant now();

    /** Moves the clock on, fires the steps due by then and delivers what they post. */
    void advance(Duration duration);

    /** Moves the clock on and nothing else. */
    void moveClock(Duration duration);

    // ---- what people do; each returns once the bot has answered and delivered what it stored

    /** {@code /escalate text} typed by {@code person} in the path's channel; returns the private answer. */
    String type(String person, String text);

    /**
     * {@code /escalate text} typed by {@code person} about ESC-{@code number} with its id left out: inside its thread
     * on Discord; on Slack, where commands are typed in the channel, with the id after the sub-command.
     */
    String typeInThread(String person, long number, String text);

    /** {@code person} reacts with {@code reaction} (a configuration name, e.g. {@code eyes}) on ESC-n's root message. */
    void react(String person, long number, String reaction);

    /** {@code person} presses the root message's button for {@code action}; returns the private answer. */
    String press(String person, long number, Action action);

    // ---- what they see

    /** The posts in ESC-n's thread, oldest first. */
    List<String> thread(long number);

    /** ESC-n's root message as it shows now (after its latest edit). */
    String root(long number);

    /** The buttons ESC-n's root message shows now, of Acknowledge / Resolve / Escalate. */
    List<Action> rootButtons(long number);

    /** Every post the bot made in the path's channel and in threads, oldest first (answers and DMs not included). */
    List<String> everyPost();

    /** Whether the latest answer to a command or a button went to its author alone (Slack ephemeral, Discord flag). */
    boolean answeredPrivately();

    /** The link the platform gives to ESC-n's root message (Slack's permalink, Discord's message URL). */
    String rootMessageLink(long number);

    /** What {@code person} was told privately about their reactions (Slack ephemeral, Discord direct message). */
    List<String> toldPrivately(String person);

    /**
     * What {@code person} was told privately, once they were told something: a private explanation may follow the
     * store write that made the action's effect visible (Discord's direct message does).
     */
    default List<String> awaitToldPrivately(String person) {
        return dev.escalator.testing.Eventually.found(
                person + " told privately",
                () -> java.util.Optional.of(toldPrivately(person)).filter(told -> !told.isEmpty()));
    }

    // ---- direct messages (SPEC §11)

    /** ESC-n's newest direct message to {@code person} on this platform, as it shows now (after its latest edit). */
    String directMessage(String person, long number);

    /** The buttons that message shows now, of Acknowledge / Decline. */
    List<Action> directMessageButtons(String person, long number);

    /**
     * {@code person} presses the button for {@code action} on ESC-n's newest direct message to them, in their
     * direct-message channel; returns the private answer.
     */
    String pressInDirectMessage(String person, long number, Action action);

    /**
     * From now on the platform refuses the bot's messages to {@code person} and its edits of those sent before: they
     * blocked the bot, or their direct-message conversation is gone (Slack answers {@code channel_not_found}, Discord
     * 50007 "Cannot send messages to this user").
     */
    void closeDirectMessages(String person);

    /** The posts in the path's fallback channel other than root messages and threads, oldest first. */
    List<String> fallbackAlerts();

    // ---- what the store holds

    Escalation escalation(long number);

    /** A second replica on the same store and platform; the world closes it. */
    Replica secondReplica() throws Exception;

    /** Another bot process on the world's store, driven by hand as the world's own is. */
    interface Replica {
        /** Fires the steps due at the world's clock. */
        void fireDueSteps();

        /** Delivers what is waiting. */
        void deliver();
    }

    /** Fires the world's own bot's due steps without moving the clock or delivering. */
    void fireDueSteps();

    /** Delivers what is waiting, from the world's own bot. */
    void deliver();
}
