package dev.escalator.delivery;

import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An outbox that does what another does; tests override the call at which their replica dies, or {@link
 * #beforeRecordingDelivered} to stall or fail as a post is about to be recorded.
 */
class ForwardingOutbox implements Outbox {
    private final Outbox outbox;

    ForwardingOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public List<EscalationId> waiting(Instant now, int limit) {
        return outbox.waiting(now, limit);
    }

    @Override
    public Optional<Parcel> claim(EscalationId id, String owner, Instant now, Duration lease) {
        return outbox.claim(id, owner, now, lease);
    }

    @Override
    public boolean delivered(
            EscalationId id,
            String owner,
            List<String> effectIds,
            Platform platform,
            Optional<ThreadRef> thread,
            Optional<String> messageId,
            Instant claimUntil) {
        beforeRecordingDelivered(id);
        return outbox.delivered(id, owner, effectIds, platform, thread, messageId, claimUntil);
    }

    /** Runs as {@link #delivered} is called, before it is passed on; an exception thrown here is what it throws. */
    void beforeRecordingDelivered(EscalationId id) {}

    @Override
    public void keepDirectMessage(EscalationId id, DirectMessageRef message) {
        outbox.keepDirectMessage(id, message);
    }

    @Override
    public void postpone(
            EscalationId id, String owner, String effectId, int attempts, boolean uncertain, Instant until) {
        outbox.postpone(id, owner, effectId, attempts, uncertain, until);
    }

    @Override
    public void park(EscalationId id, String owner, String effectId, int attempts, boolean uncertain, Instant until) {
        outbox.park(id, owner, effectId, attempts, uncertain, until);
    }

    @Override
    public void discard(EscalationId id, String owner, String effectId) {
        outbox.discard(id, owner, effectId);
    }

    @Override
    public boolean record(EscalationId id, Event event, Instant at) {
        return outbox.record(id, event, at);
    }

    @Override
    public boolean release(EscalationId id, String owner) {
        return outbox.release(id, owner);
    }
}
