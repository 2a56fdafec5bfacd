package dev.escalator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The kill -9 sequence the Slack and Discord tests share (SPEC §8, STYLE habit 21): a {@link ChildBot} that halts
 * right after answering the platform ({@code -Descalator.crash=after-answer}) is sent a reaction, a form submission, a
 * button press and a slash command in turn, each to a fresh process; the process after it finds the action in the
 * store and carries it out, once. A {@link Chat} says how people do each action on its platform and what the bot
 * posted there.
 */
public final class KilledAfterEachAnswer {
    private final ChildBot bot;
    private final Chat chat;
    private final Duration bound;
    private final Duration halts;

    /** What people do on one platform, and what the bot posted there. */
    public interface Chat {
        /** alice opens an escalation titled {@code title} by slash command; returns once the bot has answered. */
        void openByCommand(String title) throws Exception;

        /** Waits for ESC-1's root message and returns its id on the platform. */
        String awaitFirstRoot();

        /** bob reacts 👀 on the root message {@code root}; returns once the bot has it. */
        void acknowledgeByReaction(String root) throws Exception;

        /** alice submits the open form with the title {@code title}; returns once the bot has answered. */
        void openByForm(String title) throws Exception;

        /** bob presses Resolve on ESC-1's root message {@code root}; returns once the bot has answered. */
        void resolveByButton(String root) throws Exception;

        /**
         * The root messages in the path's channel, oldest first, as people see them: a post the platform answered with
         * the message an earlier attempt made (Discord's nonce) is not another.
         */
        List<?> roots();

        /** The posts in escalations' threads that contain {@code text}, as people see them. */
        List<?> threadPosts(String text);

        /** Every call the bot made to the platform, for a failure's message. */
        String calls();
    }

    /** {@code bound} waits for what the bot posts; {@code halts} for a crashing process to halt. */
    public KilledAfterEachAnswer(ChildBot bot, Chat chat, Duration bound, Duration halts) {
        this.bot = bot;
        this.chat = chat;
        this.bound = bound;
        this.halts = halts;
    }

    /** Runs the sequence and checks that each action was carried out once. */
    public void eachActionIsCarriedOutOnceAfterRestart() throws Exception {
        Process first = bot.start(Optional.empty());
        chat.openByCommand("Checkout is failing");
        String root = chat.awaitFirstRoot();
        ChildBot.stopGracefully(first);

        // a reaction: answered, killed; the next process acknowledges ESC-1
        Process crashing = crashingBot();
        chat.acknowledgeByReaction(root);
        bot.assertHalted(crashing, halts);

        // that process carries the acknowledgement out; then a form: answered, killed
        crashing = crashingBot();
        awaitThreadPost("acknowledged");
        chat.openByForm("Refunds are stuck");
        bot.assertHalted(crashing, halts);

        // the form opens ESC-2; then a button press resolving ESC-1: answered, killed
        crashing = crashingBot();
        Eventually.holds("ESC-2's root", bound, () -> chat.roots().size() == 2);
        chat.resolveByButton(root);
        bot.assertHalted(crashing, halts);

        // ESC-1 is resolved; then a slash command opening ESC-3: answered, killed
        crashing = crashingBot();
        awaitThreadPost("resolved");
        chat.openByCommand("Payouts are late");
        bot.assertHalted(crashing, halts);

        Process last = bot.start(Optional.empty());
        Eventually.holds("ESC-3's root", bound, () -> chat.roots().size() == 3);
        ChildBot.stopGracefully(last);

        assertThat(chat.roots()).as("ESC-1, ESC-2, ESC-3, each once").hasSize(3);
        assertThat(chat.threadPosts("acknowledged")).hasSize(1);
        assertThat(chat.threadPosts("resolved")).hasSize(1);
    }

    private Process crashingBot() throws Exception {
        return bot.start(Optional.of("after-answer"));
    }

    private void awaitThreadPost(String containing) {
        Eventually.holds(
                "a thread post saying " + containing + "; calls: " + chat.calls(),
                bound,
                () -> !chat.threadPosts(containing).isEmpty());
    }
}
