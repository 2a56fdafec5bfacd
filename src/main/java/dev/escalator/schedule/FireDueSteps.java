package dev.escalator.schedule;

import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.OnCallOverrideStore;
import dev.escalator.core.Outcome;
import dev.escalator.core.Transitions;
import dev.escalator.http.CrashHook;
import dev.escalator.jobs.Job;
import dev.escalator.jobs.TakeOverThreads;
import dev.escalator.logging.LogContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's job: finds steps that are due, claims each, lets the core decide what the step does, and stores the
 * result with a version-guarded write. A step is done exactly once because only one write can succeed against a
 * given version; claims merely keep replicas from doing the same work twice. Each stored step is reported to the same
 * {@link AfterWrite} listener as the {@link EscalationDesk}'s changes, with its lateness. Clocks of replicas may
 * disagree: that can make a step a little early or late, never doubled.
 */
public final class FireDueSteps implements Job, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FireDueSteps.class);

    /** How far ahead a round looks, so the loop can sleep until the next step exactly instead of polling. */
    static final Duration LOOKAHEAD = Duration.ofSeconds(2);

    /**
     * How long a step's claim keeps other replicas off it. It only has to outlast one decision and one store write;
     * exactly once comes from the version-guarded save, not from the claim. Short, because a step claimed by a
     * replica that then dies (or whose save failed) waits this long for another replica: with 30 s, steps claimed at a
     * kill -9 came up to 30 s late in the replicas benchmark.
     */
    static final Duration LEASE = Duration.ofSeconds(5);

    static final int BATCH = 256;

    /** How many steps are fired at once by the workers. */
    static final int CONCURRENCY = 16;

    /**
     * Threads for the steps of a dead replica, all of them at once: it held about as many claims as it had workers
     * firing, and each is a claim, a decision and a write, mostly waiting on the store.
     */
    static final int TAKE_OVER_THREADS = CONCURRENCY;

    private final StepQueue queue;
    private final EscalationStore store;
    private final Transitions transitions;
    private final Clock clock;
    private final String owner;
    private final AfterWrite afterWrite;
    private final OnCallOverrideStore overrides;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("step-", 0).factory());
    private final Semaphore concurrency = new Semaphore(CONCURRENCY);
    /** Steps taken over from a dead replica, ahead of the virtual workers: see {@link #fireTakenOver}. */
    private final ExecutorService takenOver = TakeOverThreads.named("step-taken-over-", TAKE_OVER_THREADS);

    public FireDueSteps(
            StepQueue queue,
            EscalationStore store,
            Transitions transitions,
            Clock clock,
            String owner,
            AfterWrite afterWrite) {
        this(queue, store, transitions, clock, owner, afterWrite, OnCallOverrideStore.NONE);
    }

    /** Steps whose levels resolve rotations with the overrides in {@code overrides}, read before each decision. */
    public FireDueSteps(
            StepQueue queue,
            EscalationStore store,
            Transitions transitions,
            Clock clock,
            String owner,
            AfterWrite afterWrite,
            OnCallOverrideStore overrides) {
        this.overrides = overrides;
        this.queue = queue;
        this.store = store;
        this.transitions = transitions;
        this.clock = clock;
        this.owner = owner;
        this.afterWrite = afterWrite;
    }

    @Override
    public String name() {
        return "fire-due-steps";
    }

    /** Fires everything due now; returns when the next known step comes due. */
    @Override
    public Optional<Instant> runOnce() {
        Instant now = clock.instant();
        List<DueStep> steps = queue.dueBy(now.plus(LOOKAHEAD), now, BATCH);
        var firing = new ArrayList<Future<?>>();
        Optional<Instant> next = Optional.empty();
        for (DueStep step : steps) {
            if (step.dueAt().isAfter(now)) {
                next = Optional.of(step.dueAt());
                break;
            }
            firing.add(submit(step));
        }
        for (Future<?> future : firing) {
            await(future);
        }
        boolean moreDue = steps.size() == BATCH && next.isEmpty();
        return moreDue ? Optional.of(now) : next;
    }

    /**
     * Fires steps whose claims this replica just ended for a dead one, at once: not after the round in progress, which
     * may be working through a backlog, and not bounded by it (a replica holds only the few claims it was working on).
     * They run on platform threads of their own ({@link TakeOverThreads}), not on the virtual workers, whose carrier
     * threads a busy round keeps occupied. Each is claimed as any due step, so one that was done meanwhile is skipped.
     */
    public void fireTakenOver(List<DueStep> steps) {
        for (DueStep step : steps) {
            takenOver.execute(() -> {
                try {
                    fire(step);
                } catch (RuntimeException e) {
                    log.warn("step of {} taken over failed, will retry: {}", step.id(), e.toString());
                }
            });
        }
    }

    private Future<?> submit(DueStep step) {
        concurrency.acquireUninterruptibly();
        return workers.submit(() -> {
            try {
                fire(step);
            } catch (RuntimeException e) {
                log.warn("step of {} failed, will retry: {}", step.id(), e.toString());
            } finally {
                concurrency.release();
            }
        });
    }

    private void fire(DueStep step) {
        try (var context = LogContext.of().escalation(step.id()).action("step")) {
            claimAndFire(step);
        }
    }

    private void claimAndFire(DueStep step) {
        Instant now = clock.instant();
        Optional<Escalation> claimed = queue.claimStep(step.id(), owner, now, LEASE);
        if (claimed.isEmpty()) {
            return; // another replica has it, or a user action moved the step
        }
        CrashHook.reached(CrashHook.Point.AFTER_STEP_CLAIMED);
        Outcome outcome =
                transitions.withOverrides(overrides.notOverAt(now)).decide(claimed.get(), new Command.StepDue(), now);
        switch (outcome) {
            case Outcome.Applied applied -> {
                if (store.save(applied.escalation(), claimed.get().timeline().size(), applied.effects())) {
                    CrashHook.reached(CrashHook.Point.AFTER_STEP_STORED);
                    Duration lateness = Duration.between(step.dueAt(), clock.instant());
                    log.info(
                            "{} step done: {} level {} ({} ms late)",
                            step.id(),
                            applied.escalation().status().word(),
                            applied.escalation().level(),
                            lateness.toMillis());
                    afterWrite.stored(StoredChange.byStep(
                            applied.escalation(), claimed.get().timeline().size(), lateness));
                }
                // a lost save means a user acted first; their write already cleared our claim
            }
            case Outcome.Refused refused -> queue.releaseStep(step.id(), owner);
            case Outcome.Rejected rejected -> queue.releaseStep(step.id(), owner);
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("step failed: {}", String.valueOf(e.getCause()));
        }
    }

    @Override
    public void close() {
        takenOver.close();
        workers.close();
    }
}
