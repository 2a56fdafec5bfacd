package dev.escalator.config;

import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one entry of {@code integrations:} (SPEC §10). The token is looked up in {@code env} here, so that an unset
 * {@code token_env} is an error of the file, at its line, like every other; the paths it names are checked by
 * {@link ReferenceCheck} and against the channel bindings by {@link ConfigReader}.
 */
final class IntegrationReader {
    private static final List<String> KEYS =
            List.of("kind", "token_env", "path", "routes", "severity", "auto_resolve", "max_new_per_minute");
    private static final String KINDS = "alertmanager, grafana, pagerduty or generic";
    private static final String ROUTE =
            "a route like {match: {team: checkout}, path: checkout} or {match: {...}, severity: 1}";

    private IntegrationReader() {}

    /** A path the integration sends to, with where it is written: it needs a bound channel. */
    record PathUse(PathId path, YamlField at) {}

    static Optional<Integration> read(
            String name, YamlField field, Map<String, String> env, List<Reference> references, List<PathUse> uses) {
        var clean = field.checkpoint();
        if (!Integration.NAME.matcher(name).matches()) {
            field.error(
                    "'%s' cannot be an integration name: it is part of the URL, use lowercase letters, digits and '-'"
                            .formatted(name));
        }
        return field.object(KEYS).flatMap(integration -> {
            var kind = integration.required("kind", KINDS).flatMap(value -> value.parsed(KINDS, Integration.Kind::of));
            var tokenEnv = integration
                    .required("token_env", "the name of the environment variable holding this integration's secret")
                    .flatMap(value -> value.text("an environment variable name like ALERTS_PROMETHEUS_TOKEN"));
            var token = tokenEnv.flatMap(variable -> {
                var value = Optional.ofNullable(env.get(variable)).filter(text -> !text.isBlank());
                if (value.isEmpty()) {
                    integration
                            .optional("token_env")
                            .orElseThrow()
                            .error("the environment variable %s is not set: set it to this integration's secret"
                                    .formatted(variable));
                }
                return value;
            });
            var path = integration
                    .required("path", "the path used when no route matches")
                    .flatMap(value -> pathName(value, references, uses));
            var routes = integration
                    .optional("routes")
                    .flatMap(value -> value.list("a list of routes, each " + ROUTE))
                    .map(items -> routes(items, references, uses))
                    .orElse(List.of());
            var severity = integration
                    .optional("severity")
                    .flatMap(IntegrationReader::severityMapping)
                    .orElse(Integration.SeverityMapping.DEFAULT);
            boolean autoResolve = integration
                    .optional("auto_resolve")
                    .flatMap(value -> value.parsed("true or false", IntegrationReader::bool))
                    .orElse(true);
            int maxNew = integration
                    .optional("max_new_per_minute")
                    .flatMap(value -> value.wholeNumber(1, 100_000))
                    .orElse(Integration.DEFAULT_MAX_NEW_PER_MINUTE);
            return clean.buildIfClean(() -> new Integration(
                    name,
                    kind.orElseThrow(),
                    tokenEnv.orElseThrow(),
                    token.orElseThrow(),
                    path.orElseThrow(),
                    routes,
                    severity,
                    autoResolve,
                    maxNew));
        });
    }

    private static Optional<PathId> pathName(YamlField value, List<Reference> references, List<PathUse> uses) {
        return value.text("a path's name").map(name -> {
            references.add(new Reference(Reference.Kind.PATH, name, value));
            uses.add(new PathUse(new PathId(name), value));
            return new PathId(name);
        });
    }

    private static List<Integration.Route> routes(
            List<YamlField> items, List<Reference> references, List<PathUse> uses) {
        var routes = new ArrayList<Integration.Route>();
        for (var item : items) {
            var clean = item.checkpoint();
            item.object(List.of("match", "path", "severity")).ifPresent(route -> {
                var match = route.required("match", "the labels to match, like {team: checkout}")
                        .flatMap(IntegrationReader::labels);
                var path = route.optional("path").flatMap(value -> pathName(value, references, uses));
                var severity = route.optional("severity")
                        .flatMap(value -> value.wholeNumber(Severity.WORST, Severity.LEAST))
                        .map(Severity::new);
                if (route.optional("path").isEmpty()
                        && route.optional("severity").isEmpty()) {
                    route.self().error("a route needs a path, a severity or both");
                }
                clean.buildIfClean(() -> new Integration.Route(match.orElseThrow(), path, severity))
                        .ifPresent(routes::add);
            });
        }
        return routes;
    }

    private static Optional<Map<String, String>> labels(YamlField field) {
        return field.entries("a mapping of labels, like {team: checkout}").flatMap(entries -> {
            if (entries.isEmpty()) {
                field.error("matches nothing: give at least one label, like {team: checkout}");
                return Optional.empty();
            }
            var labels = new LinkedHashMap<String, String>();
            entries.forEach((label, value) -> value.text("a label's value").ifPresent(text -> labels.put(label, text)));
            return Optional.of(labels);
        });
    }

    private static Optional<Integration.SeverityMapping> severityMapping(YamlField field) {
        var clean = field.checkpoint();
        return field.object(List.of("label", "map")).flatMap(object -> {
            var label = object.optional("label")
                    .flatMap(value -> value.text("the label holding the severity, like severity"))
                    .orElse(Integration.SeverityMapping.DEFAULT.label());
            var map = object.optional("map")
                    .flatMap(value -> value.entries("a mapping of label values to severities, like {critical: 1}"))
                    .map(entries -> {
                        var severities = new LinkedHashMap<String, Severity>();
                        entries.forEach((text, value) -> value.wholeNumber(Severity.WORST, Severity.LEAST)
                                .ifPresent(number -> severities.put(text, new Severity(number))));
                        return Map.copyOf(severities);
                    })
                    .orElse(Integration.SeverityMapping.DEFAULT.map());
            return clean.buildIfClean(() -> new Integration.SeverityMapping(label, map));
        });
    }

    private static Optional<Boolean> bool(String text) {
        return switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
