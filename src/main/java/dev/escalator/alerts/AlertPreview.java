package dev.escalator.alerts;

import dev.escalator.config.Integration;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * What an alert payload would get, without sending it ({@code simulate --alert FILE}): its key, what it says, its
 * title, and the path and severity routing gives it, or the field that is wrong in it.
 */
public sealed interface AlertPreview {
    record Routed(
            String integration,
            String key,
            String signal,
            String title,
            PathId path,
            Severity severity,
            Optional<Integer> route)
            implements AlertPreview {
        public Routed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(route, "route");
        }
    }

    /** The payload is not one the integration takes: the sender would get a 400 naming {@code field}. */
    record Invalid(String field, String problem) implements AlertPreview {}

    static AlertPreview of(Integration integration, String body) {
        try {
            var alert = AlertFormat.of(integration).read(Json.object(body));
            var destination = Routing.route(integration, alert);
            return new Routed(
                    integration.name(),
                    alert.key(),
                    alert.signal().name().toLowerCase(java.util.Locale.ROOT),
                    AlertBrief.title(alert),
                    destination.path(),
                    destination.severity(),
                    destination.route().map(route -> integration.routes().indexOf(route) + 1));
        } catch (BadAlert bad) {
            return new Invalid(bad.field(), bad.getMessage());
        }
    }

    /** The PagerDuty integration a payload's {@code routing_key} names, if any. */
    static Optional<Integration> byRoutingKey(java.util.List<Integration> integrations, String body) {
        try {
            var key = Json.text(Json.object(body), "routing_key", "routing_key");
            return key.flatMap(routingKey -> integrations.stream()
                    .filter(integration -> integration.kind() == Integration.Kind.PAGERDUTY)
                    .filter(integration -> AlertRoutes.sameSecret(routingKey, integration.token()))
                    .findFirst());
        } catch (BadAlert bad) {
            return Optional.empty();
        }
    }
}
