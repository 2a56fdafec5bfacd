package dev.escalator.bench;

import dev.escalator.testing.FakeSlackApi;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #17's rows that people feel, on the real bot ({@code java -jar target/escalator.jar} as a child process, Slack
 * in HTTP mode against a {@link FakeSlackApi} in this process, an embedded store). Run by {@code bench/run.sh}.
 *
 * <ul>
 *   <li>{@code action JAR OUT}: {@value #ACTIONS} escalations over {@value #CHANNELS} channels, then one action each at
 *       {@value #ACTION_RATE}/s: an {@code :eyes:} reaction on its root, or {@code /escalate ack ESC-n}, in turn. Each
 *       acknowledges, which posts in the thread and updates the root; both are timed from the action's intended
 *       send time to the fake Web API's receipt of the call (on the one replica there is, the one that handled it).
 *       Channels are many so that per-channel pacing (4 calls, then 1 a second) does not stand in for the delay.
 *   <li>{@code restart JAR OUT}: {@value #RESTARTS} times: an escalation is opened, the bot killed with kill -9 as
 *       soon as its root is posted (its delivery claim likely still held), its level-2 step comes due while the bot
 *       is dead, the bot is started again on the same data directory; timed from {@code /readyz} answering 200 to
 *       the fake's receipt of the level-2 tag.
 * </ul>
 */
public final class FeltLatencyBenchmark {
    static final int CHANNELS = 10;
    static final int ACTIONS = 120;
    static final int ACTION_RATE = 2;
    static final double EFFECT_TARGET_MS = 300;
    static final int RESTARTS = 3;
    static final Duration QUICK = Duration.ofSeconds(3);
    static final double RESTART_TARGET_MS = 3_000;
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern ESCALATION = Pattern.compile("ESC-(\\d+)");

    private FeltLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        Guarantees guarantees = switch (args[0]) {
            case "action" -> action(Path.of(args[1]), Path.of(args[2]));
            case "restart" -> restart(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("action JAR OUT | restart JAR OUT");
        };
        System.exit(guarantees.exitStatus());
    }

    /** A root message as posted: its channel, ts, escalation number (0 when its text did not say) and arrival. */
    record Root(String channel, String ts, long number, Instant at) {}

    static Guarantees action(Path jar, Path out) throws Exception {
        Path data = Files.createTempDirectory("escalator-action-");
        try (var slack = new FakeSlackApi();
                var bot = BotProcess.start(
                        jar, AckPathBenchmark.JVM, environment(slack, data, "1h"), data.resolve("bot.log"))) {
            bot.awaitReady(Duration.ofMinutes(2));
            var signed = new SignedSlack(bot.baseUrl(), slack.responseUrl("bench"));
            var client = HttpClient.newHttpClient();
            for (int n = 1; n <= ACTIONS; n++) {
                answered(client, signed.command("U0REPORTER", "Checkout is failing " + n, channel(n)));
            }
            List<Root> roots = awaitRoots(slack, ACTIONS);
            settle(slack);
            String loadStart = AckPathBenchmark.loadAverage();
            Instant start = Instant.now().plusSeconds(1);
            var intended = new ArrayList<Instant>();
            var errors = new AtomicLong();
            for (int i = 0; i < roots.size(); i++) {
                Instant at = start.plusMillis(1_000L * i / ACTION_RATE);
                sleepUntil(at);
                intended.add(at);
                Root root = roots.get(i);
                HttpRequest request = i % 2 == 0 || root.number() == 0
                        ? signed.reaction("U0ALICE", root.channel(), root.ts(), "eyes", "EvFelt" + i)
                        : signed.command("U0ALICE", "ack ESC-" + root.number(), root.channel());
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((answer, failure) -> {
                            if (failure != null || answer.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        });
            }
            var posts = new Samples();
            var updates = new Samples();
            long deadline = System.nanoTime() + WAIT.toNanos();
            int missing = roots.size();
            while (missing > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                missing = 0;
                for (int i = 0; i < roots.size(); i++) {
                    if (effect(slack, roots.get(i), intended.get(i), "chat.postMessage")
                                    .isEmpty()
                            || effect(slack, roots.get(i), intended.get(i), "chat.update")
                                    .isEmpty()) {
                        missing++;
                    }
                }
            }
            for (int i = 0; i < roots.size(); i++) {
                Instant at = intended.get(i);
                effect(slack, roots.get(i), at, "chat.postMessage")
                        .ifPresent(call ->
                                posts.add(Duration.between(at, call.at()).toMillis()));
                effect(slack, roots.get(i), at, "chat.update")
                        .ifPresent(call ->
                                updates.add(Duration.between(at, call.at()).toMillis()));
            }
            String text = """
                    | actions | rate | thread post: p50 / p99 / max | root update: p50 / p99 / max | effects missing after %d s | request errors | load average, start / end |
                    | --- | --- | --- | --- | --- | --- | --- |
                    | %d (%d reactions, %d commands) over %d channels | %d/s | %s ms | %s ms | %d | %d | %s / %s |
                    """.formatted(
                            WAIT.toSeconds(),
                            roots.size(),
                            (roots.size() + 1) / 2,
                            roots.size() / 2,
                            CHANNELS,
                            ACTION_RATE,
                            posts.summary(1, "%.0f"),
                            updates.summary(1, "%.0f"),
                            missing,
                            errors.get(),
                            loadStart,
                            AckPathBenchmark.loadAverage());
            Files.writeString(out, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            System.out.print(text);
            var guarantees = new Guarantees()
                    .atMost(
                            "action → visible thread post, p99 (issue #17)",
                            posts.percentile(0.99),
                            EFFECT_TARGET_MS,
                            0,
                            "ms")
                    .atMost(
                            "action → root message updated, p99 (issue #17)",
                            updates.percentile(0.99),
                            EFFECT_TARGET_MS,
                            0,
                            "ms")
                    .check(
                            "action → every effect made",
                            missing == 0 && errors.get() == 0,
                            "%d actions without both effects, %d requests failed".formatted(missing, errors.get()));
            guarantees.report(out);
            return guarantees;
        }
    }

    static Guarantees restart(Path jar, Path out) throws Exception {
        Path data = Files.createTempDirectory("escalator-restart-");
        var afterReady = new Samples();
        var rows = new StringBuilder();
        String loadStart = AckPathBenchmark.loadAverage();
        try (var slack = new FakeSlackApi()) {
            Map<String, String> env = environment(slack, data, QUICK.toSeconds() + "s");
            var client = HttpClient.newHttpClient();
            BotProcess bot = BotProcess.start(jar, AckPathBenchmark.PRODUCT_JVM, env, data.resolve("bot-0.log"));
            try {
                bot.awaitReady(Duration.ofMinutes(2));
                for (int round = 1; round <= RESTARTS; round++) {
                    var signed = new SignedSlack(bot.baseUrl(), slack.responseUrl("bench"));
                    answered(client, signed.command("U0REPORTER", "Checkout is failing " + round, channel(1)));
                    Root root = awaitRoots(slack, round).getLast();
                    bot.kill();
                    Instant due = root.at().plus(QUICK);
                    sleepUntil(due.plusSeconds(1));
                    bot = BotProcess.start(
                            jar, AckPathBenchmark.PRODUCT_JVM, env, data.resolve("bot-" + round + ".log"));
                    Duration start = bot.awaitReady(Duration.ofMinutes(2));
                    Instant ready = Instant.now();
                    FakeSlackApi.Call tag = await(
                            slack,
                            call -> call.method().equals("chat.postMessage")
                                    && root.ts().equals(call.params().get("thread_ts"))
                                    && call.params().toString().contains("U0BOB"));
                    long late = Duration.between(ready, tag.at()).toMillis();
                    afterReady.add(late);
                    rows.append("| %d | %,d ms | %,d ms | %,d ms |%n"
                            .formatted(
                                    round,
                                    start.toMillis(),
                                    Duration.between(due, ready).toMillis(),
                                    late));
                }
            } finally {
                bot.close();
            }
        }
        String text = """
                | restart | start-up to `/readyz` 200 | step due before ready by | level-2 tag after ready |
                | --- | --- | --- | --- |
                %s
                Load average (1 min) at start / end: %s / %s. Ready is when the benchmark saw `/readyz` answer 200 (it asks every 20 ms).
                """.formatted(rows.toString().strip(), loadStart, AckPathBenchmark.loadAverage());
        Files.writeString(out, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        System.out.print(text);
        var guarantees = new Guarantees()
                .atMost(
                        "due tag after a kill -9 restart, after ready, max (issue #17)",
                        afterReady.percentile(1.0),
                        RESTART_TARGET_MS,
                        0,
                        "ms");
        guarantees.report(out);
        return guarantees;
    }

    /** The first call of {@code method} on {@code root} at or after {@code after}: its thread post or its update. */
    private static Optional<FakeSlackApi.Call> effect(FakeSlackApi slack, Root root, Instant after, String method) {
        return slack.calls(method).stream()
                .filter(call -> !call.at().isBefore(after))
                .filter(call -> root.channel().equals(call.params().get("channel")))
                .filter(call -> method.equals("chat.update")
                        ? root.ts().equals(call.params().get("ts"))
                        : root.ts().equals(call.params().get("thread_ts")))
                .findFirst();
    }

    /** The first {@code count} root messages posted (no {@code thread_ts}), in order of posting. */
    private static List<Root> awaitRoots(FakeSlackApi slack, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Root> roots = slack.rootPosts().stream()
                    .map(call -> new Root(call.params().get("channel"), call.ts(), number(call), call.at()))
                    .toList();
            if (roots.size() >= count) {
                return roots.subList(0, count);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("fewer than " + count + " root messages posted within " + WAIT);
    }

    private static FakeSlackApi.Call await(FakeSlackApi slack, Predicate<FakeSlackApi.Call> matching)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<FakeSlackApi.Call> call =
                    slack.calls().stream().filter(matching).findFirst();
            if (call.isPresent()) {
                return call.get();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the level-2 tag was not posted within " + WAIT);
    }

    /** Waits until no call has reached the fake for 3 s: the opening posts are done before actions are timed. */
    private static void settle(FakeSlackApi slack) throws InterruptedException {
        int seen = -1;
        while (seen != slack.calls().size()) {
            seen = slack.calls().size();
            Thread.sleep(3_000);
        }
    }

    private static long number(FakeSlackApi.Call call) {
        Matcher m = ESCALATION.matcher(call.params().toString());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static void answered(HttpClient client, HttpRequest request) throws Exception {
        var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the bot answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static String channel(int n) {
        return "C0FELT" + (n % CHANNELS);
    }

    private static Map<String, String> environment(FakeSlackApi slack, Path data, String firstTimeout)
            throws IOException {
        Path config = data.resolve("escalator.yml");
        var channels = new StringBuilder();
        for (int c = 0; c < CHANNELS; c++) {
            channels.append("  - {slack: C0FELT").append(c).append(", path: payments}\n");
        }
        Files.writeString(config, """
                people:
                  alice: {slack: U0ALICE}
                  bob: {slack: U0BOB}
                paths:
                  payments:
                    levels:
                      - {notify: [alice], ack_timeout: %s}
                      - {notify: [bob], ack_timeout: 1h}
                    repeat: 0
                channels:
                %s""".formatted(firstTimeout, channels));
        return Map.of(
                "ESCALATOR_CONFIG", config.toString(),
                "ESCALATOR_DATA_DIR", data.toString(),
                "SLACK_BOT_TOKEN", "xoxb-bench",
                "SLACK_SIGNING_SECRET", SignedSlack.SECRET,
                "SLACK_API_URL", slack.methodsUrl());
    }
}
