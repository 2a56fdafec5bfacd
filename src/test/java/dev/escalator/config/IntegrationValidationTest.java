package dev.escalator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntegrationValidationTest {
    private static final Map<String, String> ENV = Map.of("PROM_TOKEN", "s3cret", "PD_TOKEN", "pd-key");

    /** The integrations start on line 9; path {@code quiet} has no channel. */
    private static String withIntegrations(String integrations) {
        return """
                people:
                  alice: {slack: U0ALICE}
                paths:
                  payments: {levels: [{notify: [alice], ack_timeout: 5m}]}
                  checkout: {levels: [{notify: [alice], ack_timeout: 5m}]}
                  quiet: {levels: [{notify: [alice], ack_timeout: 5m}]}
                channels: [{slack: C0PAY, path: payments}, {slack: C0CHK, path: checkout}]
                integrations:
                %s""".formatted(integrations.indent(2));
    }

    private static ConfigResult parse(String integrations) {
        return ConfigLoader.parse(withIntegrations(integrations), ConfigText.FILE, ENV);
    }

    private static List<String> errorsOf(String integrations) {
        return parse(integrations).errors().stream()
                .map(ConfigProblem::toString)
                .toList();
    }

    @Test
    void anIntegrationIsReadWithItsDefaults() {
        var config = parse("prometheus: {kind: alertmanager, token_env: PROM_TOKEN, path: payments}")
                .config()
                .orElseThrow();

        var integration = config.integrations().getFirst();
        assertThat(integration.name()).isEqualTo("prometheus");
        assertThat(integration.kind()).isEqualTo(Integration.Kind.ALERTMANAGER);
        assertThat(integration.token()).isEqualTo("s3cret");
        assertThat(integration.path()).isEqualTo(new PathId("payments"));
        assertThat(integration.severity()).isEqualTo(Integration.SeverityMapping.DEFAULT);
        assertThat(integration.autoResolve()).isTrue();
        assertThat(integration.maxNewPerMinute()).isEqualTo(20);
        assertThat(integration.urlPath()).isEqualTo("/alerts/prometheus");
        assertThat(integration.toString()).doesNotContain("s3cret");
    }

    @Test
    void routesSeverityMapAndSwitchesAreRead() {
        var integration = parse("""
                        pd:
                          kind: pagerduty
                          token_env: PD_TOKEN
                          path: payments
                          routes:
                            - {match: {team: checkout}, path: checkout}
                            - {match: {severity: critical}, severity: 1}
                          severity: {label: level, map: {p1: 1, p2: 2}}
                          auto_resolve: false
                          max_new_per_minute: 5
                        """).config().orElseThrow().integrations().getFirst();

        assertThat(integration.routes())
                .containsExactly(
                        new Integration.Route(
                                Map.of("team", "checkout"), Optional.of(new PathId("checkout")), Optional.empty()),
                        new Integration.Route(
                                Map.of("severity", "critical"), Optional.empty(), Optional.of(new Severity(1))));
        assertThat(integration.severity())
                .isEqualTo(
                        new Integration.SeverityMapping("level", Map.of("p1", new Severity(1), "p2", new Severity(2))));
        assertThat(integration.autoResolve()).isFalse();
        assertThat(integration.maxNewPerMinute()).isEqualTo(5);
        assertThat(integration.urlPath()).isEqualTo("/v2/enqueue");
    }

    @Test
    void numbersAtTheEndsOfTheirRangesAreTaken() {
        var result = parse("""
                        prom:
                          kind: alertmanager
                          token_env: PROM_TOKEN
                          path: payments
                          routes: [{match: {team: checkout}, severity: 4}]
                          severity: {label: level, map: {p1: 1, p4: 4}}
                          max_new_per_minute: 100000
                        pd: {kind: pagerduty, token_env: PD_TOKEN, path: payments, max_new_per_minute: 1}
                        """);

        assertThat(result.errors()).isEmpty();
        var integrations = result.config().orElseThrow().integrations();

        assertThat(integrations.getFirst().maxNewPerMinute()).isEqualTo(100_000);
        assertThat(integrations.getFirst().routes().getFirst().severity()).contains(new Severity(4));
        assertThat(integrations.getFirst().severity().map())
                .containsEntry("p1", new Severity(1))
                .containsEntry("p4", new Severity(4));
        assertThat(integrations.getLast().maxNewPerMinute()).isEqualTo(1);
    }

    @Test
    void everyMistakeIsReportedAtItsLine() {
        var errors = errorsOf("""
                Prom_1: {kind: nagios, token_env: UNSET_TOKEN, path: quiet}
                other:
                  kind: generic
                  token_env: PROM_TOKEN
                  path: nowhere
                  routes:
                    - {match: {}, path: checkout}
                    - {match: {team: a}}
                  colour: red
                """);

        assertThat(errors)
                .containsExactlyInAnyOrder(
                        "escalator.yml:9: integrations.Prom_1: 'Prom_1' cannot be an integration name: it is part of"
                                + " the URL, use lowercase letters, digits and '-'",
                        "escalator.yml:9: integrations.Prom_1.kind: expected alertmanager, grafana, pagerduty or"
                                + " generic, got 'nagios'",
                        "escalator.yml:9: integrations.Prom_1.token_env: the environment variable UNSET_TOKEN is not"
                                + " set: set it to this integration's secret",
                        "escalator.yml:9: integrations.Prom_1.path: no channel is bound to path 'quiet', so its alerts"
                                + " could not be posted: bind one under channels",
                        "escalator.yml:13: integrations.other.path: unknown path 'nowhere' (known: checkout, payments,"
                                + " quiet)",
                        "escalator.yml:13: integrations.other.path: no channel is bound to path 'nowhere', so its"
                                + " alerts could not be posted: bind one under channels",
                        "escalator.yml:15: integrations.other.routes[0].match: matches nothing: give at least one"
                                + " label, like {team: checkout}",
                        "escalator.yml:16: integrations.other.routes[1]: a route needs a path, a severity or both",
                        "escalator.yml:17: integrations.other.colour: unknown key 'colour' (allowed: kind, token_env,"
                                + " path, routes, severity, auto_resolve, max_new_per_minute)");
    }

    @Test
    void aNameGivenTwiceIsAnError() {
        var errors = errorsOf("""
                prom: {kind: alertmanager, token_env: PROM_TOKEN, path: payments}
                prom: {kind: grafana, token_env: PROM_TOKEN, path: payments}
                """);

        assertThat(errors).anyMatch(error -> error.startsWith("escalator.yml:10: integrations.prom: is given twice"));
    }

    @Test
    void twoPagerDutyIntegrationsCannotShareAToken() {
        var errors = errorsOf("""
                a: {kind: pagerduty, token_env: PD_TOKEN, path: payments}
                b: {kind: pagerduty, token_env: PD_TOKEN, path: checkout}
                """);

        assertThat(errors).anyMatch(error -> error.contains("a routing_key must pick one of them"));
    }

    @Test
    void withoutAnEnvironmentEveryTokenIsUnset() {
        var errors =
                ConfigText.errorsOf(withIntegrations("prom: {kind: grafana, token_env: PROM_TOKEN, path: payments}"));

        assertThat(errors).anyMatch(error -> error.contains("PROM_TOKEN is not set"));
    }

    /** An empty secret would let anyone in: {@code Authorization: Bearer } with nothing after it would match it. */
    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aTokenVariableSetToNothingOrBlanksIsUnset(String value) {
        var result = ConfigLoader.parse(
                withIntegrations("prom: {kind: grafana, token_env: PROM_TOKEN, path: payments}"),
                ConfigText.FILE,
                Map.of("PROM_TOKEN", value));

        assertThat(result.errors().stream().map(ConfigProblem::toString))
                .anyMatch(error -> error.contains("PROM_TOKEN is not set"));
        assertThat(result.isValid()).isFalse();
    }
}
