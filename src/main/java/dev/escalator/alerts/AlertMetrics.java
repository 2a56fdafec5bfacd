package dev.escalator.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code escalator_alerts_received_total{integration, outcome}}: every alert request, by what became of it. */
final class AlertMetrics {
    private final MeterRegistry registry;

    AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void received(String integration, Receipt.Outcome outcome) {
        Counter.builder("escalator.alerts.received")
                .description("Alert requests from monitoring, by integration and what became of them")
                .tag("integration", integration)
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
    }
}
