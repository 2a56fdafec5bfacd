package dev.escalator.discord;

import dev.escalator.core.Action;
import dev.escalator.core.EscalationId;
import java.util.Arrays;
import java.util.Optional;

/**
 * The custom id of a root message's button: {@code escalator:ack:12}; of a direct message's, {@code
 * escalator:ack:12:dm}. It carries the escalation's number itself, so a button still works after a restart or on
 * another replica without remembering anything, and a direct message's says so, as only those are served outside a
 * guild.
 */
final class ButtonIds {
    private static final String PREFIX = "escalator";

    record Pressed(Action action, EscalationId id, boolean inDirectMessage) {}

    private static final String DIRECT_MESSAGE = "dm";

    private ButtonIds() {}

    static String of(Action action, EscalationId id) {
        return PREFIX + ":" + action.command() + ":" + id.number();
    }

    /** A direct message's button (SPEC §11). */
    static String ofDirectMessage(Action action, EscalationId id) {
        return of(action, id) + ":" + DIRECT_MESSAGE;
    }

    static Optional<Pressed> read(String customId) {
        String[] parts = customId.split(":", -1);
        boolean direct = parts.length == 4 && parts[3].equals(DIRECT_MESSAGE);
        if ((parts.length != 3 && !direct) || !parts[0].equals(PREFIX)) {
            return Optional.empty();
        }
        Optional<Action> action = Arrays.stream(Action.values())
                .filter(a -> a.command().equals(parts[1]))
                .findFirst();
        Optional<EscalationId> id = EscalationId.parse(parts[2]);
        if (action.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pressed(action.get(), id.get(), direct));
    }
}
