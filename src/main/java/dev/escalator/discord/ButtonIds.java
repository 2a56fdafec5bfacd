package dev.escalator.discord;

import dev.escalator.core.Action;
import dev.escalator.core.EscalationId;
import java.util.Arrays;
import java.util.Optional;

/**
 * The custom id of a root message's button: {@code escalator:ack:12}. It carries the escalation's number itself, so a
 * button still works after a restart or on another replica without remembering anything.
 */
final class ButtonIds {
    private static final String PREFIX = "escalator";

    record Pressed(Action action, EscalationId id) {}

    private ButtonIds() {}

    static String of(Action action, EscalationId id) {
        return PREFIX + ":" + action.command() + ":" + id.number();
    }

    static Optional<Pressed> read(String customId) {
        String[] parts = customId.split(":", -1);
        if (parts.length != 3 || !parts[0].equals(PREFIX)) {
            return Optional.empty();
        }
        Optional<Action> action = Arrays.stream(Action.values())
                .filter(a -> a.command().equals(parts[1]))
                .findFirst();
        Optional<EscalationId> id = EscalationId.parse(parts[2]);
        if (action.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pressed(action.get(), id.get()));
    }
}
