package dev.escalator.metrics;

import dev.escalator.store.StoreCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Latency of every store call by kind, and the calls that failed because the store was unreachable or failing. */
public final class StoreMetrics implements StoreCalls.Observer {
    private final Timer reads;
    private final Timer writes;
    private final Counter errors;

    public StoreMetrics(MeterRegistry registry) {
        reads = timer(registry, "read");
        writes = timer(registry, "write");
        errors = Counter.builder("escalator.store.errors")
                .description("Store calls that failed: store unreachable or failing")
                .register(registry);
    }

    private static Timer timer(MeterRegistry registry, String kind) {
        return Timer.builder("escalator.store.calls")
                .description("Store calls, including the durability commit of the embedded store's writes")
                .tag("kind", kind)
                .register(registry);
    }

    @Override
    public void called(boolean write, long nanos, boolean failed) {
        (write ? writes : reads).record(nanos, TimeUnit.NANOSECONDS);
        if (failed) {
            errors.increment();
        }
    }
}
