package dev.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --alert FILE}: the path and severity an alert payload would get, then that path's timeline. */
class SimulateAlertTest {
    private static final String CONFIG = """
            people:
              alice: {slack: U0ALICE}
              bob: {slack: U0BOB}
            paths:
              payments: {levels: [{notify: [bob], ack_timeout: 5m}]}
              checkout: {levels: [{notify: [alice], ack_timeout: 5m}]}
            channels:
              - {slack: C0PAY, path: payments}
              - {slack: C0CHK, path: checkout}
            integrations:
              prom:
                kind: alertmanager
                token_env: PROM_TOKEN
                path: payments
                routes:
                  - {match: {team: checkout}, path: checkout}
              pd: {kind: pagerduty, token_env: PD_TOKEN, path: payments}
            """;

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("escalator.yml");
        Files.writeString(config, CONFIG);
    }

    @Test
    void aRoutedAlertShowsItsRoutePathAndSeverityThenTheTimeline() throws IOException {
        var run = simulate("--alert", fixture("alertmanager-routed-critical.json"), "--integration", "prom");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsSubsequence(
                        "to prom (alertmanager): firing, key {}/{team=\"checkout\"}:{alertname=\"PaymentsDown\"}",
                        "title: Payment provider unreachable",
                        "route 1 -> path checkout, severity 1",
                        "Path checkout, severity 1",
                        "level 1/1, pass 1/1: tag alice");
    }

    @Test
    void aPagerDutyEventFindsItsIntegrationByRoutingKey() throws IOException {
        var run = simulate("--alert", fixture("pagerduty-trigger.json"));

        assertThat(run.out()).contains("to pd (pagerduty): firing", "no route matches -> path payments, severity 2");
    }

    @Test
    void aPayloadTheIntegrationWouldRefuseNamesTheField() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"version\": \"4\", \"status\": \"firing\"}");

        var run = simulate("--alert", bad.toString(), "--integration", "prom");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("would be refused with 400: groupKey: missing");
    }

    @Test
    void checkConfigListsEachIntegrationWithItsUrlAndKind() {
        var run = CliRun.command(context(configs()), "check-config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("integrations 2: pd (pagerduty, POST /v2/enqueue -> payments),"
                        + " prom (alertmanager, POST /alerts/prom -> payments, 1 route(s))");
    }

    @Test
    void checkConfigReportsATokenEnvThatIsNotSet() {
        var run = CliRun.command(
                context(ConfigSource.yamlFiles(Map.of("PD_TOKEN", "x"))), "check-config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("integrations.prom.token_env: the environment variable PROM_TOKEN is not set");
    }

    private String fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/alerts/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file.toString();
    }

    private CliRun simulate(String... args) {
        return CliRun.command(context(configs()), "simulate", args);
    }

    private static ConfigSource configs() {
        return ConfigSource.yamlFiles(
                Map.of("PROM_TOKEN", "prom-secret", "PD_TOKEN", "pd-routing-key-0123456789abcdef"));
    }

    private CliContext context(ConfigSource configs) {
        return new CliContext(config, 3000, Clock.fixed(Fixtures.IN_BOBS_WEEK, ZoneOffset.UTC), configs, () -> 0);
    }
}
