package dev.escalator;

import static dev.escalator.Manifests.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.http.HttpService;
import dev.escalator.http.PrometheusMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sample dashboard asks for metrics the bot serves today, or for the escalation metrics announced for later. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("manifests/grafana/escalator-dashboard.json");
    /** The names the metrics work will export; their panels say they are empty until then. */
    private static final Set<String> ANNOUNCED = Set.of(
            "escalator_escalations_opened_total", "escalator_step_lateness_seconds", "escalator_open_escalations");

    /** Micrometer registers the GC pause timer at the first pause, which a young test JVM may not have had yet. */
    private static final Set<String> AFTER_FIRST_GC =
            Set.of("jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_max");

    private static final Pattern METRIC = Pattern.compile("\\b((?:escalator|jvm|process|system)_[a-z0-9_]+|up)\\b");

    private final List<Map<String, Object>> panels = panels();

    @Test
    void everyQueriedMetricIsServedTodayOrAnnounced() throws Exception {
        var served = new java.util.HashSet<>(scrapedNames());
        served.addAll(AFTER_FIRST_GC);

        for (var panel : panels) {
            for (String metric : metricsOf(panel)) {
                if (metric.equals("up")) {
                    continue; // Prometheus's own, per scraped target
                }
                if (announced(metric)) {
                    assertThat(String.valueOf(panel.get("description")))
                            .as("panel %s", panel.get("title"))
                            .contains("Arrives with the metrics work");
                } else {
                    assertThat(served).as("panel %s", panel.get("title")).contains(metric);
                }
            }
        }
    }

    @Test
    void everyAnnouncedEscalationMetricHasAPanelReady() {
        Set<String> queried = panels.stream()
                .flatMap(panel -> metricsOf(panel).stream())
                .filter(GrafanaDashboardTest::announced)
                .map(metric -> ANNOUNCED.stream()
                        .filter(metric::startsWith)
                        .findFirst()
                        .orElseThrow())
                .collect(Collectors.toSet());

        assertThat(queried).isEqualTo(ANNOUNCED);
    }

    private static boolean announced(String metric) {
        return ANNOUNCED.stream().anyMatch(metric::startsWith);
    }

    private static List<String> metricsOf(Map<String, Object> panel) {
        if (!panel.containsKey("targets")) {
            return List.of();
        }
        var metrics = new ArrayList<String>();
        for (Object target : list(panel, "targets")) {
            var matcher = METRIC.matcher(String.valueOf(Manifests.cast(target).get("expr")));
            while (matcher.find()) {
                metrics.add(matcher.group(1));
            }
        }
        return metrics;
    }

    private static List<Map<String, Object>> panels() {
        return list(Manifests.load(DASHBOARD), "panels").stream()
                .map(Manifests::cast)
                .toList();
    }

    /** Sample names in a real scrape of the bot's HTTP server, after one request so the request timer exists. */
    private static Set<String> scrapedNames() throws IOException, InterruptedException {
        try (var metrics = PrometheusMetrics.withJvmMetrics();
                var http = HttpService.start(new InetSocketAddress("127.0.0.1", 0), metrics);
                var client = HttpClient.newHttpClient()) {
            get(client, http.port(), "/healthz");
            String scrape = get(client, http.port(), "/metrics");
            return scrape.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .collect(Collectors.toSet());
        }
    }

    private static String get(HttpClient client, int port, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
