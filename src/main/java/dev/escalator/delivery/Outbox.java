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
 * Effects waiting to be carried out in chat, kept in the store beside their escalation. One replica at a time claims
 * an escalation's outbox and delivers its effects in order; a claim lapses after its lease, so a crashed replica's
 * work is taken over. A crash between a post and {@link #delivered} leaves that post unrecorded: the claim that takes
 * over says so ({@link Parcel#tookOver}), and the post is looked for before it is made again.
 */
public interface Outbox {

    /** Escalations with effects ready at {@code now} and no live claim. */
    List<EscalationId> waiting(Instant now, int limit);

    /**
     * Claims the outbox of {@code id}; empty if it is empty, not ready, or claimed by a live lease. A lapsed claim is
     * taken over, and the parcel says so.
     */
    Optional<Parcel> claim(EscalationId id, String owner, Instant now, Duration lease);

    /**
     * Removes delivered effects; remembers the thread a root post created and the id of the message posted, so
     * reactions on it find the escalation; and extends the claim to {@code claimUntil}, as its owner is alive and
     * still at work. Returns false if the claim was lost meanwhile.
     */
    boolean delivered(
            EscalationId id,
            String owner,
            List<String> effectIds,
            Platform platform,
            Optional<ThreadRef> thread,
            Optional<String> messageId,
            Instant claimUntil);

    /**
     * Keeps {@code message}, a direct message just sent, with the escalation, so that later refreshes update it; kept
     * once however often it is called, so it may be called again for a message found again after a crash. Not guarded
     * by the claim: the message exists, whoever delivers next.
     */
    void keepDirectMessage(EscalationId id, DirectMessageRef message);

    /**
     * Leaves the rest of the outbox for later (a rate limit, a failure): ready again at {@code until}. {@code
     * uncertain}: the failed attempt may have been carried out; the next one looks first.
     */
    void postpone(EscalationId id, String owner, String effectId, int attempts, boolean uncertain, Instant until);

    /**
     * {@link #postpone} for an effect the platform refused for a reason about the bot's access (the token, the
     * channel, a scope): marks it stuck, so that it is said once that it has not gone out.
     */
    void park(EscalationId id, String owner, String effectId, int attempts, boolean uncertain, Instant until);

    /** Drops an effect that can never be delivered (the platform refused the message itself). */
    void discard(EscalationId id, String owner, String effectId);

    /**
     * Appends {@code event}, by the bot, to the escalation's timeline (what became of a post), as a new version: a
     * transition written meanwhile wins and this is tried again on what it wrote. False if the escalation is gone or
     * the write kept losing.
     */
    boolean record(EscalationId id, Event event, Instant at);

    /**
     * Ends the claim; the outbox is ready again at once if effects were queued meanwhile, and then this returns true:
     * the write that queued them found the outbox claimed, so its wake-up found nothing to do, and the releaser
     * delivers them without waiting for a poll. False when the outbox is empty, or the claim was lost.
     */
    boolean release(EscalationId id, String owner);
}
