package dev.escalator.alerts;

import dev.escalator.config.Integration;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * Which path and severity an alert gets (SPEC §10): the first route whose labels all match gives its path and/or
 * severity; otherwise the integration's path, and the severity the source said (a number 1–4, or a word of the
 * severity map), or the severity label through the map, or 3.
 */
final class Routing {
    private Routing() {}

    record Destination(PathId path, Severity severity, Optional<Integration.Route> route) {
        Destination {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(route, "route");
        }
    }

    static Destination route(Integration integration, AlertEvent alert) {
        Optional<Integration.Route> route = integration.routes().stream()
                .filter(candidate -> candidate.matches(alert.labels()))
                .findFirst();
        PathId path = route.flatMap(Integration.Route::path).orElse(integration.path());
        Severity severity = route.flatMap(Integration.Route::severity)
                .or(() -> alert.severityText().flatMap(text -> said(integration.severity(), text)))
                .or(() -> Optional.ofNullable(
                                alert.labels().get(integration.severity().label()))
                        .flatMap(text -> said(integration.severity(), text)))
                .orElse(Severity.DEFAULT);
        return new Destination(path, severity, route);
    }

    /** The severity {@code text} says: a number 1–4, or a word of {@code mapping} (in any case); empty for others. */
    static Optional<Severity> said(Integration.SeverityMapping mapping, String text) {
        String word = text.strip();
        if (word.matches("[1-4]")) {
            return Severity.of(Integer.parseInt(word));
        }
        return Optional.ofNullable(mapping.map().get(word))
                .or(() -> Optional.ofNullable(mapping.map().get(word.toLowerCase(java.util.Locale.ROOT))));
    }
}
