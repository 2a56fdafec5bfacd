package dev.escalator.config;

import dev.escalator.core.Action;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which reactions do which action. Names are Slack emoji names ({@code eyes}); {@link #actionFor} also accepts the
 * Unicode emoji Discord sends (👀) for the names it knows, with or without colons, skin tones and variation selectors.
 */
public record Reactions(Map<Action, List<String>> names) {
    public static final Reactions DEFAULT = new Reactions(Map.of(
            Action.ACKNOWLEDGE, List.of("eyes"),
            Action.RESOLVE, List.of("white_check_mark"),
            Action.ESCALATE, List.of("arrow_up"),
            Action.DECLINE, List.of("x")));

    public Reactions {
        var copy = new EnumMap<Action, List<String>>(Action.class);
        names.forEach((action, emoji) -> copy.put(action, List.copyOf(emoji)));
        names = Map.copyOf(copy);
    }

    /** The action a reaction stands for: a Slack emoji name or a Unicode emoji; empty for any other reaction. */
    public Optional<Action> actionFor(String reaction) {
        Objects.requireNonNull(reaction, "reaction");
        String wanted = Emoji.canonical(reaction);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return Arrays.stream(Action.values())
                .filter(action ->
                        namesFor(action).stream().map(Emoji::canonical).anyMatch(wanted::equals))
                .findFirst();
    }

    /** The emoji names that do {@code action}; empty when no reaction does it. */
    public List<String> namesFor(Action action) {
        return names.getOrDefault(action, List.of());
    }

    /**
     * The Unicode emoji for {@code action}, as Discord shows them (👀 for {@code eyes}), for the names that have one; a
     * custom emoji name has none and is left out.
     */
    public List<String> unicodeFor(Action action) {
        return namesFor(action).stream()
                .flatMap(name -> Emoji.unicode(name).stream())
                .distinct()
                .toList();
    }

    /** {@link #unicodeFor} for every action that has at least one Unicode emoji. */
    public Map<Action, List<String>> unicodeForms() {
        var forms = new EnumMap<Action, List<String>>(Action.class);
        for (var action : Action.values()) {
            var unicode = unicodeFor(action);
            if (!unicode.isEmpty()) {
                forms.put(action, unicode);
            }
        }
        return forms;
    }
}
