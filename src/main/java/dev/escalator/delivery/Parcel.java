package dev.escalator.delivery;

import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.ThreadRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A claimed escalation with the effects waiting to be delivered for it, oldest first, and the direct messages it sent
 * so far. {@code tookOver}: the claim replaced one that lapsed without being released (its replica died, or lost the
 * store, mid-delivery), so the first effect may already have been posted.
 */
public record Parcel(
        Escalation escalation,
        Optional<ThreadRef> thread,
        List<PendingEffect> effects,
        boolean tookOver,
        List<DirectMessageRef> directMessages) {
    public Parcel {
        Objects.requireNonNull(escalation, "escalation");
        Objects.requireNonNull(thread, "thread");
        effects = List.copyOf(effects);
        directMessages = List.copyOf(directMessages);
    }

    public Parcel(Escalation escalation, Optional<ThreadRef> thread, List<PendingEffect> effects, boolean tookOver) {
        this(escalation, thread, effects, tookOver, List.of());
    }
}
