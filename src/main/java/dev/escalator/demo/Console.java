package dev.escalator.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code demo --interactive}: a person types what people on the demo's Slack do, one line at a time, and watches the
 * thread. A line that is not understood gets a sentence and the list of commands, never an exception.
 */
final class Console {
    static final String HELP = """
            Commands (people: %s; reactions and presses go to the newest escalation):
              /escalate TEXT                 carol types /escalate TEXT in #payments (try: /escalate Checkout is down sev:2)
              NAME /escalate TEXT            someone else does (alice /escalate note ESC-1 rolled back)
              react NAME EMOJI               NAME reacts with EMOJI (👀 or eyes, ✅, ⬆️, ❌)
              press NAME ack|resolve|escalate  NAME presses a button on the escalation's message
              wait DURATION                  let time pass (30s, 1m); timers fire while you wait
              help                           this list
              quit                           stop the demo (end of input does too)
            """.formatted(Workspace.people());

    private static final Pattern AS_SOMEONE = Pattern.compile("^([a-z]+)\\s+(/escalate\\b.*)$");
    private static final Pattern WAIT = Pattern.compile("^(\\d{1,4})\\s*(s|m)$");

    private final Stage stage;
    private final BufferedReader in;

    Console(Stage stage, BufferedReader in) {
        this.stage = stage;
        this.in = in;
    }

    void run() throws IOException {
        var printer = stage.printer();
        printer.plain(HELP);
        while (true) {
            printer.plain("> ");
            String line = in.readLine();
            if (line == null || !obey(line.strip())) {
                stage.settle();
                return;
            }
            stage.settle();
        }
    }

    /** Carries out one line; false for {@code quit}. */
    private boolean obey(String line) {
        var printer = stage.printer();
        String[] words = line.split("\\s+", -1);
        Matcher asSomeone = AS_SOMEONE.matcher(line);
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "" -> {}
            case "quit", "exit" -> {
                return false;
            }
            case "help" -> printer.plain(HELP);
            case "/escalate" ->
                escalate(
                        Workspace.REPORTER, line.substring("/escalate".length()).strip());
            case "react" -> {
                if (words.length != 3 || !known(words[1])) {
                    printer.plain("Say who reacts with what: react alice 👀");
                } else {
                    stage.react(words[1], words[2]);
                }
            }
            case "press" -> {
                if (words.length != 3 || !known(words[1]) || !words[2].matches("(?i)ack|resolve|escalate")) {
                    printer.plain("Say who presses which button: press alice ack (or resolve, escalate)");
                } else {
                    stage.press(words[1], words[2]);
                }
            }
            case "wait" -> wait(words.length == 2 ? words[1] : "");
            default -> {
                if (asSomeone.matches() && known(asSomeone.group(1))) {
                    escalate(
                            asSomeone.group(1),
                            asSomeone.group(2).substring("/escalate".length()).strip());
                } else {
                    printer.plain("Not a demo command: " + line + ". Type help for the list.");
                }
            }
        }
        return true;
    }

    /**
     * {@code /escalate} with no text opens Slack's form, which the demo's terminal cannot show: typed as is, it showed
     * nothing at all.
     */
    private void escalate(String person, String text) {
        if (text.isEmpty()) {
            stage.printer()
                    .plain("On Slack, /escalate alone opens a form for a title and a brief; this terminal cannot show"
                            + " it. Give a title instead: /escalate Checkout is down sev:2");
        } else {
            stage.escalate(person, text);
        }
    }

    private boolean known(String person) {
        if (stage.knows(person)) {
            return true;
        }
        stage.printer().plain("Nobody called " + person + " here; the people are " + Workspace.people() + ".");
        return false;
    }

    private void wait(String duration) {
        Optional<Duration> parsed = parse(duration);
        if (parsed.isEmpty()) {
            stage.printer().plain("Say how long, up to 1000m: wait 30s, wait 2m");
            return;
        }
        stage.printer().plain("(waiting " + duration + ")");
        stage.pause(parsed.get());
    }

    private static Optional<Duration> parse(String text) {
        Matcher matcher = WAIT.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(matcher.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMinutes(amount));
    }
}
