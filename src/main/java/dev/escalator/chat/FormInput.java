package dev.escalator.chat;

import java.util.Objects;
import java.util.Optional;

/** What someone typed into the open form; every field is free text as typed, checked here. */
public record FormInput(
        String title,
        Optional<String> whatIsWrong,
        Optional<String> impact,
        Optional<String> tried,
        Optional<String> helpNeeded,
        Optional<String> decisionBy,
        Optional<String> severity,
        Optional<String> path) {
    public FormInput {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(whatIsWrong, "whatIsWrong");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(tried, "tried");
        Objects.requireNonNull(helpNeeded, "helpNeeded");
        Objects.requireNonNull(decisionBy, "decisionBy");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
    }

    /** The form's fields, for saying which one is wrong. */
    public enum Field {
        TITLE,
        WHAT_IS_WRONG,
        IMPACT,
        TRIED,
        HELP_NEEDED,
        DECISION_BY,
        SEVERITY,
        PATH
    }
}
