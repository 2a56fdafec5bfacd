package dev.escalator.cli;

import dev.escalator.alerts.AlertPreview;
import dev.escalator.config.Config;
import dev.escalator.config.Integration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code simulate --alert FILE}: which integration takes the payload, and the path and severity it would get. */
final class AlertSimulation {
    private final Config config;
    private final PrintWriter out;
    private final PrintWriter err;

    AlertSimulation(Config config, PrintWriter out, PrintWriter err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    Optional<AlertPreview.Routed> route(Path file, Optional<String> named) {
        String body;
        try {
            body = Files.readString(file);
        } catch (IOException e) {
            err.println("Cannot read %s: %s".formatted(file, e.getMessage()));
            return Optional.empty();
        }
        Optional<Integration> integration = integration(body, named);
        if (integration.isEmpty()) {
            return Optional.empty();
        }
        return switch (AlertPreview.of(integration.get(), body)) {
            case AlertPreview.Routed routed -> {
                out.println("Alert %s to %s (%s): %s, key %s"
                        .formatted(
                                file,
                                integration.get().name(),
                                integration.get().kind().word(),
                                routed.signal(),
                                routed.key()));
                out.println("  title: " + routed.title());
                out.println("  %s -> path %s, severity %d"
                        .formatted(
                                routed.route().map(n -> "route " + n).orElse("no route matches"),
                                routed.path(),
                                routed.severity().value()));
                yield Optional.of(routed);
            }
            case AlertPreview.Invalid invalid -> {
                err.println("%s would be refused with 400: %s".formatted(file, invalid.problem()));
                yield Optional.empty();
            }
        };
    }

    private Optional<Integration> integration(String body, Optional<String> named) {
        List<Integration> integrations = config.integrations();
        if (named.isPresent()) {
            var found = integrations.stream()
                    .filter(integration -> integration.name().equals(named.get()))
                    .findFirst();
            if (found.isEmpty()) {
                err.println("There is no integration '%s'. Known: %s.".formatted(named.get(), names(integrations)));
            }
            return found;
        }
        var byKey = AlertPreview.byRoutingKey(integrations, body);
        if (byKey.isPresent() || integrations.size() == 1) {
            return byKey.or(() -> Optional.of(integrations.getFirst()));
        }
        err.println(
                integrations.isEmpty()
                        ? "The configuration has no integrations."
                        : "Say which integration takes the alert with --integration NAME (%s)."
                                .formatted(names(integrations)));
        return Optional.empty();
    }

    private static String names(List<Integration> integrations) {
        return integrations.isEmpty()
                ? "none"
                : String.join(
                        ", ",
                        integrations.stream().map(Integration::name).sorted().toList());
    }
}
