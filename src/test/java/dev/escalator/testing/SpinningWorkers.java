package dev.escalator.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds the threads that call {@link #spin} busy on the CPU until {@link #release}: never parked, so a virtual thread
 * held here keeps its carrier thread, as a replica's workers busy with a backlog on a small machine keep theirs. Once
 * {@link #carriers} of them spin, no other virtual thread of the JVM runs until they are released (the virtual thread
 * scheduler does not take a carrier from a thread that does not block). A fake calls {@link #spin} for the work that
 * stands for the backlog; each spin ends by itself after {@link #LONGEST}, so a test that fails cannot hang the build.
 */
public final class SpinningWorkers {
    /** How long a thread spins at most: longer than the bounds the tests wait with, so that a wait fails first. */
    public static final Duration LONGEST = Duration.ofSeconds(90);

    private final AtomicInteger spinning = new AtomicInteger();
    private volatile boolean released;

    /** Spins on the calling thread until {@link #release} (or {@link #LONGEST}). */
    public void spin() {
        spinning.incrementAndGet();
        try {
            long deadline = System.nanoTime() + LONGEST.toNanos();
            while (!released && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
        } finally {
            spinning.decrementAndGet();
        }
    }

    /** How many threads spin now. */
    public int spinning() {
        return spinning.get();
    }

    /** Lets every spinning thread, and every one that comes to {@link #spin} after, go on. */
    public void release() {
        released = true;
    }

    /** How many carrier threads the virtual thread scheduler runs virtual threads on (one per core unless set). */
    public static int carriers() {
        return Integer.getInteger(
                "jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }
}
