package dev.escalator.testing;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits, with a bound, for something another thread does (a post reaching a fake, work handed to a worker): the way
 * tests wait without sleeping for a timer. Fails the test with {@code what} when the bound passes.
 */
public final class Eventually {
    public static final Duration BOUND = Duration.ofSeconds(5);

    private Eventually() {}

    /** The first thing {@code probe} finds within {@link #BOUND}. */
    public static <T> T found(String what, Supplier<Optional<T>> probe) {
        return found(what, BOUND, probe);
    }

    /** The first thing {@code probe} finds within {@code bound}, for what takes longer by design (a reconnect). */
    public static <T> T found(String what, Duration bound, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                return fail("waited %d s for %s", bound.toSeconds(), what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted waiting for " + what);
            }
        }
    }

    /** Returns once {@code condition} holds, within {@link #BOUND}. */
    public static void holds(String what, BooleanSupplier condition) {
        holds(what, BOUND, condition);
    }

    /** Returns once {@code condition} holds, within {@code bound}. */
    public static void holds(String what, Duration bound, BooleanSupplier condition) {
        found(what, bound, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }
}
