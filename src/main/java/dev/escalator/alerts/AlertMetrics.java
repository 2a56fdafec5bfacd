package dev.escalator.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code escalator_alerts_received_total{integration, outcome}}: every alert request, by what became of it; and for a
 * refused one also {@code escalator_alerts_refused_total{integration, reason}}, why (a separate counter, as a Prometheus
 * metric has the same labels on every series).
 */
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

    /** A refused request: counted as received with outcome {@code refused}, and by its {@code reason}. */
    void refused(String integration, String reason) {
        received(integration, Receipt.Outcome.REFUSED);
        Counter.builder("escalator.alerts.refused")
                .description("Alert requests refused, by integration and reason")
                .tag("integration", integration)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
