package dev.escalator.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.function.Predicate;

/**
 * The escalation the demo plays by itself, in about 30 seconds: carol opens one with a brief, bob (level 1) does not
 * answer within his 10 seconds, level 2 is tagged, alice acknowledges with 👀, adds a note and resolves it with the
 * button; then carol asks for {@code stats}.
 */
final class Script {
    private final Stage stage;

    Script(Stage stage) {
        this.stage = stage;
    }

    /** Plays it; false, after saying so, when the bot did not post what the script waits for. */
    boolean play() {
        var printer = stage.printer();
        printer.narrate("carol sees checkout failing and opens an escalation in #payments, with a brief.");
        var brief = new LinkedHashMap<String, String>();
        brief.put("title", "Checkout returns 502 for card payments");
        brief.put("what_is_wrong", "Card payments fail at the last step with a 502 since 09:12");
        brief.put("impact", "About 30% of checkouts; card only, PayPal works");
        brief.put("tried", "Restarted the checkout pods; no change");
        brief.put("help_needed", "Someone who knows the card processor integration");
        brief.put("severity", "2");
        if (!stage.escalateWithForm("carol", brief)
                || !expect("the escalation's message", text -> text.contains("ESC-1"))
                || !expect("level 1 tagged", text -> text.contains("@bob") && text.contains("level 1"))) {
            return false;
        }
        printer.narrate("bob is on level 1 and does not answer; his 10 seconds run out.");
        if (!expect("level 2 tagged", text -> text.contains("level 2") && text.contains("@alice"))) {
            return false;
        }
        stage.pause(Duration.ofSeconds(4));
        printer.narrate("alice, on level 2, takes it: she reacts 👀 on the escalation's message.");
        stage.react("alice", "eyes");
        if (!expect("the acknowledgement", text -> text.contains("acknowledged"))) {
            return false;
        }
        stage.pause(Duration.ofSeconds(4));
        printer.narrate("alice writes down what she found.");
        stage.escalate("alice", "note ESC-1 card processor rotated its TLS cert, rolling our trust store");
        if (!expect("the note", text -> text.contains("trust store") && !text.startsWith("/escalate"))) {
            return false;
        }
        stage.pause(Duration.ofSeconds(4));
        printer.narrate("The fix is out; alice presses Resolve.");
        stage.press("alice", "resolve");
        if (!expect("the resolution", text -> text.contains("resolved"))) {
            return false;
        }
        stage.pause(Duration.ofSeconds(2));
        printer.narrate("carol asks how the team is doing.");
        stage.escalate("carol", "stats");
        stage.pause(Duration.ofSeconds(2));
        return true;
    }

    private boolean expect(String what, Predicate<String> readableText) {
        if (stage.awaitPost(readableText)) {
            return true;
        }
        stage.printer().plain("The demo waited for " + what + " and the bot did not post it.");
        return false;
    }
}
