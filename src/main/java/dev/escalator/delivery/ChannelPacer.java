package dev.escalator.delivery;

import dev.escalator.core.ChannelRef;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps posts to one channel at about one per second sustained, with a small burst allowed so that an escalation's
 * first few posts (root, tag) go out at once. Slack asks for this pace per channel; Discord's per-channel limit is
 * similar. A token bucket per channel; callers wait (cheaply, on virtual threads) for their token.
 */
public final class ChannelPacer {
    private final long intervalNanos;
    private final int burst;
    private final ConcurrentHashMap<ChannelRef, Long> nextFree = new ConcurrentHashMap<>();

    ChannelPacer(Duration interval, int burst) {
        this.intervalNanos = interval.toNanos();
        this.burst = burst;
    }

    /** The platforms' pace: about one post a second per channel, after a burst of four. */
    public static ChannelPacer platformPace() {
        return new ChannelPacer(Duration.ofSeconds(1), 4);
    }

    /**
     * No pace at all: for a test world that runs hours of its test clock in a moment, where a pace kept in real time
     * would only make the test wait. The pace itself is proven by tests that keep it.
     */
    public static ChannelPacer unpaced() {
        return new ChannelPacer(Duration.ZERO, 1);
    }

    /** Blocks until a post to {@code channel} may go out. */
    void await(ChannelRef channel) {
        long wait = reserve(channel, System.nanoTime());
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Takes the next slot of the channel's bucket and returns how long to wait for it. */
    long reserve(ChannelRef channel, long now) {
        long[] wait = new long[1];
        nextFree.compute(channel, (key, free) -> {
            // a bucket idle long enough is full again: up to `burst` slots can be used at once
            long earliest = now - (burst - 1) * intervalNanos;
            long slot = free == null || free < earliest ? earliest : free;
            wait[0] = Math.max(0, slot - now);
            return slot + intervalNanos;
        });
        return wait[0];
    }
}
