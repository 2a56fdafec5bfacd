package dev.escalator.config;

import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One monitoring source that may open escalations over HTTP (SPEC §10). {@code token} is the secret read from
 * {@code tokenEnv} when the file was loaded; it is never printed ({@link #toString()} leaves it out).
 */
public record Integration(
        String name,
        Kind kind,
        String tokenEnv,
        String token,
        PathId path,
        List<Route> routes,
        SeverityMapping severity,
        boolean autoResolve,
        int maxNewPerMinute) {
    /** Part of the URL: lowercase letters, digits and '-'. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public static final int DEFAULT_MAX_NEW_PER_MINUTE = 20;

    public Integration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tokenEnv, "tokenEnv");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(path, "path");
        routes = List.copyOf(routes);
        Objects.requireNonNull(severity, "severity");
    }

    /** Where the source sends: {@code /alerts/NAME}, or {@code /v2/enqueue} for a PagerDuty-speaking sender. */
    public String urlPath() {
        return kind == Kind.PAGERDUTY ? "/v2/enqueue" : "/alerts/" + name;
    }

    @Override
    public String toString() {
        return "Integration[%s, %s, token from %s, path %s, %d route(s)]"
                .formatted(name, kind.word(), tokenEnv, path, routes.size());
    }

    /** The payload formats an integration takes. */
    public enum Kind {
        ALERTMANAGER("alertmanager"),
        GRAFANA("grafana"),
        PAGERDUTY("pagerduty"),
        GENERIC("generic");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Optional<Kind> of(String word) {
            for (Kind kind : values()) {
                if (kind.word.equals(word)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** Sends alerts whose labels include every {@code match} pair to {@code path} and/or at {@code severity}. */
    public record Route(Map<String, String> match, Optional<PathId> path, Optional<Severity> severity) {
        public Route {
            match = Map.copyOf(match);
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(severity, "severity");
        }

        public boolean matches(Map<String, String> labels) {
            return match.entrySet().stream().allMatch(pair -> pair.getValue().equals(labels.get(pair.getKey())));
        }
    }

    /** Which label holds the severity, and what its values mean. */
    public record SeverityMapping(String label, Map<String, Severity> map) {
        public static final SeverityMapping DEFAULT = new SeverityMapping(
                "severity",
                Map.of(
                        "critical", new Severity(1),
                        "error", new Severity(2),
                        "warning", new Severity(3),
                        "info", new Severity(4)));

        public SeverityMapping {
            Objects.requireNonNull(label, "label");
            map = Map.copyOf(map);
        }
    }
}
