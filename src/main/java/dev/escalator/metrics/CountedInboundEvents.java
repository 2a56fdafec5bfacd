package dev.escalator.metrics;

import dev.escalator.core.InboundEvents;
import dev.escalator.core.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;

/** One platform's inbound events, counted as first seen or dropped as duplicates; the decision is the store's. */
public final class CountedInboundEvents implements InboundEvents {
    private final InboundEvents inbound;
    private final Counter first;
    private final Counter duplicate;

    public CountedInboundEvents(InboundEvents inbound, MeterRegistry registry, Platform platform) {
        this.inbound = inbound;
        this.first = counter(registry, platform, "first");
        this.duplicate = counter(registry, platform, "duplicate");
    }

    private static Counter counter(MeterRegistry registry, Platform platform, String outcome) {
        return Counter.builder("escalator.inbound.events")
                .description("Platform events received; duplicates (retries, second deliveries) are dropped")
                .tag("platform", platform.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public boolean firstTime(String key, Duration remember) {
        boolean isFirst = inbound.firstTime(key, remember);
        (isFirst ? first : duplicate).increment();
        return isFirst;
    }

    @Override
    public boolean firstTimeFor(String key, String holder, Duration remember) {
        boolean isFirst = inbound.firstTimeFor(key, holder, remember);
        (isFirst ? first : duplicate).increment();
        return isFirst;
    }

    @Override
    public void forget(String key) {
        inbound.forget(key);
    }
}
