package dev.escalator;

import static dev.escalator.Manifests.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import dev.escalator.core.Actor;
import dev.escalator.core.Event;
import dev.escalator.core.InboundEvents;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.http.HttpService;
import dev.escalator.http.PrometheusMetrics;
import dev.escalator.metrics.ChatCallCounter;
import dev.escalator.metrics.CountedChatPort;
import dev.escalator.metrics.CountedInboundEvents;
import dev.escalator.metrics.EscalationMetrics;
import dev.escalator.metrics.StepLateness;
import dev.escalator.metrics.StoreMetrics;
import dev.escalator.schedule.StoredChange;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.RecordingChat;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sample dashboard asks only for metrics the bot serves. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("manifests/grafana/escalator-dashboard.json");

    /** Micrometer registers the GC pause timer at the first pause, which a young test JVM may not have had yet. */
    private static final Set<String> AFTER_FIRST_GC =
            Set.of("jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_max");

    private static final Pattern METRIC = Pattern.compile("\\b((?:escalator|jvm|process|system)_[a-z0-9_]+|up)\\b");

    private final List<Map<String, Object>> panels = panels();

    @Test
    void everyQueriedMetricIsServed() throws Exception {
        var served = new java.util.HashSet<>(scrapedNames());
        served.addAll(AFTER_FIRST_GC);

        for (var panel : panels) {
            for (String metric : metricsOf(panel)) {
                if (metric.equals("up")) {
                    continue; // Prometheus's own, per scraped target
                }
                assertThat(served).as("panel %s", panel.get("title")).contains(metric);
            }
        }
    }

    @Test
    void everyEscalationMetricHasAPanel() throws Exception {
        Set<String> queried =
                panels.stream().flatMap(panel -> metricsOf(panel).stream()).collect(Collectors.toSet());

        assertThat(queried)
                .contains(
                        "escalator_escalations_opened_total",
                        "escalator_escalations_acknowledged_total",
                        "escalator_escalations_resolved_total",
                        "escalator_escalations_exhausted_total",
                        "escalator_escalations_refused_total",
                        "escalator_time_to_acknowledge_seconds_bucket",
                        "escalator_time_to_resolve_seconds_bucket",
                        "escalator_step_lateness_seconds_bucket",
                        "escalator_open_escalations",
                        "escalator_chat_calls_total",
                        "escalator_inbound_events_total",
                        "escalator_store_calls_seconds_count",
                        "escalator_store_errors_total");
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
            // the server times a request once its answer is written, so the client may have it first
            Eventually.holds(
                    "the /healthz request timed",
                    () -> metrics.registry().find("escalator.http.requests").timer() != null);
            exerciseEscalationMetrics(metrics.registry());
            String scrape = get(client, http.port(), "/metrics");
            return scrape.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .collect(Collectors.toSet());
        }
    }

    /** The bot's own meters, each given something to count: most appear at their first event, as in the bot. */
    private static void exerciseEscalationMetrics(MeterRegistry registry) {
        var changes = new EscalationMetrics(registry, 0);
        var escalation = Fixtures.anEscalation().build().toBuilder();
        var at = Fixtures.T0;
        escalation.record(at, Fixtures.stranger(), new Event.Refused(Action.ACKNOWLEDGE, "not on the path"));
        escalation.record(at.plusSeconds(60), Fixtures.bob(), new Event.Acknowledged());
        escalation.record(at.plusSeconds(120), Fixtures.bob(), new Event.Resolved(Optional.empty()));
        escalation.record(at.plusSeconds(180), new Actor.Bot(), new Event.Exhausted(Optional.empty()));
        changes.stored(StoredChange.byAction(escalation.build(), 0));
        new StepLateness(registry).record(Duration.ofMillis(200));
        new StoreMetrics(registry).called(true, 1_000_000, false);
        var everyEventFirst = new InboundEvents() {
            @Override
            public boolean firstTime(String key, Duration remember) {
                return true;
            }

            @Override
            public boolean firstTimeFor(String key, String holder, Duration remember) {
                return true;
            }

            @Override
            public void forget(String key) {}
        };
        new CountedInboundEvents(everyEventFirst, registry, Platform.SLACK).firstTime("k", Duration.ZERO);
        var chat = new CountedChatPort(new RecordingChat(Platform.SLACK), new ChatCallCounter(registry));
        chat.refreshRoot(escalation.build(), new ThreadRef(Fixtures.PAYMENTS_CHANNEL, "1.0", "1.0"));
    }

    private static String get(HttpClient client, int port, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
