package dev.escalator.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Real time, {@code speed} times faster: the demo's timeouts pass in a fraction of their length when a test asks for
 * it. Ticks in milliseconds, as the store keeps them.
 */
final class ScaledClock extends Clock {
    private final Instant start;
    private final long startNanos;
    private final double speed;

    ScaledClock(double speed) {
        this(Instant.now().truncatedTo(ChronoUnit.MILLIS), System.nanoTime(), speed);
    }

    private ScaledClock(Instant start, long startNanos, double speed) {
        this.start = start;
        this.startNanos = startNanos;
        this.speed = speed;
    }

    @Override
    public Instant instant() {
        long passed = (long) ((System.nanoTime() - startNanos) * speed);
        return start.plusNanos(passed).truncatedTo(ChronoUnit.MILLIS);
    }

    /** How long {@code clockTime} on this clock lasts in real time. */
    Duration real(Duration clockTime) {
        return Duration.ofNanos((long) (clockTime.toNanos() / speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo's clock runs in UTC");
    }
}
