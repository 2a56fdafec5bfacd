package dev.escalator;

import dev.escalator.cli.ConfigSource;
import dev.escalator.config.Config;
import dev.escalator.demo.Demonstration;
import dev.escalator.http.PrometheusMetrics;
import dev.escalator.logging.LogLevels;
import dev.escalator.slack.SlackOptions;
import dev.escalator.store.StoreConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The bot for {@code escalator demo}: the demo's configuration, the embedded store in the demo's folder, Slack in HTTP
 * mode against the demo's fake Web API, the HTTP server on a free loopback port, wired by the same {@link Assembly} as
 * the process. Only warnings are logged while it runs, so that the terminal shows the thread.
 */
final class DemoBot {
    private DemoBot() {}

    static int play(boolean interactive, double speed, PrintWriter out, BufferedReader in, Path tempParent) {
        try (var quiet = LogLevels.warningsOnly()) {
            return Demonstration.play(interactive, speed, out, in, tempParent, DemoBot::start);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            out.println("The demo could not run: " + e.getMessage());
            return 1;
        }
    }

    private static Demonstration.RunningBot start(Clock clock, URI slackApi, String signingSecret, Path dataDir)
            throws IOException {
        Config config = ConfigSource.yamlFiles()
                .parse(Demonstration.CONFIG, "demo.yml")
                .config()
                .orElseThrow(() -> new IllegalStateException("the demo's configuration is invalid"));
        var metrics = PrometheusMetrics.withJvmMetrics();
        StoreConnection store;
        try {
            store = StoreConnection.open(Optional.empty(), dataDir);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        var assembly = Assembly.start(new Assembly.Inputs(
                config,
                clock,
                metrics,
                store,
                new Assembly.ChatPlatforms(
                        Optional.of(
                                new SlackOptions("xoxb-demo", Optional.of(signingSecret), Optional.empty(), slackApi)),
                        Optional.empty(),
                        List.of()),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "demo",
                Duration.ofSeconds(1),
                true,
                () -> {}));
        return new Demonstration.RunningBot() {
            @Override
            public int httpPort() {
                return assembly.httpPort();
            }

            @Override
            public void close() {
                assembly.close();
            }
        };
    }
}
