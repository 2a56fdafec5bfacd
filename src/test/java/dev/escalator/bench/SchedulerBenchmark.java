package dev.escalator.bench;

import dev.escalator.core.Brief;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Outcome;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.jobs.JobLoop;
import dev.escalator.schedule.DueStep;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.store.BulkSeed;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.ScenarioData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * SPEC §8's scheduler target, measured: one replica with {@code N} open escalations, of which {@value #DUE} have their
 * next step coming due spread over {@link #SPREAD} and the rest an hour away. Run by {@code bench/scheduler.sh}, not by
 * the test suite.
 *
 * <ul>
 *   <li>{@code seed DIR N}: writes N escalations into an embedded store in DIR (its own process, so the run below
 *       starts as a restarted bot would, rebuilding its readiness index from the file).
 *   <li>{@code run DIR}: the bot's scheduler and delivery on that store, on the real clock, and the report.
 *   <li>{@code memory N}: the same on an in-memory mongo-java-server reached as a real MongoDB would be (the indexed
 *       queries, no local index), seeded in-process.
 * </ul>
 */
public final class SchedulerBenchmark {
    static final int DUE = 1_000;
    static final Duration SPREAD = Duration.ofSeconds(10);
    /** Between the end of seeding and the first due step: room for the bot to start. */
    static final Duration LEAD = Duration.ofSeconds(30);

    static final Duration ACK_TIMEOUT = Duration.ofHours(1);
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration IDLE = Duration.ofSeconds(30);
    static final Duration SETTLE = Duration.ofSeconds(5);
    static final int BATCH = 1_000;

    private final Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    private final Transitions transitions = new Transitions(ScenarioData.twoLevels(ACK_TIMEOUT, Optional.empty()));

    public static void main(String[] args) throws Exception {
        var bench = new SchedulerBenchmark();
        var guarantees = new Guarantees();
        switch (args[0]) {
            case "seed" -> {
                try (var connection = StoreConnection.open(Optional.empty(), Path.of(args[1]))) {
                    bench.seed(connection, Integer.parseInt(args[2]));
                }
            }
            case "run" -> {
                try (var connection = StoreConnection.open(Optional.empty(), Path.of(args[1]))) {
                    guarantees = bench.run(
                            "embedded file store, local readiness index", connection, fileSize(Path.of(args[1])));
                }
                guarantees.report(out(args, 2));
            }
            case "memory" -> {
                try (var server = new InMemoryMongo();
                        var connection = server.connect()) {
                    bench.seed(connection, Integer.parseInt(args[1]));
                    guarantees = bench.run(
                            "in-memory mongo-java-server, indexed queries (the real-MongoDB path)", connection, 0);
                }
                guarantees.report(out(args, 2));
            }
            default -> throw new IllegalArgumentException("seed DIR N | run DIR [OUT] | memory N [OUT]");
        }
        // exits even when all is well: the driver's and server's threads would otherwise keep the JVM up a while
        System.exit(guarantees.exitStatus());
    }

    /** Where the verdicts go: {@code OUT.met}, by default {@code target/bench/scheduler.met}. */
    private static Path out(String[] args, int index) throws IOException {
        Path out = Path.of(args.length > index ? args[index] : "target/bench/scheduler");
        Files.createDirectories(out.toAbsolutePath().getParent());
        return out;
    }

    /** N escalations opened by the core: the last {@value #DUE} due over {@link #SPREAD} after {@link #LEAD}. */
    void seed(StoreConnection connection, int count) {
        long started = System.nanoTime();
        int later = count - DUE;
        Instant now = clock.instant();
        insert(connection, 1, later, i -> now.plus(ACK_TIMEOUT));
        Instant first = clock.instant().plus(LEAD);
        long spacing = SPREAD.toMillis() / DUE;
        insert(connection, later + 1, DUE, i -> first.plusMillis(i * spacing));
        BulkSeed.countFrom(connection, count);
        System.out.printf(
                "seeded %,d escalations in %.1f s; %,d due from %s over %s%n",
                count, (System.nanoTime() - started) / 1e9, DUE, first, SPREAD);
    }

    /** Escalations {@code from..from+count-1}, each in its own channel, its next step due at {@code dueAt(i)}. */
    private void insert(StoreConnection connection, long from, int count, IntFunction<Instant> dueAt) {
        var batch = new ArrayList<Escalation>();
        for (int i = 0; i < count; i++) {
            // opened one ack timeout before its step is due: the level-1 timer is the next step
            Instant openedAt = dueAt.apply(i).minus(ACK_TIMEOUT);
            long id = from + i;
            var request = new OpenRequest(
                    "Checkout is failing",
                    Brief.EMPTY,
                    Severity.DEFAULT,
                    new PathId("payments"),
                    ScenarioData.ALICE,
                    // one channel each, so per-channel pacing (1 post/s) does not stand in for scheduler lateness
                    new ChannelRef(Platform.SLACK, "C" + id));
            batch.add(((Outcome.Applied) transitions.open(new EscalationId(id), request, openedAt)).escalation());
            if (batch.size() == BATCH) {
                BulkSeed.insert(connection, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            BulkSeed.insert(connection, batch);
        }
    }

    /** Fires and delivers the burst, prints the report, and returns SPEC §8's lateness and exactly-once verdicts. */
    Guarantees run(String mode, StoreConnection connection, long fileBytes) throws InterruptedException {
        String loadAtStart = loadAverage();
        long starting = System.nanoTime();
        Stores stores = Stores.over(connection, clock);
        double startSeconds = (System.nanoTime() - starting) / 1e9;
        Instant now = clock.instant();
        Map<EscalationId, Instant> due = stores.steps().dueBy(now.plus(Duration.ofMinutes(10)), now, 2 * DUE).stream()
                .collect(Collectors.toMap(DueStep::id, DueStep::dueAt));

        var steps = new TimedSteps(stores.steps());
        var chat = new TimedChat(due, clock);
        var fired = new Samples();
        var bySecond =
                new ByDueTime(due.values().stream().min(Instant::compareTo).orElse(now), Duration.ofSeconds(1));
        var delivery = new DeliverEffects(stores.outbox(), List.of(chat), clock, "bench");
        var deliveryLoop = new JobLoop(delivery, clock, POLL).start();
        var scheduler = new FireDueSteps(steps, stores.escalations(), transitions, clock, "bench", step -> {
            if (due.containsKey(step.escalation().id())) {
                fired.add(step.lateness().orElseThrow().toMillis());
                bySecond.add(
                        due.get(step.escalation().id()),
                        step.lateness().orElseThrow().toMillis());
            }
            deliveryLoop.wake();
        });
        var stepLoop = new JobLoop(scheduler, clock, POLL).start();
        try {
            Instant deadline =
                    due.values().stream().max(Instant::compareTo).orElse(now).plus(Duration.ofMinutes(5));
            while (chat.posted() < due.size() && clock.instant().isBefore(deadline)) {
                Thread.sleep(100);
            }
            Thread.sleep(SETTLE.toMillis()); // the last deliveries' bookkeeping writes, after their posts
            Idle idle = Idle.measure(connection, IDLE);
            report(mode, due.size(), fired, chat, steps, startSeconds, idle, fileBytes);
            System.out.printf(
                    "fired lateness p99 per second of the burst: %s ms%nload average (1 min) at start and end: %s, %s%n",
                    bySecond.p99s(), loadAtStart, loadAverage());
            String where = mode.startsWith("embedded") ? "embedded" : "real-MongoDB path";
            return new Guarantees()
                    .check(
                            "scheduler (%s): no step lost".formatted(where),
                            fired.count() >= due.size(),
                            "%,d fired of %,d due".formatted(fired.count(), due.size()))
                    .check(
                            "scheduler (%s): no step doubled".formatted(where),
                            fired.count() <= due.size(),
                            "%,d fired of %,d due".formatted(fired.count(), due.size()))
                    .check(
                            "scheduler (%s): every step posted".formatted(where),
                            chat.posted() == due.size(),
                            "%,d posted of %,d due".formatted(chat.posted(), due.size()))
                    .atMost(
                            "scheduler (%s): posted lateness p99".formatted(where),
                            chat.lateness.percentile(0.99),
                            1_000,
                            0,
                            "ms");
        } finally {
            stepLoop.close();
            deliveryLoop.close();
            scheduler.close();
            delivery.close();
        }
    }

    /** CPU and store calls over a quiet stretch after the burst. */
    record Idle(double cpuShare, double callsPerSecond) {
        static Idle measure(StoreConnection connection, Duration length) throws InterruptedException {
            Duration cpuBefore = cpu();
            long callsBefore = connection.calls().reads() + connection.calls().writes();
            long started = System.nanoTime();
            Thread.sleep(length);
            double wall = (System.nanoTime() - started) / 1e9;
            double cpu = cpu().minus(cpuBefore).toNanos() / 1e9;
            long calls = connection.calls().reads() + connection.calls().writes() - callsBefore;
            return new Idle(cpu / wall, calls / wall);
        }

        private static Duration cpu() {
            return ProcessHandle.current().info().totalCpuDuration().orElseThrow();
        }
    }

    private static void report(
            String mode,
            int due,
            Samples fired,
            TimedChat chat,
            TimedSteps steps,
            double startSeconds,
            Idle idle,
            long fileBytes) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(
                """
                mode: %s
                steps due in the burst: %,d; fired: %,d; posted: %,d
                start-up (indexes / readiness index): %.2f s%s
                fired lateness (stored - due) p50/p99/max: %s ms
                posted lateness (posted - due) p50/p99/max: %s ms
                dueBy p50/p99/max: %s ms (%,d calls)
                claimStep p50/p99/max: %s ms (%,d calls)
                heap used after GC: %,d MB; RSS: %,d MB
                idle over %d s: CPU %.2f%% of one core, %.2f store calls/s
                """,
                mode,
                due,
                fired.count(),
                chat.posted(),
                startSeconds,
                fileBytes > 0 ? String.format("; data file %,d MB", fileBytes >> 20) : "",
                fired.summary(1, "%.0f"),
                chat.lateness.summary(1, "%.0f"),
                steps.dueBy.summary(1e6, "%.2f"),
                steps.dueBy.count(),
                steps.claims.summary(1e6, "%.2f"),
                steps.claims.count(),
                heap >> 20,
                rssKilobytes() >> 10,
                IDLE.toSeconds(),
                idle.cpuShare() * 100,
                idle.callsPerSecond());
    }

    private static long rssKilobytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Other processes share the machine's cores; their load is part of any latency measured here. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long fileSize(Path dataDir) throws IOException {
        try (var files = Files.list(dataDir)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
