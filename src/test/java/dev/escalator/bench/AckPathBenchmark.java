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
 *       fixed 200/s for SECONDS; then steps of 15 s at higher rates until p99 passes 300 ms or requests fail.
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
     * too, and a quiet run with a longer ladder found its ceiling at 5,200/s (5,600/s failed).
     */
    static final int[] STEPS = {
        300, 400, 600, 800, 1_000, 1_200, 1_400, 1_600, 1_800, 2_000, 2_200, 2_400, 2_800, 3_200, 3_600, 4_000, 4_400,
        4_800, 5_200, 5_600, 6_000, 6_400, 7_200, 8_000
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

    /** Runs the ack path and returns SPEC §8's answer times as kept or broken. */
    static Guarantees ack(Path jar, Path out, Duration fixed, Duration warmUp) throws Exception {
        Path data = Files.createTempDirectory("escalator-ack-");
        try (var slack = new FakeSlackApi();
                var bot = BotProcess.start(jar, JVM, environment(slack, data), data.resolve("bot.log"))) {
            Duration ready = bot.awaitReady(Duration.ofMinutes(2));
            var signed = new SignedSlack(bot.baseUrl(), slack.responseUrl("bench"));
            List<String> roots = open(signed, slack);
            var load = new OpenLoopLoad();
            String loadStart = loadAverage();
            System.out.printf("bot ready in %d ms; %d roots posted; warming up%n", ready.toMillis(), roots.size());
            String warmedUp = warmUp(load, signed, roots, warmUp);

            Ladder ladder = ladder(load, signed, roots, fixed);
            var rows = ladder.rows();
            var results = ladder.results();
            var first = results.getFirst();
            int sustained = ladder.sustained();
            String loadEnd = loadAverage();
            long rss = bot.rssMegabytes();
            long heap = bot.heapAfterGcMegabytes();
            bot.close();
            Optional<Bare> measured = "0".equals(System.getenv(BARE_VARIABLE))
                    ? Optional.empty()
                    : Optional.of(bare(load, slack, data, roots));
            var text = new StringBuilder();
            text.append("Requests: 2 in 5 `/escalate ack ESC-n` by a person on the path (the first acknowledges; the")
                    .append(" same command typed again within its 2-minute key is answered as done before, later ones")
                    .append(" are the friendly no-op), 2 in 5 `/escalate status ESC-n`, 1 in 5 `reaction_added`")
                    .append(" :eyes: on a root message (a new `event_id` each), over ")
                    .append(ESCALATIONS)
                    .append(" escalations. Latency is from each request's intended send time to its HTTP answer.")
                    .append(' ')
                    .append(warmedUp)
                    .append("\n\n")
                    .append(OpenLoopLoad.HEADER)
                    .append('\n');
            rows.forEach(row -> text.append(row).append('\n'));
            text.append("\nHighest rate with p99 ≤ 300 ms and no errors: **")
                    .append(sustained == 0 ? "none" : "%,d/s".formatted(sustained))
                    .append("**")
                    .append(sustained == STEPS[STEPS.length - 1] ? " (the last step tried)" : "")
                    .append(". Bot start-up to `/readyz` 200 (empty store): ")
                    .append(ready.toMillis())
                    .append(" ms; after the run RSS ")
                    .append(rss)
                    .append(" MB, heap after GC ")
                    .append(heap)
                    .append(" MB (`-Xmx512m`). Load average (1 min) at start / end: ")
                    .append(loadStart)
                    .append(" / ")
                    .append(loadEnd)
                    .append('.')
                    .append(ladder.overflowed())
                    .append('\n');
            measured.ifPresentOrElse(
                    bare -> text.append(bareReport(bare, sustained)),
                    () -> text.append("\nThe bare Bolt app was not run (%s=0): no share.\n".formatted(BARE_VARIABLE)));
            Files.writeString(out, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            System.out.print(text);
            // at every rate the bot held: the step past its ceiling is overload by definition, and how it ends there
            // (connections refused, or queued and answered late) is in the table, not a promise
            double slowest = results.stream()
                    .filter(AckPathBenchmark::passes)
                    .mapToDouble(r -> r.latency().getMaxValue() / 1e6)
                    .max()
                    .orElse(0);
            var guarantees = new Guarantees()
                    .atMost("ack path: p99 at %d/s".formatted(FIXED_RATE), first.p99Millis(), P99_TARGET_MS, 0, "ms")
                    .check(
                            "ack path: no request failed at %d/s".formatted(FIXED_RATE),
                            first.errors() == 0,
                            "%,d errors".formatted(first.errors()))
                    .atMost("ack path: every answer within Slack's 3 s, at every rate held", slowest, 3_000, 0, "ms")
                    .check(
                            "ack path: highest rate with p99 ≤ 300 ms (issue #17)",
                            sustained >= RATE_TARGET,
                            "%,d/s (target ≥ %,d/s)".formatted(sustained, RATE_TARGET));
            measured.ifPresent(bare -> guarantees.check(
                    "ack path: share of a bare Bolt app's highest rate (issue #17)",
                    share(sustained, bare) >= SHARE_TARGET,
                    "%,d/s of %,d/s, %.0f %% (target ≥ %.0f %%)"
                            .formatted(sustained, bare.sustained(), 100 * share(sustained, bare), 100 * SHARE_TARGET)));
            guarantees.report(out);
            return guarantees;
        }
    }

    /** The rows of a ladder: the fixed rate, then each step tried; the highest rate that passed, 0 if none. */
    record Ladder(List<String> rows, List<OpenLoopLoad.Result> results, int sustained, long listenOverflows) {
        /** A sentence for the report: how often the kernel dropped a new connection during the ladder. */
        String overflowed() {
            return listenOverflows < 0
                    ? ""
                    : " The kernel's listen queues overflowed %,d times during the ladder (`ListenOverflows`, all sockets:"
                                    .formatted(listenOverflows)
                            + " a connection dropped there waits a second for the client to try again).";
        }
    }

    /** The bare Bolt app's ladder, and the load average around it. */
    record Bare(Ladder ladder, String loadStart, String loadEnd) {
        int sustained() {
            return ladder.sustained();
        }
    }

    private static double share(int sustained, Bare bare) {
        return bare.sustained() == 0 ? 0 : (double) sustained / bare.sustained();
    }

    /** The bare Bolt app's ladder and the bot's share of its highest rate, for the report. */
    private static String bareReport(Bare bare, int sustained) {
        var text = new StringBuilder();
        text.append("\nThe baseline, the same requests and steps into a **bare Bolt app** (`BareBoltApp`: Bolt's")
                .append(" default middleware, handlers that only `ack()`, on the bot's own HTTP server and Slack")
                .append(" endpoint, a child JVM with the same options), after the bot was stopped:\n\n")
                .append(OpenLoopLoad.HEADER)
                .append('\n');
        bare.ladder().rows().forEach(row -> text.append(row).append('\n'));
        text.append("\nBare Bolt app's highest rate with p99 ≤ 300 ms and no errors: **")
                .append(bare.sustained() == 0 ? "none" : "%,d/s".formatted(bare.sustained()))
                .append("**")
                .append(bare.sustained() == STEPS[STEPS.length - 1] ? " (the last step tried)" : "")
                .append("; the bot's is **%.0f %%** of it. Load average (1 min) at its start / end: "
                        .formatted(100 * share(sustained, bare)))
                .append(bare.loadStart())
                .append(" / ")
                .append(bare.loadEnd())
                .append('.')
                .append(bare.ladder().overflowed())
                .append('\n');
        return text.toString();
    }

    /** {@link #FIXED_RATE} for {@code fixed}, then {@link #STEPS} of {@link #STEP} until one fails. */
    private static Ladder ladder(OpenLoopLoad load, SignedSlack signed, List<String> roots, Duration fixed)
            throws InterruptedException {
        var rows = new ArrayList<String>();
        var results = new ArrayList<OpenLoopLoad.Result>();
        long overflowsBefore = listenOverflows();
        var first = load.run(FIXED_RATE, fixed, i -> mixed(signed, roots, i));
        results.add(first);
        rows.add(first.row());
        System.out.println(first.row());
        int sustained = passes(first) ? FIXED_RATE : 0;
        long offset = first.sent();
        for (int rate : STEPS) {
            long from = offset;
            var step = load.run(rate, STEP, i -> mixed(signed, roots, from + i));
            results.add(step);
            offset += step.sent();
            rows.add(step.row());
            System.out.println(
                    overflowsBefore < 0
                            ? step.row()
                            : step.row() + " listen queue overflows so far: " + (listenOverflows() - overflowsBefore));
            if (!passes(step)) {
                break;
            }
            sustained = rate;
        }
        long overflowsAfter = listenOverflows();
        return new Ladder(rows, results, sustained, overflowsBefore < 0 ? -1 : overflowsAfter - overflowsBefore);
    }

    /**
     * The same warm-up and ladder (its fixed rate for one step's length) into {@link dev.escalator.slack.BareBoltApp},
     * started as the bot is, with the bot's JVM options and environment.
     */
    private static Bare bare(OpenLoopLoad load, FakeSlackApi slack, Path data, List<String> roots) throws Exception {
        try (var app = BotProcess.startMain(
                "dev.escalator.slack.BareBoltApp", JVM, environment(slack, data), data.resolve("bare.log"))) {
            app.awaitReady(Duration.ofMinutes(2));
            var signed = new SignedSlack(app.baseUrl(), slack.responseUrl("bench"));
            String loadStart = loadAverage();
            System.out.println("bare Bolt app ready; warming up");
            warmUp(load, signed, roots, WARM_UP);
            Ladder ladder = ladder(load, signed, roots, STEP);
            return new Bare(ladder, loadStart, loadAverage());
        }
    }

    /**
     * Brings the bot to the fixed rate gradually, so that the measured phase starts on a JIT-compiled bot: steps of
     * {@link #WARM_UP_STEP} rising evenly to {@link #FIXED_RATE}, the last at it. Returns a sentence saying what was
     * run, for the report; nothing of it is counted. Warm-up requests have negative numbers, so their reaction events
     * never share an {@code event_id} with the measured ones.
     */
    private static String warmUp(OpenLoopLoad load, SignedSlack signed, List<String> roots, Duration length)
            throws InterruptedException {
        if (length.isZero()) {
            return "No warm-up.";
        }
        long steps = Math.max(1, length.toSeconds() / WARM_UP_STEP.toSeconds());
        var rates = new ArrayList<String>();
        long offset = 0;
        for (long k = 1; k <= steps; k++) {
            int rate = (int) Math.max(1, FIXED_RATE * k / steps);
            long from = offset;
            var step = load.run(rate, WARM_UP_STEP, i -> mixed(signed, roots, -1 - from - i));
            offset += step.sent();
            rates.add(Integer.toString(rate));
            System.out.println("warm-up " + step.row());
        }
        return "Warm-up, not counted: %d s rising to %d/s in steps of %d s (%s/s)."
                .formatted(
                        steps * WARM_UP_STEP.toSeconds(),
                        FIXED_RATE,
                        WARM_UP_STEP.toSeconds(),
                        String.join(", ", rates));
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
    private static HttpRequest mixed(SignedSlack signed, List<String> roots, long i) {
        long n = Math.floorMod(i, ESCALATIONS) + 1;
        return switch ((int) Math.floorMod(i, 5L)) {
            case 0, 1 -> signed.command("U0ALICE", "ack ESC-" + n);
            case 2, 3 -> signed.command("U0BOB", "status ESC-" + n);
            default -> signed.reaction("U0ALICE", roots.get(Math.floorMod(i, roots.size())), "eyes", "EvBench" + i);
        };
    }

    private static boolean passes(OpenLoopLoad.Result result) {
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
