package dev.escalator.store;

import com.mongodb.MongoServerException;
import dev.escalator.core.StoreUnavailableException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every store call goes through here: a failing or unreachable store (whatever it throws) becomes one unchecked
 * {@link StoreUnavailableException} (contention is not a failure and is handled by the callers), and after each write
 * the durability hook runs — the embedded store uses it to commit its file before the write is confirmed to anyone; a
 * write whose commit fails is not confirmed either.
 */
public final class StoreCalls {
    private static final Logger log = LoggerFactory.getLogger(StoreCalls.class);

    private final Runnable afterWrite;
    // counted for the scheduler benchmark's idle query rate, and for /metrics
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private volatile Observer observer = Observer.NONE;

    /** Hears of every call when it is done: for the store's latency and error metrics. Must be quick. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (write, nanos, failed) -> {};

        /** {@code failed} is an unreachable or failing store; contention (a duplicate key) is not a failure. */
        void called(boolean write, long nanos, boolean failed);
    }

    public StoreCalls(Runnable afterWrite) {
        this.afterWrite = afterWrite;
    }

    /** For a real MongoDB, where majority write concern makes a write durable before it returns. */
    public static StoreCalls direct() {
        return new StoreCalls(() -> {});
    }

    /** Set once at start-up, before the jobs run; calls made earlier go unobserved. */
    public void observeWith(Observer observer) {
        this.observer = observer;
    }

    /** Reads sent to the store so far, failed ones included. */
    public long reads() {
        return reads.sum();
    }

    /** Writes sent to the store so far, failed ones included. */
    public long writes() {
        return writes.sum();
    }

    <T> T read(String what, Supplier<T> call) {
        reads.increment();
        long started = System.nanoTime();
        boolean failed = true;
        try {
            T result = call.get();
            failed = false;
            return result;
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable(what, e);
        } finally {
            observer.called(false, System.nanoTime() - started, failed);
        }
    }

    <T> T write(String what, Supplier<T> call) {
        writes.increment();
        long started = System.nanoTime();
        boolean failed = true;
        try {
            T result;
            try {
                result = call.get();
            } catch (MongoServerException e) {
                if (MongoEscalationStore.isDuplicateKey(e)) {
                    failed = false;
                    throw e;
                }
                throw unavailable(what, e);
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unavailable(what, e);
            }
            try {
                afterWrite.run();
            } catch (RuntimeException e) {
                // the write is in the store's memory, perhaps not in its file: not confirmed, so not done
                throw unavailable(what, e);
            }
            failed = false;
            return result;
        } finally {
            observer.called(true, System.nanoTime() - started, failed);
        }
    }

    /**
     * A write that does not commit the embedded store's file itself: bookkeeping that a confirmed write carries along,
     * as the next commit (any write's) takes every change made before it. A crash may lose it; its caller must
     * recover from that. Counted as part of the write it goes with, not as a call of its own.
     */
    <T> T alongside(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable(what, e);
        }
    }

    /**
     * Any failure of a store call, not only the driver's {@link MongoException}: a closed client, a codec error, the
     * embedded store's file failing to commit. Users hear "try again" rather than an internal error.
     */
    private static StoreUnavailableException unavailable(String what, RuntimeException e) {
        log.warn("store call failed: {}: {}", what, e.getClass().getSimpleName() + ": " + e.getMessage());
        return new StoreUnavailableException("the store could not " + what, e);
    }
}
