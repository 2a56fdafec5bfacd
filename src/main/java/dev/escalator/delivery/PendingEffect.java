package dev.escalator.delivery;

import dev.escalator.core.Effect;
import java.util.Objects;

/**
 * An effect waiting in an escalation's outbox; {@code id} is unique within the escalation. {@code queuedBy} is the
 * escalation's version written with it: effects queued by one write share it. {@code uncertain}: an earlier attempt
 * ended without a clear answer, so the effect may have been carried out already. {@code stuck}: the platform refused it
 * for a reason about the bot's access ({@link Outbox#park}); the timeline says so until it goes out.
 */
public record PendingEffect(String id, Effect effect, int attempts, long queuedBy, boolean uncertain, boolean stuck) {
    public PendingEffect {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effect, "effect");
    }
}
