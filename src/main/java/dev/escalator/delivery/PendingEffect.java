package dev.escalator.delivery;

import dev.escalator.core.Effect;
import java.util.Objects;

/** An effect waiting in an escalation's outbox; {@code id} is unique within the escalation. */
public record PendingEffect(String id, Effect effect, int attempts) {
    public PendingEffect {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effect, "effect");
    }
}
