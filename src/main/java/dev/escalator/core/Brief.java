package dev.escalator.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** What a reporter tells the people they escalate to, beyond the title. Every part is optional. */
public record Brief(
        Optional<String> whatIsWrong,
        Optional<String> impact,
        Optional<String> tried,
        Optional<String> helpNeeded,
        Optional<Instant> decisionBy) {

    public static final Brief EMPTY =
            new Brief(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Brief {
        whatIsWrong = blankToEmpty(whatIsWrong);
        impact = blankToEmpty(impact);
        tried = blankToEmpty(tried);
        helpNeeded = blankToEmpty(helpNeeded);
        Objects.requireNonNull(decisionBy, "decisionBy");
    }

    public boolean isEmpty() {
        return Stream.of(whatIsWrong, impact, tried, helpNeeded).allMatch(Optional::isEmpty) && decisionBy.isEmpty();
    }

    public Brief withDecisionBy(Instant instant) {
        return new Brief(whatIsWrong, impact, tried, helpNeeded, Optional.of(instant));
    }

    private static Optional<String> blankToEmpty(Optional<String> text) {
        return Objects.requireNonNull(text).map(String::strip).filter(s -> !s.isEmpty());
    }
}
