package dev.escalator.core;

import java.util.Optional;
import java.util.regex.Pattern;

/** The short id users type: {@code ESC-<n>}, n counting up from 1 per installation. */
public record EscalationId(long number) {
    private static final Pattern TEXT = Pattern.compile("(?i)(?:ESC-?)?(\\d{1,18})");

    public EscalationId {
        if (number < 1) {
            throw new IllegalArgumentException("escalation numbers start at 1, got " + number);
        }
    }

    /** Reads {@code ESC-12}, {@code esc-12}, {@code ESC12} or {@code 12}; anything else is empty. */
    public static Optional<EscalationId> parse(String text) {
        var matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long number = Long.parseLong(matcher.group(1));
        return number < 1 ? Optional.empty() : Optional.of(new EscalationId(number));
    }

    @Override
    public String toString() {
        return "ESC-" + number;
    }
}
