package dev.escalator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.ConfigResult;
import dev.escalator.http.HttpService;
import dev.escalator.http.PrometheusMetrics;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.TestClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthcheckCommandTest {
    @Test
    void healthyWhenTheBotAnswersHealthz() throws Exception {
        try (var metrics = PrometheusMetrics.withJvmMetrics();
                var server = HttpService.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics)) {
            var run = CliRun.of(context(server.port()), "healthcheck");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("healthy");
        }
    }

    @Test
    void unhealthyWhenNothingListens() throws Exception {
        int port;
        try (var metrics = PrometheusMetrics.withJvmMetrics();
                var server = HttpService.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics)) {
            port = server.port();
            server.stop(Duration.ZERO);
        }

        var run = CliRun.of(context(3000), "healthcheck", "--port", Integer.toString(port));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("unhealthy: nothing listens at http://127.0.0.1:" + port + "/healthz");
    }

    private static CliContext context(int port) {
        var nothing = ConfigFixtures.answering(new ConfigResult(Optional.empty(), List.of(), List.of()));
        return new CliContext(Path.of("escalator.yml"), port, new TestClock(Fixtures.T0), nothing, () -> 0);
    }
}
