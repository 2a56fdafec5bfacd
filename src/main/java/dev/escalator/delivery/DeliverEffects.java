package dev.escalator.delivery;

import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Platform;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.jobs.Job;
import dev.escalator.logging.LogContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery job: claims escalations with effects waiting, and carries the effects out in order through the chat
 * port of the escalation's platform. Escalations are delivered in parallel, each one's effects strictly in order; a
 * failure postpones the rest of that escalation's outbox (per Retry-After on a rate limit, with growing backoff
 * otherwise), so nothing is dropped and nothing overtakes. Only an effect that can never succeed is given up, after a
 * few tries, with an error in the log.
 *
 * <p>A post and its record ({@link Outbox#delivered}) are two calls, so a crash between them, or a call that ends
 * without an answer, leaves a post that may exist unrecorded. Its next attempt is then marked uncertain ({@link
 * PostKey}) and the adapter looks for the post before making it again. For that, a post's extent must be the same on
 * every attempt: a run batches only effects queued by one write, which all appear in the outbox together.
 */
public final class DeliverEffects implements Job, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliverEffects.class);

    /**
     * How long a delivery claim keeps other replicas off an outbox; each recorded post extends it, so a long outbox
     * keeps its claim while its replica lives. Short, because posts claimed by a replica that dies wait this long.
     */
    static final Duration LEASE = Duration.ofSeconds(20);

    static final int BATCH = 128;
    static final int GIVE_UP_AFTER = 5;
    static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);
    /**
     * How long a post that went out keeps being recorded while the store is away. A post not recorded is in doubt for
     * the next claim, which must look for it; this stays well inside {@link #LEASE}, so short outages cost nothing.
     */
    static final Duration RECORD_PATIENCE = Duration.ofSeconds(10);

    static final Duration RECORD_RETRY = Duration.ofMillis(500);
    /** When no adapter is enabled for a platform (yet), look again this much later. */
    static final Duration NO_PLATFORM_RETRY = Duration.ofMinutes(1);

    private final Outbox outbox;
    private final Map<Platform, ChatPort> chats;
    private final Clock clock;
    private final String owner;
    private final ChannelPacer pacer;
    private final Set<EscalationId> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore concurrency = new Semaphore(32);
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("deliver-", 0).factory());

    public DeliverEffects(Outbox outbox, List<ChatPort> chats, Clock clock, String owner) {
        this(outbox, chats, clock, owner, new ChannelPacer(Duration.ofSeconds(1), 4));
    }

    DeliverEffects(Outbox outbox, List<ChatPort> chats, Clock clock, String owner, ChannelPacer pacer) {
        this.outbox = outbox;
        this.chats = new EnumMap<>(Platform.class);
        chats.forEach(chat -> this.chats.put(chat.platform(), chat));
        this.clock = clock;
        this.owner = owner;
        this.pacer = pacer;
    }

    @Override
    public String name() {
        return "deliver-effects";
    }

    @Override
    public Optional<Instant> runOnce() {
        List<EscalationId> waiting = outbox.waiting(clock.instant(), BATCH);
        for (EscalationId id : waiting) {
            if (inFlight.add(id)) {
                concurrency.acquireUninterruptibly();
                workers.submit(() -> {
                    try {
                        deliver(id);
                    } finally {
                        inFlight.remove(id);
                        concurrency.release();
                    }
                });
            }
        }
        return Optional.empty();
    }

    /** Delivers everything waiting for one escalation now, on the calling thread; tests call this directly. */
    public void deliver(EscalationId id) {
        try (var context = LogContext.of().escalation(id).action("deliver")) {
            outbox.claim(id, owner, clock.instant(), LEASE).ifPresent(this::deliver);
        } catch (StoreUnavailableException e) {
            log.warn("{}: delivery paused, store unavailable: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            log.error("{}: delivery failed unexpectedly", id, e);
        }
    }

    private void deliver(Parcel parcel) {
        Escalation escalation = parcel.escalation();
        Optional<ThreadRef> thread = parcel.thread();
        List<PendingEffect> effects = parcel.effects();
        for (int i = 0; i < effects.size(); ) {
            int end = runEnd(effects, i);
            List<PendingEffect> run = effects.subList(i, end);
            PendingEffect first = run.getFirst();
            // only the head can have gone out unrecorded: each run is recorded before the next one is posted
            boolean uncertain = i == 0 && (parcel.tookOver() || first.uncertain());
            ChannelRef channel = channelOf(first.effect(), escalation);
            ChatPort chat = chats.get(channel.platform());
            if (chat == null) {
                log.warn(
                        "{}: no {} connection enabled; keeping its posts for later",
                        escalation.id(),
                        channel.platform().displayName());
                outbox.postpone(
                        escalation.id(),
                        owner,
                        first.id(),
                        first.attempts(),
                        uncertain,
                        clock.instant().plus(NO_PLATFORM_RETRY));
                return;
            }
            try (var context = LogContext.of().platform(channel.platform())) {
                pacer.await(channel);
                Optional<ThreadRef> created = Optional.empty();
                if (thread.isEmpty() && !(first.effect() instanceof Effect.AlertFallback)) {
                    // the root must exist before anything goes in its thread
                    created = Optional.of(chat.postRoot(escalation, rootKey(escalation, uncertain)));
                    thread = created;
                }
                Optional<String> posted = perform(chat, escalation, thread, run, runKey(escalation, first, uncertain));
                List<String> ids = run.stream().map(PendingEffect::id).toList();
                if (!recordDelivered(escalation.id(), ids, channel.platform(), created, posted)) {
                    log.warn("{}: delivery claim lost; another replica carries on", escalation.id());
                    return;
                }
                log.info(
                        "{}: delivered {} effect(s) starting with {} on {}",
                        escalation.id(),
                        run.size(),
                        describe(first.effect()),
                        channel.platform().displayName());
                i = end;
            } catch (ChatFailure failure) {
                int attempts = first.attempts() + 1;
                if (failure.permanent() && attempts >= GIVE_UP_AFTER) {
                    log.error(
                            "{}: giving up {} after {} tries: {}",
                            escalation.id(),
                            describe(first.effect()),
                            attempts,
                            failure.getMessage());
                    outbox.discard(escalation.id(), owner, first.id());
                    i++;
                    continue;
                }
                Duration wait = failure.retryAfter().orElse(backoff(attempts));
                log.warn(
                        "{}: {} failed ({}), retrying in {} s",
                        escalation.id(),
                        describe(first.effect()),
                        failure.getMessage(),
                        wait.toSeconds());
                outbox.postpone(
                        escalation.id(),
                        owner,
                        first.id(),
                        attempts,
                        uncertain || failure.outcomeUnknown(),
                        clock.instant().plus(wait));
                return;
            }
        }
        outbox.release(escalation.id(), owner);
    }

    private boolean recordDelivered(
            EscalationId id,
            List<String> effectIds,
            Platform platform,
            Optional<ThreadRef> created,
            Optional<String> posted) {
        long deadline = System.nanoTime() + RECORD_PATIENCE.toNanos();
        while (true) {
            try {
                return outbox.delivered(
                        id,
                        owner,
                        effectIds,
                        platform,
                        created,
                        posted,
                        clock.instant().plus(LEASE));
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                log.warn("{}: posted, but the store is unavailable; recording it again shortly", id);
                LockSupport.parkNanos(RECORD_RETRY.toNanos());
            }
        }
    }

    /** The root's key: whichever effect posts it, an escalation has one root. */
    static PostKey rootKey(Escalation escalation, boolean uncertain) {
        return new PostKey(escalation.id().number() + "/root", uncertain);
    }

    /** A run's key is its first effect's: runs have the same extent on every attempt. */
    static PostKey runKey(Escalation escalation, PendingEffect first, boolean uncertain) {
        return new PostKey(escalation.id().number() + "/" + first.id(), uncertain);
    }

    private static Optional<String> perform(
            ChatPort chat, Escalation escalation, Optional<ThreadRef> thread, List<PendingEffect> run, PostKey key) {
        Effect effect = run.getFirst().effect();
        return switch (effect) {
            case Effect.PostRoot ignored -> Optional.empty(); // done above, with the thread it created
            case Effect.RefreshRoot ignored -> {
                chat.refreshRoot(escalation, thread.orElseThrow());
                yield Optional.empty();
            }
            case Effect.Announce ignored -> {
                List<TimelineEntry> entries = run.stream()
                        .map(pending -> escalation.entry(((Effect.Announce) pending.effect()).seq()))
                        .flatMap(Optional::stream)
                        .toList();
                yield entries.isEmpty()
                        ? Optional.empty()
                        : Optional.of(chat.postInThread(escalation, thread.orElseThrow(), entries, key));
            }
            case Effect.AlertFallback alert ->
                escalation.entry(alert.seq()).map(entry -> chat.alertFallback(escalation, alert.channel(), entry, key));
        };
    }

    /**
     * The end (exclusive) of the run of effects starting at {@code start} that go out as one call: consecutive
     * refreshes (an edit shows the escalation as it is now, so one does for all), or consecutive announcements queued
     * by the same write. Announcements not across writes, so that a post is the same on every attempt, whatever was
     * queued after it meanwhile.
     */
    private static int runEnd(List<PendingEffect> effects, int start) {
        PendingEffect first = effects.get(start);
        int end = start + 1;
        boolean batches = first.effect() instanceof Effect.Announce || first.effect() instanceof Effect.RefreshRoot;
        while (batches && end < effects.size() && sameRun(first, effects.get(end))) {
            end++;
        }
        return end;
    }

    private static boolean sameRun(PendingEffect first, PendingEffect next) {
        return next.effect().getClass() == first.effect().getClass()
                && (first.effect() instanceof Effect.RefreshRoot || next.queuedBy() == first.queuedBy());
    }

    private static ChannelRef channelOf(Effect effect, Escalation escalation) {
        return effect instanceof Effect.AlertFallback alert ? alert.channel() : escalation.home();
    }

    private static Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts, 9));
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }

    private static String describe(Effect effect) {
        return effect.getClass().getSimpleName();
    }

    @Override
    public void close() {
        workers.close();
    }
}
