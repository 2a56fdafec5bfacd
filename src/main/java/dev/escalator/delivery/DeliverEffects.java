package dev.escalator.delivery;

import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.chat.RootLinks;
import dev.escalator.core.Actor;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Directory;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Path;
import dev.escalator.core.Platform;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.http.CrashHook;
import dev.escalator.jobs.Job;
import dev.escalator.jobs.TakeOverThreads;
import dev.escalator.logging.LogContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery job: claims escalations with effects waiting, and carries the effects out in order through the chat
 * port of the escalation's platform. Escalations are delivered in parallel, each one's effects strictly in order; a
 * failure postpones the rest of that escalation's outbox (per Retry-After on a rate limit, with growing backoff
 * otherwise), so nothing is dropped and nothing overtakes. A refusal about the bot's access rather than the message
 * ({@code invalid_auth}, {@code not_in_channel}, a missing scope, Discord's Missing Access) parks the post: it is
 * retried every few minutes for as long as it takes, and meanwhile the timeline, {@code status}, the path's fallback
 * channel and {@link #stuckPosts} say it has not gone out. Only a message the platform refuses as such (too long, its
 * message deleted) is given up, with a timeline entry.
 *
 * <p>A post and its record ({@link Outbox#delivered}) are two calls, so a crash between them, or a call that ends
 * without an answer, leaves a post that may exist unrecorded. Its next attempt is then marked uncertain ({@link
 * PostKey}) and the adapter looks for the post before making it again. For that, a post's extent must be the same on
 * every attempt: a run batches only effects queued by one write, which all appear in the outbox together.
 *
 * <p>With several replicas, a replica whose heartbeat falls silent has its delivery claims taken over, and the taker
 * looks for the post in doubt before making it. So that the post is there to be found, a replica starts a post only
 * while its {@link PostingFence} allows and its claim's lease outlasts the call ({@link ChatPort#CALL_TIME_OUT});
 * otherwise it leaves the outbox, untouched, to whoever claims it next. A replica only slow, starved of CPU past its
 * heartbeat, so posts nothing after its claim can have been taken over.
 *
 * <p>A direct message (SPEC §11) goes through the chat port of the platform it is sent on, which need not be the
 * escalation's; it is paced by the platform's rate limits (429, Retry-After), not by the channel pacer, and so are the
 * edits of the direct messages sent when the escalation changes. What it became is kept with the escalation ({@link Outbox#keepDirectMessage}), so
 * that refreshes update it. One its recipient cannot get (direct messages closed, account gone, a scope missing) is
 * given up with a timeline entry, {@link Event.NotReached}, and holds up nothing: the tag in the thread still counts. So
 * is one on a platform this replica does not connect to (decided by a replica that does, delivered by this one). The
 * update of one sent there, or of one the platform refuses to edit for good, is skipped with a timeline entry, {@link
 * Event.NotUpdated}, once per message.
 */
public final class DeliverEffects implements Job, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliverEffects.class);

    /**
     * How long a delivery claim keeps other replicas off an outbox; each recorded post extends it, so a long outbox
     * keeps its claim while its replica lives. Short, because posts claimed by a replica that dies wait this long.
     */
    static final Duration LEASE = Duration.ofSeconds(20);

    static final int BATCH = 128;
    static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);
    /** How often a parked post (refused for the bot's access) is tried again at most: access comes back unannounced. */
    static final Duration LONGEST_PARKED_BACKOFF = Duration.ofMinutes(10);
    /**
     * How long a post that went out keeps being recorded while the store is away. A post not recorded is in doubt for
     * the next claim, which must look for it; this stays well inside {@link #LEASE}, so short outages cost nothing.
     */
    static final Duration RECORD_PATIENCE = Duration.ofSeconds(10);

    static final Duration RECORD_RETRY = Duration.ofMillis(500);
    /**
     * When this replica may not start a post ({@link PostingFence}, or its claim ends too soon for the post to land
     * inside it), the outbox is left for this long: to whoever claims it next, this replica included.
     */
    static final Duration FENCED_RETRY = Duration.ofSeconds(1);

    /** When no adapter is enabled for a platform (yet), look again this much later. */
    static final Duration NO_PLATFORM_RETRY = Duration.ofMinutes(1);

    /** How many outboxes are delivered at once by the workers. */
    static final int CONCURRENCY = 32;

    /**
     * Threads for the outboxes of a dead replica, all of them at once: each is a claim, its posts (looked for first:
     * they are in doubt) and their records, mostly waiting on the store and the platform, not on the CPU.
     */
    static final int TAKE_OVER_THREADS = CONCURRENCY;

    private final Outbox outbox;
    private final Map<Platform, ChatPort> chats;
    private final Clock clock;
    private final PostingFence fence;
    private final ChannelPacer pacer;
    /** Escalations a worker delivers now; true when a round found one of them ready again meanwhile. */
    private final ConcurrentHashMap<EscalationId, Boolean> inFlight = new ConcurrentHashMap<>();

    private final Set<EscalationId> stuck = ConcurrentHashMap.newKeySet();
    private volatile Function<Escalation, Optional<ChannelRef>> fallbacks = escalation -> Optional.empty();
    private volatile Function<Escalation, Optional<String>> threadLinks = escalation -> Optional.empty();
    private final Semaphore concurrency = new Semaphore(CONCURRENCY);
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("deliver-", 0).factory());
    /** Outboxes taken over from a dead replica, ahead of the virtual workers: see {@link #deliverTakenOver}. */
    private final ExecutorService takenOver = TakeOverThreads.named("deliver-taken-over-", TAKE_OVER_THREADS);

    /** A replica alone on its store: claims as {@code owner}, never taken over while alive. */
    public DeliverEffects(Outbox outbox, List<ChatPort> chats, Clock clock, String owner) {
        this(outbox, chats, clock, PostingFence.alone(owner));
    }

    /** A replica among others: claims under the names {@code fence} gives, and posts only while it allows. */
    public DeliverEffects(Outbox outbox, List<ChatPort> chats, Clock clock, PostingFence fence) {
        this(outbox, chats, clock, fence, ChannelPacer.platformPace());
    }

    DeliverEffects(Outbox outbox, List<ChatPort> chats, Clock clock, String owner, ChannelPacer pacer) {
        this(outbox, chats, clock, PostingFence.alone(owner), pacer);
    }

    /** A replica among others, its posts to each channel kept to {@code pacer}'s pace. */
    public DeliverEffects(Outbox outbox, List<ChatPort> chats, Clock clock, PostingFence fence, ChannelPacer pacer) {
        this.outbox = outbox;
        this.chats = new EnumMap<>(Platform.class);
        chats.forEach(chat -> this.chats.put(chat.platform(), chat));
        this.clock = clock;
        this.fence = Objects.requireNonNull(fence, "fence");
        this.pacer = pacer;
    }

    /** A claim this replica holds: the owner name it was taken as, and when it ends unless extended. */
    private static final class Claim {
        final String owner;
        Instant until;

        Claim(String owner, Instant until) {
            this.owner = owner;
            this.until = until;
        }
    }

    /** Tells the path's fallback channel (from {@code directory}) when a post of an escalation gets stuck. */
    public DeliverEffects tellingFallbacksOf(Directory directory) {
        this.fallbacks = escalation -> directory.path(escalation.path()).flatMap(Path::fallback);
        return this;
    }

    /** Links direct messages to the escalation's thread with {@code links} (else they go without a link). */
    public DeliverEffects linkingThreadsWith(RootLinks links) {
        this.threadLinks = links::of;
        return this;
    }

    /** Escalations whose next post this replica found refused for the bot's access, and has not got out since. */
    public int stuckPosts() {
        return stuck.size();
    }

    @Override
    public String name() {
        return "deliver-effects";
    }

    @Override
    public Optional<Instant> runOnce() {
        List<EscalationId> waiting = outbox.waiting(clock.instant(), BATCH);
        for (EscalationId id : waiting) {
            if (startsWorker(id)) {
                concurrency.acquireUninterruptibly();
                workers.execute(() -> {
                    try {
                        deliverWhileAskedAgain(id);
                    } finally {
                        concurrency.release();
                    }
                });
            }
        }
        return Optional.empty();
    }

    /**
     * Delivers the outboxes whose claims this replica just ended for a dead one, at once: not behind the workers busy
     * with this replica's own outboxes, nor bounded by them (a replica holds only the claims it was delivering). They
     * run on platform threads of their own ({@link TakeOverThreads}), not on the virtual workers, whose carrier threads
     * a busy round keeps occupied. Each is claimed as in a round, so one that another replica took first is left to it.
     */
    public void deliverTakenOver(List<EscalationId> ids) {
        for (EscalationId id : ids) {
            if (startsWorker(id)) {
                takenOver.execute(() -> deliverWhileAskedAgain(id));
            }
        }
    }

    /** True when no worker delivers {@code id} now; else that worker is asked to look again when it is done. */
    private boolean startsWorker(EscalationId id) {
        var started = new boolean[1];
        inFlight.compute(id, (key, again) -> {
            started[0] = again == null;
            return !started[0];
        });
        return started[0];
    }

    /**
     * Delivers, and again as long as a round found the escalation ready while this worker was at it: a write woke the
     * loop then, and no poll needs to come before its posts go out.
     */
    private void deliverWhileAskedAgain(EscalationId id) {
        try {
            do {
                deliver(id);
            } while (inFlight.compute(id, (key, again) -> again ? false : null) != null);
        } catch (RuntimeException e) {
            inFlight.remove(id);
            throw e;
        }
    }

    /** Delivers everything waiting for one escalation now, on the calling thread; tests call this directly. */
    public void deliver(EscalationId id) {
        try (var context = LogContext.of().escalation(id).action("deliver")) {
            boolean queuedMeanwhile = true;
            while (queuedMeanwhile) {
                String owner = fence.owner();
                Instant now = clock.instant();
                var claim = new Claim(owner, now.plus(LEASE));
                queuedMeanwhile = outbox.claim(id, owner, now, LEASE)
                        .map(parcel -> deliver(parcel, claim))
                        .orElse(false);
            }
        } catch (StoreUnavailableException e) {
            log.warn("{}: delivery paused, store unavailable: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            log.error("{}: delivery failed unexpectedly", id, e);
        }
    }

    /**
     * Delivers a claimed parcel; true when the claim was released with effects queued meanwhile, which are ready now
     * and which no poll is needed for.
     */
    private boolean deliver(Parcel parcel, Claim claim) {
        String owner = claim.owner;
        Escalation escalation = parcel.escalation();
        Optional<ThreadRef> thread = parcel.thread();
        List<PendingEffect> effects = parcel.effects();
        var sent = new ArrayList<DirectMessageRef>(parcel.directMessages());
        // direct messages this parcel recorded as not updated: its escalation is the one claimed, without the records
        var toldNotUpdated = new HashSet<DirectMessageRef>();
        for (int i = 0; i < effects.size(); ) {
            int end = runEnd(effects, i);
            List<PendingEffect> run = effects.subList(i, end);
            PendingEffect first = run.getFirst();
            // only the head can have gone out unrecorded: each run is recorded before the next one is posted
            boolean uncertain = i == 0 && (parcel.tookOver() || first.uncertain());
            ChannelRef channel = channelOf(first.effect(), escalation);
            ChatPort chat = chats.get(channel.platform());
            if (chat == null && first.effect() instanceof Effect.DirectMessage dm) {
                // decided where the platform was connected, delivered where it is not (another replica, or this one
                // restarted without it): recorded as not reached, as a tag of someone whose platforms the bot does not
                // connect to is; never held back, so the thread's posts after it wait for no replica that may not come
                String why = "%s is not connected on the replica that delivered the tag"
                        .formatted(dm.platform().displayName());
                log.warn("{}: direct message to {} given up: {}", escalation.id(), dm.person(), why);
                outbox.discard(escalation.id(), owner, first.id());
                outbox.record(
                        escalation.id(),
                        new Event.NotReached(dm.person(), dm.platform(), dm.seq(), why),
                        clock.instant());
                i++;
                continue;
            }
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
                return false;
            }
            try (var context = LogContext.of().platform(channel.platform())) {
                if (pacedInItsChannel(first.effect())) {
                    pacer.await(channel);
                }
                Optional<String> fenced = fenced(escalation.id(), claim, channel.platform());
                if (fenced.isPresent()) {
                    // nothing of this run went out: its doubt, if any, stays with it for whoever claims it next
                    log.warn("{}: not posting now, {}; trying again shortly", escalation.id(), fenced.get());
                    outbox.postpone(
                            escalation.id(),
                            owner,
                            first.id(),
                            first.attempts(),
                            uncertain,
                            clock.instant().plus(FENCED_RETRY));
                    return false;
                }
                Optional<ThreadRef> created = Optional.empty();
                if (thread.isEmpty() && postsInThread(first.effect())) {
                    // the root must exist before anything goes in its thread
                    created = Optional.of(chat.postRoot(escalation, rootKey(escalation, uncertain)));
                    thread = created;
                }
                Optional<String> posted = perform(
                        chat, escalation, thread, run, runKey(escalation, first, uncertain), sent, toldNotUpdated);
                if (posted.isPresent()) {
                    CrashHook.reached(CrashHook.Point.AFTER_POST);
                }
                List<String> ids = run.stream().map(PendingEffect::id).toList();
                if (!recordDelivered(escalation.id(), claim, ids, channel.platform(), created, posted)) {
                    log.warn("{}: delivery claim lost; another replica carries on", escalation.id());
                    return false;
                }
                log.info(
                        "{}: delivered {} effect(s) starting with {} on {}",
                        escalation.id(),
                        run.size(),
                        describe(first.effect()),
                        channel.platform().displayName());
                if (first.stuck()) {
                    outbox.record(escalation.id(), new Event.DeliveredLate(seqOf(escalation, run)), clock.instant());
                }
                stuck.remove(escalation.id());
                i = end;
            } catch (ChatFailure failure) {
                int attempts = first.attempts() + 1;
                String reason = channel.platform().displayName() + " says " + failure.getMessage();
                if (first.effect() instanceof Effect.DirectMessage dm && failure.permanent()) {
                    // never parked: the thread's posts after it must not wait for a person who cannot be reached
                    String why = failure.recipientUnreachable()
                            ? Objects.requireNonNullElse(failure.getMessage(), "refused")
                            : reason;
                    log.warn("{}: direct message to {} given up: {}", escalation.id(), dm.person(), why);
                    outbox.discard(escalation.id(), owner, first.id());
                    outbox.record(
                            escalation.id(),
                            new Event.NotReached(dm.person(), dm.platform(), dm.seq(), why),
                            clock.instant());
                    i++;
                    continue;
                }
                if (failure.aboutThisMessage()) {
                    log.error("{}: giving up {}: {}", escalation.id(), describe(first.effect()), reason);
                    outbox.discard(escalation.id(), owner, first.id());
                    outbox.record(
                            escalation.id(),
                            new Event.Dropped(seqOf(escalation, List.of(first)), reason),
                            clock.instant());
                    i++;
                    continue;
                }
                boolean uncertainNow = uncertain || failure.outcomeUnknown();
                if (failure.permanent()) {
                    Duration wait = backoff(attempts, LONGEST_PARKED_BACKOFF);
                    log.error(
                            "{}: {} refused ({}); parked, trying again in {} s until the bot's access is fixed",
                            escalation.id(),
                            describe(first.effect()),
                            reason,
                            wait.toSeconds());
                    outbox.park(
                            escalation.id(),
                            owner,
                            first.id(),
                            attempts,
                            uncertainNow,
                            clock.instant().plus(wait));
                    stuck.add(escalation.id());
                    if (!first.stuck()) {
                        sayStuck(escalation, seqOf(escalation, run), reason);
                    }
                    return false;
                }
                Duration wait = failure.retryAfter().orElse(backoff(attempts, LONGEST_BACKOFF));
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
                        uncertainNow,
                        clock.instant().plus(wait));
                return false;
            }
        }
        return outbox.release(escalation.id(), owner);
    }

    /**
     * Why this replica may not start a post for {@code claim} now, if it may not: another replica may take the claim
     * over before the post has landed. The fence says so (this replica's heartbeat too old, or its claims ended
     * meanwhile); or the claim's lease ends within {@link ChatPort#CALL_TIME_OUT} (a long wait for the channel's pace)
     * and cannot be extended, as another replica holds the outbox now.
     */
    private Optional<String> fenced(EscalationId id, Claim claim, Platform platform) {
        Instant now = clock.instant();
        if (!fence.mayPost(claim.owner, now)) {
            return Optional.of("this replica's heartbeat is too old for its delivery claim to be sure");
        }
        if (!now.plus(ChatPort.CALL_TIME_OUT).isBefore(claim.until)) {
            // recording nothing delivered extends the claim, unless someone else holds it
            Instant until = now.plus(LEASE);
            if (!outbox.delivered(id, claim.owner, List.of(), platform, Optional.empty(), Optional.empty(), until)) {
                return Optional.of("its delivery claim lapsed and was taken");
            }
            claim.until = until;
        }
        return Optional.empty();
    }

    private boolean recordDelivered(
            EscalationId id,
            Claim claim,
            List<String> effectIds,
            Platform platform,
            Optional<ThreadRef> created,
            Optional<String> posted) {
        long deadline = System.nanoTime() + RECORD_PATIENCE.toNanos();
        while (true) {
            try {
                Instant until = clock.instant().plus(LEASE);
                boolean held = outbox.delivered(id, claim.owner, effectIds, platform, created, posted, until);
                if (held) {
                    claim.until = until;
                }
                return held;
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
        return new PostKey(escalation.id().number() + "/root", uncertain, Optional.of(escalation.openedAt()));
    }

    /**
     * A run's key is its first effect's: runs have the same extent on every attempt. It was decided with the entry it
     * tells of, if it tells of one.
     */
    static PostKey runKey(Escalation escalation, PendingEffect first, boolean uncertain) {
        Optional<Instant> decided = switch (first.effect()) {
            case Effect.Announce announce -> escalation.entry(announce.seq()).map(TimelineEntry::at);
            case Effect.DirectMessage dm -> escalation.entry(dm.seq()).map(TimelineEntry::at);
            case Effect.AlertFallback alert -> escalation.entry(alert.seq()).map(TimelineEntry::at);
            case Effect.PostRoot ignored -> Optional.of(escalation.openedAt());
            case Effect.RefreshRoot ignored -> Optional.empty();
            case Effect.RefreshDirectMessages ignored -> Optional.empty();
        };
        return new PostKey(escalation.id().number() + "/" + first.id(), uncertain, decided);
    }

    private Optional<String> perform(
            ChatPort chat,
            Escalation escalation,
            Optional<ThreadRef> thread,
            List<PendingEffect> run,
            PostKey key,
            List<DirectMessageRef> sent,
            Set<DirectMessageRef> toldNotUpdated) {
        Effect effect = run.getFirst().effect();
        return switch (effect) {
            case Effect.DirectMessage dm -> {
                TimelineEntry tag = escalation.entry(dm.seq()).orElseThrow();
                DirectMessageRef message =
                        chat.sendDirectMessage(escalation, tag, dm.person(), threadLinks.apply(escalation), key);
                outbox.keepDirectMessage(escalation.id(), message);
                sent.add(message);
                yield Optional.of(message.messageId());
            }
            case Effect.RefreshDirectMessages ignored -> {
                refreshDirectMessages(escalation, sent, toldNotUpdated);
                yield Optional.empty();
            }
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
     * Edits each direct message sent, on its own platform. One the platform refuses for good (deleted, the person
     * gone, their direct messages closed) is left as it is and the timeline says so once per message ({@link
     * Event.NotUpdated}), as a direct message its recipient cannot get is recorded not reached: the refresh of the
     * others and the thread's posts after it go on. A transient failure postpones the whole refresh, which is safe to do
     * again.
     *
     * <p>One on a platform this replica does not connect to (sent by a replica that does, or by this one before it was
     * restarted without it) is left as it is, as a first direct message there is given up: the refresh of the others,
     * and the thread's posts after it, wait for no replica that may not come. So that its stale status and buttons are
     * not a silent surprise, the timeline says so once per message ({@link Event.NotUpdated}); a later refresh by a
     * replica that connects to its platform updates it.
     */
    private void refreshDirectMessages(
            Escalation escalation, List<DirectMessageRef> sent, Set<DirectMessageRef> toldNotUpdated) {
        if (sent.isEmpty()) {
            return;
        }
        Optional<String> link = threadLinks.apply(escalation);
        for (DirectMessageRef message : sent) {
            ChatPort chat = chats.get(message.channel().platform());
            if (chat == null) {
                sayNotUpdated(
                        escalation,
                        message,
                        "%s is not connected on the replica that delivered the update"
                                .formatted(message.channel().platform().displayName()),
                        toldNotUpdated);
                continue;
            }
            try {
                chat.refreshDirectMessage(escalation, message, link);
            } catch (ChatFailure failure) {
                if (!failure.permanent()) {
                    throw failure;
                }
                String why = failure.recipientUnreachable()
                        ? Objects.requireNonNullElse(failure.getMessage(), "refused")
                        : message.channel().platform().displayName() + " says " + failure.getMessage();
                sayNotUpdated(escalation, message, why, toldNotUpdated);
            }
        }
    }

    /**
     * Whether the effect posts or edits in the escalation's channel (or the fallback's), and so waits for a slot of its
     * pace. Direct messages and their refresh do not: they go to each person's own conversation, and one person tagged
     * by many escalations (an alert storm) would hold every worker on their one channel; the platform's 429 with
     * Retry-After paces them instead, and postpones only its own escalation's outbox. A refresh of direct messages
     * follows every refresh of the root and edits nothing in the channel (none at all when none were sent): paced
     * there, it took a slot of the channel's second and held the channel's next post back by a second.
     */
    private static boolean pacedInItsChannel(Effect effect) {
        return switch (effect) {
            case Effect.PostRoot ignored -> true;
            case Effect.Announce ignored -> true;
            case Effect.RefreshRoot ignored -> true;
            case Effect.AlertFallback ignored -> true;
            case Effect.DirectMessage ignored -> false;
            case Effect.RefreshDirectMessages ignored -> false;
        };
    }

    /** Records, once per message, that {@code message} could not be updated, and {@code why}. */
    private void sayNotUpdated(
            Escalation escalation, DirectMessageRef message, String why, Set<DirectMessageRef> told) {
        Platform platform = message.channel().platform();
        log.warn("{}: direct message to {} on {} not updated: {}", escalation.id(), message.person(), platform, why);
        boolean said = escalation.timeline().stream()
                .map(TimelineEntry::event)
                .anyMatch(event -> event instanceof Event.NotUpdated stale
                        && stale.person().equals(message.person())
                        && stale.platform() == platform
                        && stale.seq() == message.seq());
        if (!said && told.add(message)) {
            outbox.record(
                    escalation.id(),
                    new Event.NotUpdated(message.person(), platform, message.seq(), why),
                    clock.instant());
        }
    }

    /** Whether the effect goes in (or about) the thread, which must exist first. */
    private static boolean postsInThread(Effect effect) {
        return switch (effect) {
            case Effect.PostRoot ignored -> true;
            case Effect.Announce ignored -> true;
            case Effect.RefreshRoot ignored -> true;
            case Effect.AlertFallback ignored -> false;
            case Effect.DirectMessage ignored -> false;
            case Effect.RefreshDirectMessages ignored -> false;
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

    /** Where an effect goes, for its chat port and its pacing (a direct message: its platform, and who it is to). */
    private static ChannelRef channelOf(Effect effect, Escalation escalation) {
        return switch (effect) {
            case Effect.AlertFallback alert -> alert.channel();
            case Effect.DirectMessage dm -> new ChannelRef(dm.platform(), "dm/" + dm.person());
            default -> escalation.home();
        };
    }

    private static Duration backoff(int attempts, Duration longest) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts, 10));
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    /**
     * The first time a post is parked: the timeline (and so {@code status}) says it has not gone out, and the path's
     * fallback channel hears of it, if it can be reached (on another platform, or through another channel's access).
     */
    private void sayStuck(Escalation escalation, int seq, String reason) {
        var notDelivered = new Event.NotDelivered(seq, reason);
        try {
            outbox.record(escalation.id(), notDelivered, clock.instant());
            Optional<ChannelRef> fallback = fallbacks.apply(escalation);
            if (fallback.isEmpty() || !chats.containsKey(fallback.get().platform())) {
                return;
            }
            var entry = new TimelineEntry(escalation.timeline().size() + 1, clock.instant(), Actor.BOT, notDelivered);
            var key = new PostKey(escalation.id().number() + "/stuck/" + seq, false);
            chats.get(fallback.get().platform()).alertFallback(escalation, fallback.get(), entry, key);
        } catch (ChatFailure | StoreUnavailableException e) {
            log.warn("{}: could not tell that a post is stuck: {}", escalation.id(), e.getMessage());
        }
    }

    /**
     * The timeline entry a run of effects is known by: its tag if it has one (an escalation posts "escalated" and the
     * new level's tag together, and the tag is what matters), else its first entry; 0 for the root message.
     */
    private static int seqOf(Escalation escalation, List<PendingEffect> run) {
        return run.stream()
                .map(pending -> seqOf(pending.effect()))
                .filter(seq -> escalation
                        .entry(seq)
                        .map(e -> e.event() instanceof Event.Tagged)
                        .orElse(false))
                .findFirst()
                .orElse(seqOf(run.getFirst().effect()));
    }

    private static int seqOf(Effect effect) {
        return switch (effect) {
            case Effect.Announce announce -> announce.seq();
            case Effect.AlertFallback alert -> alert.seq();
            case Effect.DirectMessage dm -> dm.seq();
            case Effect.RefreshDirectMessages ignored -> 0;
            case Effect.PostRoot ignored -> 0;
            case Effect.RefreshRoot ignored -> 0;
        };
    }

    private static String describe(Effect effect) {
        return effect.getClass().getSimpleName();
    }

    @Override
    public void close() {
        takenOver.close();
        workers.close();
    }
}
