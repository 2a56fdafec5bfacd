package dev.escalator.http;

import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The probes an orchestrator and Prometheus call: alive, ready, and the meters. */
final class StatusRoutes {
    private static final Logger log = LoggerFactory.getLogger(StatusRoutes.class);

    private final List<ReadinessCheck> checks;
    private final PrometheusMetrics metrics;

    StatusRoutes(List<ReadinessCheck> checks, PrometheusMetrics metrics) {
        this.checks = checks;
        this.metrics = metrics;
    }

    /** The process answers: nothing else is checked, so a slow store never gets the bot restarted. */
    Response health(Request request) {
        return Response.text(200, "ok");
    }

    Response readiness(Request request) {
        var results = checks.stream()
                .map(check -> new Result(check.name(), passes(check)))
                .toList();
        String details = results.stream()
                .map(result -> result.name() + ": " + (result.ready() ? "ok" : "not ready") + "\n")
                .collect(Collectors.joining());
        return results.stream().allMatch(Result::ready)
                ? Response.text(200, "ready\n" + details)
                : Response.text(503, "not ready\n" + details);
    }

    Response metrics(Request request) {
        return Response.of(200, PrometheusMetrics.CONTENT_TYPE, metrics.scrape());
    }

    private record Result(String name, boolean ready) {}

    private static boolean passes(ReadinessCheck check) {
        try {
            return check.ready();
        } catch (RuntimeException e) {
            log.warn("readiness check {} failed: {}", check.name(), e.toString());
            return false;
        }
    }
}
