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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SPEC §8's answer-within-3-s promise under load, and the bot's footprint, measured on the real bot: {@code java -jar
 * target/escalator.jar} as a child process in Slack HTTP mode, its Web API a {@link FakeSlackApi} in this process. Run
 * by {@code bench/run.sh}, not by the test suite.
 *
 * <ul>
 *   <li>{@code ack JAR OUT SECONDS [WARM_UP_SECONDS]}: an empty embedded store; opens {@value #ESCALATIONS}
 *       escalations, then sends signed {@code /escalate ack ESC-n}, {@code /escalate status ESC-n} and {@code
 *       reaction_added} requests: a warm-up that rises to 200/s over WARM_UP_SECONDS (default 30), not counted; a
 *       fixed 200/s for SECONDS; then steps of 15 s at higher rates until p99 passes 300 ms or requests fail. The
 *       same into a bare Bolt app ({@link dev.escalator.slack.BareBoltApp}), up at the same time, each step run for the
 *       bot and then for the bare app ({@link AckLadders}); then later rounds near both ceilings. What shared the
 *       machine during each step goes to {@value #STEPS_FILE} beside OUT.
 *   <li>{@code footprint JAR DATA_DIR OUT [ARCHIVE]}: the bot on a store seeded beforehand (the scheduler
 *       benchmark's {@code seed}), on the image's JVM options, with the AppCDS archive ARCHIVE as the image maps its
 *       own ({@code bin/train-cds} writes it; JAR then an absolute path, the one the archive was trained on): time and
 *       CPU time to {@code /readyz} 200, the time until its work queues are loaded, RSS, heap after a full GC.
 * </ul>
 *
 * Each writes a Markdown fragment to OUT, which {@code bench/run.sh} puts into {@code docs/benchmarks.md}.
 */
public final class AckPathBenchmark {
    static final int ESCALATIONS = 10;
    static final int FIXED_RATE = 200;
    static final Duration WARM_UP = Duration.ofSeconds(30);
    /** The warm-up rises in steps of this length, the last one at the fixed rate. */
    static final Duration WARM_UP_STEP = Duration.ofSeconds(5);

    static final Duration STEP = Duration.ofSeconds(15);
    /**
     * The same ladder for the bot and the bare app. Near the ceilings it climbs by 200/s: with steps of 400/s a share
     * could only read 60 % or 80 % (1,200 or 1,600 of 2,000) with nothing between, and a target of 80 % needs finer.
     * Between 800/s and 1,200/s too: the bot's ceiling has been 800/s, and a gain under 50 % could not show there.
     * Past 3,200/s by 400/s: with the load generator's own CPU cut, the bare app held 3,200/s, the last step, and a
     * share needs the baseline's ceiling, not a lower bound. To 8,000/s: the bare app held 4,800/s, then the last step
     * too, and a quiet run with a longer ladder found its ceiling at 5,200/s (5,600/s failed). To 12,000/s: with at
     * most 128 requests in flight and Bolt's auth.test kept, the bare app held 8,000/s, the last step, in two rounds of
     * three (session 12's end run).
     */
    static final int[] STEPS = {
        300, 400, 600, 800, 1_000, 1_200, 1_400, 1_600, 1_800, 2_000, 2_200, 2_400, 2_800, 3_200, 3_600, 4_000, 4_400,
        4_800, 5_200, 5_600, 6_000, 6_400, 7_200, 8_000, 8_800, 9_600, 10_400, 11_200, 12_000
    };
    /** Issue #17: the highest rate with p99 ≤ 300 ms, and its share of the bare Bolt app's on the same server. */
    static final int RATE_TARGET = 2_000;

    static final double SHARE_TARGET = 0.8;
    /** Issue #17, with 100,000 open on the image's JVM settings. */
    static final double START_TARGET_MS = 3_000;

    static final double RSS_TARGET_MB = 300;
    static final double P99_TARGET_MS = 300;
    static final List<String> JVM = List.of("-Xmx512m");
    static final String BOT_JVM_VARIABLE = "BENCH_BOT_JVM";
    /** {@value #BARE_VARIABLE}{@code =0}: the bare Bolt app is not run, for a quick look at the bot's ladder alone. */
    static final String BARE_VARIABLE = "ACK_BARE";
    /**
     * {@value #ORDER_VARIABLE}{@code =sequential}: the order before branch ladder, for comparisons with older runs: the
     * bot's ladder, the bot stopped, then the bare app's ladder, one round. Otherwise both apps are up and take each
     * step in turn.
     */
    static final String ORDER_VARIABLE = "ACK_ORDER";
    /** Rounds of the two ladders when they run in turn: the first in full, the others near the ceilings. */
    static final String ROUNDS_VARIABLE = "ACK_ROUNDS";

    static final int ROUNDS = 3;
    /**
     * {@value #IN_FLIGHT_VARIABLE}: at most this many requests in flight from the load generator ({@link
     * OpenLoopLoad#OpenLoopLoad(int)}), 0 for no bound as before branch ack6; the others wait in the generator, timed
     * from their intended send time. Without a bound each ladder ended on the first stall that had the generator open
     * hundreds of new connections (2,000 in the bot's collapses), whichever app stalled (docs/benchmarks.md, ack6).
     */
    static final String IN_FLIGHT_VARIABLE = "ACK_IN_FLIGHT";

    static final int IN_FLIGHT = Optional.ofNullable(System.getenv(IN_FLIGHT_VARIABLE))
            .filter(value -> !value.isBlank())
            .map(value -> Integer.parseInt(value.trim()))
            .orElse(128);
    /**
     * {@value #FAKE_KEEPS_VARIABLE}{@code =1}: the fake Slack keeps every call during the ladders, as before branch
     * ladder, instead of counting them ({@link FakeSlackApi#keepOnlyCounts}).
     */
    static final String FAKE_KEEPS_VARIABLE = "ACK_FAKE_KEEPS_CALLS";
    /** The fake Slack's handler threads: more than the bot's calls in flight at its ceiling ever were. */
    static final int FAKE_SLACK_THREADS = 8;
    /** Written next to the report: what shared the machine during each step ({@link MachineSnapshot}). */
    static final String STEPS_FILE = "ack-steps.md";
    /** The image's memory settings (Dockerfile) in a pod with the manifest's 512 Mi limit: the footprint as deployed. */
    static final List<String> IMAGE_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");
    /**
     * The options the footprint, felt and replicas scenarios start the bot with: the image's, or those in {@value
     * #BOT_JVM_VARIABLE} (space-separated, replacing them all) to measure other options before the image takes them.
     */
    static final List<String> PRODUCT_JVM = Optional.ofNullable(System.getenv(BOT_JVM_VARIABLE))
            .filter(options -> !options.isBlank())
            .map(options -> List.of(options.trim().split("\\s+")))
            .orElse(IMAGE_JVM);

    public static void main(String[] args) throws Exception {
        int status = 0;
        switch (args[0]) {
            case "ack" ->
                status = ack(
                                Path.of(args[1]),
                                Path.of(args[2]),
                                Duration.ofSeconds(Long.parseLong(args[3])),
                                args.length > 4 ? Duration.ofSeconds(Long.parseLong(args[4])) : WARM_UP)
                        .exitStatus();
            case "footprint" ->
                status = footprint(
                                Path.of(args[1]),
                                Path.of(args[2]),
                                Path.of(args[3]),
                                args.length > 4 ? java.util.Optional.of(Path.of(args[4])) : java.util.Optional.empty())
                        .exitStatus();
            default ->
                throw new IllegalArgumentException(
                        "ack JAR OUT SECONDS [WARM_UP_SECONDS] | footprint JAR DATA_DIR OUT [ARCHIVE]");
        }
        System.exit(status);
    }

    /**
     * Runs the ack path and returns SPEC §8's answer times as kept or broken: the bot and the bare Bolt app both up,
     * warmed up, then round 1 (both ladders in full, in turn at each rate) and {@value #ROUNDS_VARIABLE} - 1 later
     * rounds near the ceilings; the share is reported for each round, and checked on their median.
     */
    static Guarantees ack(Path jar, Path out, Duration fixed, Duration warmUp) throws Exception {
        Path data = Files.createTempDirectory("escalator-ack-");
        boolean withBare = !"0".equals(System.getenv(BARE_VARIABLE));
        boolean interleaved = !"sequential".equals(System.getenv(ORDER_VARIABLE));
        int rounds = withBare && interleaved ? rounds() : 1;
        boolean keepCalls = "1".equals(System.getenv(FAKE_KEEPS_VARIABLE));
        try (var slack = FakeSlackApi.onNamedThreads(FAKE_SLACK_THREADS);
                var bot = BotProcess.start(jar, JVM, environment(slack, data), data.resolve("bot.log"))) {
            Duration ready = bot.awaitReady(Duration.ofMinutes(2));
            List<String> roots = open(new SignedSlack(bot.baseUrl(), slack.responseUrl("bench")), slack);
            if (!keepCalls) {
                slack.keepOnlyCounts();
            }
            try (var ladders = new AckLadders(roots, slack)) {
                var botSide = ladders.side("bot", bot, fixed);
                var loads = new ArrayList<String>();
                loads.add(loadAverage());
                System.out.printf("bot ready in %d ms; %d roots posted; warming up%n", ready.toMillis(), roots.size());
                String warmedUp = ladders.warmUp(botSide, warmUp);
                Optional<AckLadders.Side> bareSide = Optional.empty();
                long rss;
                long heap;
                if (withBare && interleaved) {
                    try (var app = startBare(slack, data)) {
                        var bare = ladders.side("bare", app, STEP);
                        bareSide = Optional.of(bare);
                        ladders.warmUp(bare, WARM_UP);
                        ladders.firstRound(List.of(botSide, bare));
                        loads.add(loadAverage());
                        for (int round = 2; round <= rounds; round++) {
                            // who goes first at each rate alternates from round to round
                            ladders.laterRound(round % 2 == 0 ? List.of(bare, botSide) : List.of(botSide, bare), round);
                            loads.add(loadAverage());
                        }
                        rss = bot.rssMegabytes();
                        heap = bot.heapAfterGcMegabytes();
                    }
                } else {
                    ladders.firstRound(List.of(botSide));
                    loads.add(loadAverage());
                    rss = bot.rssMegabytes();
                    heap = bot.heapAfterGcMegabytes();
                    bot.close();
                    ladders.retire(botSide);
                    if (withBare) {
                        try (var app = startBare(slack, data)) {
                            var bare = ladders.side("bare", app, STEP);
                            bareSide = Optional.of(bare);
                            ladders.warmUp(bare, WARM_UP);
                            ladders.firstRound(List.of(bare));
                            loads.add(loadAverage());
                        }
                    }
                }
                Files.writeString(
                        out.resolveSibling(STEPS_FILE),
                        ladders.readings(),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                var report = new AckReport(
                        botSide, bareSide, interleaved, keepCalls, warmedUp, ready, rss, heap, loads, slack.counted());
                String text = report.text();
                Files.writeString(out, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                System.out.print(text);
                var guarantees = report.guarantees();
                guarantees.report(out);
                return guarantees;
            }
        }
    }

    private static BotProcess startBare(FakeSlackApi slack, Path data) throws Exception {
        var app = BotProcess.startMain(
                "dev.escalator.slack.BareBoltApp", JVM, environment(slack, data), data.resolve("bare.log"));
        try {
            app.awaitReady(Duration.ofMinutes(2));
            System.out.println("bare Bolt app ready; warming up");
            return app;
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
    }

    /** How many rounds: {@value #ROUNDS_VARIABLE}, or {@value #ROUNDS}. */
    private static int rounds() {
        return Optional.ofNullable(System.getenv(ROUNDS_VARIABLE))
                .filter(value -> !value.isBlank())
                .map(value -> Math.max(1, Integer.parseInt(value.trim())))
                .orElse(ROUNDS);
    }

    /** The rows of a ladder: the fixed rate, then each step tried; the highest rate that passed, 0 if none. */
    record Ladder(List<String> rows, List<OpenLoopLoad.Result> results, int sustained, long listenOverflows) {
        /** A sentence for the report: how often the kernel dropped a new connection during the ladder. */
        String overflowed() {
            return listenOverflows < 0
                    ? ""
                    : " The kernel's listen queues overflowed %,d times during the ladder's steps (`ListenOverflows`,"
                                    .formatted(listenOverflows)
                            + " all sockets: a connection dropped there waits a second for the client to try again).";
        }
    }

    static Guarantees footprint(Path jar, Path data, Path out, java.util.Optional<Path> archive) throws Exception {
        var jvm = new java.util.ArrayList<>(PRODUCT_JVM);
        archive.ifPresent(file -> jvm.add("-XX:SharedArchiveFile=" + file));
        Path log = data.resolve("bot.log");
        try (var slack = new FakeSlackApi();
                var bot = BotProcess.start(jar, jvm, environment(slack, data), log)) {
            String loadStart = loadAverage();
            Duration ready = bot.awaitReady(Duration.ofMinutes(5));
            double cpu = bot.cpuSeconds();
            long rssReady = bot.rssMegabytes();
            Duration loaded = bot.awaitLogLine("work queues loaded in", Duration.ofMinutes(5));
            String loadedLine = java.util.regex.Pattern.compile("work queues loaded in (\\d+) ms")
                    .matcher(Files.readString(log))
                    .results()
                    .map(match -> match.group(1) + " ms")
                    .findFirst()
                    .orElse("?");
            Thread.sleep(5_000);
            long heap = bot.heapAfterGcMegabytes();
            long rss = bot.rssMegabytes();
            String text = """
                    | start-up to `/readyz` 200 | CPU to ready | work queues loaded (start to log line; the load) | RSS when ready | heap after GC | RSS after GC | load average, start / end | AppCDS archive |
                    | --- | --- | --- | --- | --- | --- | --- | --- |
                    | %.1f s | %.2f s | %.1f s; %s | %,d MB | %,d MB | %,d MB | %s / %s | %s |
                    """.formatted(
                            ready.toMillis() / 1000.0,
                            cpu,
                            loaded.toMillis() / 1000.0,
                            loadedLine,
                            rssReady,
                            heap,
                            rss,
                            loadStart,
                            loadAverage(),
                            archive.isPresent() ? "the image's (`bin/train-cds`)" : "none");
            text += "\nThe bot's JVM options: `%s`.\n".formatted(String.join(" ", PRODUCT_JVM));
            Files.writeString(out, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            System.out.print(text);
            var guarantees = new Guarantees()
                    .atMost(
                            "start-up to /readyz with 100,000 open (issue #17)",
                            ready.toMillis(),
                            START_TARGET_MS,
                            0,
                            "ms")
                    .atMost("RSS when ready with 100,000 open (issue #17)", rssReady, RSS_TARGET_MB, 0, "MB");
            guarantees.report(out);
            return guarantees;
        }
    }

    static Map<String, String> environment(FakeSlackApi slack, Path data) throws IOException {
        Path config = data.resolve("escalator.yml");
        Files.writeString(config, """
                people:
                  alice: {slack: U0ALICE}
                  bob: {slack: U0BOB}
                paths:
                  payments:
                    levels:
                      - {notify: [alice], ack_timeout: 1h}
                      - {notify: [bob], ack_timeout: 1h}
                    repeat: 0
                channels:
                  - {slack: C0PAY, path: payments}
                """);
        return Map.of(
                "ESCALATOR_CONFIG", config.toString(),
                "ESCALATOR_DATA_DIR", data.toString(),
                "SLACK_BOT_TOKEN", "xoxb-bench",
                "SLACK_SIGNING_SECRET", SignedSlack.SECRET,
                "SLACK_API_URL", slack.methodsUrl());
    }

    /** Opens the escalations and waits for their root messages (delivery paces 1 post/s in the channel). */
    private static List<String> open(SignedSlack signed, FakeSlackApi slack) throws Exception {
        var client = HttpClient.newHttpClient();
        for (int n = 1; n <= ESCALATIONS; n++) {
            var answer = client.send(
                    signed.command("U0REPORTER", "Checkout is failing " + n), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("opening answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> roots = List.of();
        while (System.nanoTime() < deadline) {
            roots = slack.rootPosts().stream().map(FakeSlackApi.Call::ts).toList();
            if (roots.size() >= ESCALATIONS) {
                break;
            }
            Thread.sleep(200);
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("no root message was posted");
        }
        return roots;
    }

    /** Request {@code i} of the mix: ack, ack, status, status, reaction. */
    static HttpRequest mixed(SignedSlack signed, List<String> roots, long i) {
        long n = Math.floorMod(i, ESCALATIONS) + 1;
        return switch ((int) Math.floorMod(i, 5L)) {
            case 0, 1 -> signed.command("U0ALICE", "ack ESC-" + n);
            case 2, 3 -> signed.command("U0BOB", "status ESC-" + n);
            default -> signed.reaction("U0ALICE", roots.get(Math.floorMod(i, roots.size())), "eyes", "EvBench" + i);
        };
    }

    static boolean passes(OpenLoopLoad.Result result) {
        return result.p99Millis() <= P99_TARGET_MS && result.errors() == 0;
    }

    /**
     * The kernel's count of connections dropped because a listen queue was full ({@code TcpExt: ListenOverflows} in
     * {@code /proc/net/netstat}, all sockets of the machine), or -1 where there is none to read.
     */
    static long listenOverflows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                List<String> names = List.of(lines.get(i).split(" "));
                String[] values = lines.get(i + 1).split(" ");
                int at = names.indexOf("ListenOverflows");
                if (names.getFirst().equals("TcpExt:") && at > 0) {
                    return Long.parseLong(values[at]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
