package dev.escalator.demo;

import dev.escalator.config.Emoji;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's people acting on its Slack: each action printed as the channel shows it, then sent to the bot as Slack
 * sends it. Reactions and presses go to the newest escalation's message.
 */
final class Stage {
    private static final Pattern ROOT = Pattern.compile("ESC-(\\d+)");

    private final FakeSlack slack;
    private final SlackRequests requests;
    private final ThreadPrinter printer;
    private final ScaledClock clock;

    Stage(FakeSlack slack, SlackRequests requests, ThreadPrinter printer, ScaledClock clock) {
        this.slack = slack;
        this.requests = requests;
        this.printer = printer;
        this.clock = clock;
    }

    ThreadPrinter printer() {
        return printer;
    }

    /** {@code person} types {@code /escalate text}; the bot's immediate answer follows it. */
    void escalate(String person, String text) {
        String userId = userId(person);
        printer.typed(person, "/escalate " + text);
        requests.command(userId, text)
                .ifPresent(answer -> printer.show(new FakeSlack.Post(
                        FakeSlack.Kind.ONLY_FOR,
                        Workspace.CHANNEL,
                        "",
                        Optional.empty(),
                        answer.text(),
                        answer.inChannel() ? Optional.empty() : Optional.of(userId))));
    }

    /**
     * {@code person} types {@code /escalate} alone, which opens the form, and submits it with {@code fields} (the
     * form's block ids to what was typed or chosen, in the order shown); false if no form opened.
     */
    boolean escalateWithForm(String person, Map<String, String> fields) {
        String userId = userId(person);
        int before = slack.formsOpened();
        printer.typed(person, "/escalate");
        requests.command(userId, "");
        if (!slack.awaitForm(before, Duration.ofSeconds(20))) {
            printer.plain("No form opened for " + person + ".");
            return false;
        }
        printer.filledIn(person, fields);
        requests.submitForm(userId, fields);
        return true;
    }

    /** {@code person} reacts with {@code emoji} (👀 or {@code eyes}) on the newest escalation's message. */
    boolean react(String person, String emoji) {
        Optional<FakeSlack.Post> root = newestRoot();
        if (root.isEmpty()) {
            printer.plain("No escalation yet to react on: open one with /escalate first.");
            return false;
        }
        String name = Emoji.canonical(emoji);
        printer.reacted(person, name);
        requests.reaction(userId(person), root.get().ts(), name);
        return true;
    }

    /** {@code person} presses the button for {@code action} (ack, resolve, escalate) on the newest escalation. */
    boolean press(String person, String action) {
        Optional<Long> number = newestRoot().flatMap(Stage::number);
        if (number.isEmpty()) {
            printer.plain("No escalation yet to press a button on: open one with /escalate first.");
            return false;
        }
        String verb = action.toLowerCase(Locale.ROOT);
        printer.pressed(person, verb.substring(0, 1).toUpperCase(Locale.ROOT) + verb.substring(1));
        String userId = userId(person);
        requests.press(userId, "escalator_" + verb, number.get())
                .ifPresent(answer -> printer.show(new FakeSlack.Post(
                        FakeSlack.Kind.ONLY_FOR,
                        Workspace.CHANNEL,
                        "",
                        Optional.empty(),
                        answer.text(),
                        Optional.of(userId))));
        return true;
    }

    /** Lets {@code clockTime} pass on the bot's clock. */
    void pause(Duration clockTime) {
        try {
            Thread.sleep(clock.real(clockTime));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits a little for the bot to post what matches; false when it did not in time. */
    boolean awaitPost(Predicate<String> readableText) {
        Duration bound = Duration.ofSeconds(20).plus(clock.real(Duration.ofSeconds(40)));
        return slack.await(post -> readableText.test(ThreadPrinter.readable(post.text())), bound)
                .isPresent();
    }

    /** Waits until the bot has answered what was done: nothing new posted for half a second. */
    void settle() {
        slack.settle(Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    boolean knows(String person) {
        return Workspace.userId(person).isPresent();
    }

    private static String userId(String person) {
        return Workspace.userId(person).orElseThrow(() -> new IllegalArgumentException("nobody called " + person));
    }

    private Optional<FakeSlack.Post> newestRoot() {
        return slack.posts().stream()
                .filter(post -> post.kind() == FakeSlack.Kind.MESSAGE)
                .filter(post -> post.threadTs().isEmpty())
                .filter(post -> post.channel().equals(Workspace.CHANNEL))
                .filter(post -> number(post).isPresent())
                .reduce((first, second) -> second);
    }

    private static Optional<Long> number(FakeSlack.Post post) {
        Matcher matcher = ROOT.matcher(post.text());
        return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }
}
