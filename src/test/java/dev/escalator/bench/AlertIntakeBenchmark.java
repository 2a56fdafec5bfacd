package dev.escalator.bench;

import dev.escalator.testing.FakeSlackApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The alert intake on the real bot ({@code java -jar target/escalator.jar}, embedded store, Slack against a {@link
 * FakeSlackApi} in this process), issue #14: generic alerts at 100/s for 60 s across 1,000 groups (p99 answer time,
 * escalations opened, posts made), then a storm of 10,000 new groups in 60 s (escalations opened stay at the limit,
 * resident memory before and after). Run by {@code bench/alerts.sh}; prints a Markdown section.
 */
public final class AlertIntakeBenchmark {
    private static final String TOKEN = "bench-alert-token";

    private AlertIntakeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Duration length = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        int groups = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int storm = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        Path data = Files.createTempDirectory("escalator-alerts-");
        try (var slack = new FakeSlackApi();
                var bot = BotProcess.start(
                        jar, java.util.List.of("-Xmx512m"), environment(slack, data), data.resolve("bot.log"))) {
            Duration ready = bot.awaitReady(Duration.ofMinutes(2));
            var load = new OpenLoopLoad();
            System.out.printf("bot ready in %d ms%n", ready.toMillis());

            var steady = load.run(100, length, i -> alert(bot, "steady", "group-" + (i % groups)));
            long steadyPosts = slack.calls("chat.postMessage").size();
            System.out.println(
                    "### Steady: 100 alerts/s for " + length.toSeconds() + " s across " + groups + " groups");
            System.out.println();
            System.out.println(OpenLoopLoad.HEADER);
            System.out.println(steady.row());
            System.out.printf(
                    "%nescalations opened: %s; re-fires: %s; chat posts made by the end of the run: %,d%n",
                    counter(bot, "steady", "opened"), counter(bot, "steady", "refired"), steadyPosts);

            long rssBefore = bot.rssMegabytes();
            int rate = (int) Math.max(1, storm / length.toSeconds());
            var stormRun = load.run(rate, length, i -> alert(bot, "storm", "storm-group-" + i));
            long rssAfter = bot.rssMegabytes();
            System.out.println();
            System.out.println(
                    "### Storm: " + storm + " new groups in " + length.toSeconds() + " s, limit 20 a minute");
            System.out.println();
            System.out.println(OpenLoopLoad.HEADER);
            System.out.println(stormRun.row());
            System.out.printf(
                    "%nescalations opened: %s (each minute's first 20 groups and its storm escalation);"
                            + " joined a storm: %s; resident memory %,d MB before, %,d MB after%n",
                    counter(bot, "storm", "opened"), counter(bot, "storm", "storm"), rssBefore, rssAfter);
        }
        System.exit(0);
    }

    private static HttpRequest alert(BotProcess bot, String integration, String key) {
        String body =
                "{\"key\": \"%s\", \"status\": \"firing\", \"title\": \"Bench alert %s\", \"severity\": \"warning\"}"
                        .formatted(key, key);
        return HttpRequest.newBuilder(URI.create(bot.baseUrl() + "/alerts/" + integration))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** One value of {@code escalator_alerts_received_total}, from the bot's own {@code /metrics}. */
    private static String counter(BotProcess bot, String integration, String outcome)
            throws IOException, InterruptedException {
        String prefix =
                "escalator_alerts_received_total{integration=\"%s\",outcome=\"%s\"} ".formatted(integration, outcome);
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(bot.baseUrl() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> "%,d".formatted((long) Double.parseDouble(line.substring(prefix.length()))))
                .findFirst()
                .orElse("0");
    }

    private static Map<String, String> environment(FakeSlackApi slack, Path data) throws IOException {
        // its own file: the ack benchmark's environment writes escalator.yml
        Path config = data.resolve("alerts.yml");
        Files.writeString(config, """
                people:
                  alice: {slack: U0ALICE}
                paths:
                  payments: {levels: [{notify: [alice], ack_timeout: 1h}]}
                channels:
                  - {slack: C0PAY, path: payments}
                integrations:
                  steady: {kind: generic, token_env: BENCH_ALERT_TOKEN, path: payments, max_new_per_minute: 100000}
                  storm: {kind: generic, token_env: BENCH_ALERT_TOKEN, path: payments}
                """);
        var env = new HashMap<>(AckPathBenchmark.environment(slack, data));
        env.put("ESCALATOR_CONFIG", config.toString());
        env.put("BENCH_ALERT_TOKEN", TOKEN);
        return env;
    }
}
