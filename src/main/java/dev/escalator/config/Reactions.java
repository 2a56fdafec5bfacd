package dev.escalator.config;

import dev.escalator.core.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which reactions do which action. Names are Slack emoji names ({@code eyes}); {@link #actionFor} also accepts the
 * Unicode emoji Discord sends (👀) for the names it knows.
 */
public record Reactions(Map<Action, List<String>> names) {
    public static final Reactions DEFAULT = new Reactions(Map.of(
            Action.ACKNOWLEDGE, List.of("eyes"),
            Action.RESOLVE, List.of("white_check_mark"),
            Action.ESCALATE, List.of("arrow_up"),
            Action.DECLINE, List.of("x")));

    public Reactions {
        names = Map.copyOf(names);
    }

    /** The action a reaction stands for: a Slack emoji name or a Unicode emoji. */
    public Optional<Action> actionFor(String reaction) {
        throw new UnsupportedOperationException("config helper implements this");
    }
}
