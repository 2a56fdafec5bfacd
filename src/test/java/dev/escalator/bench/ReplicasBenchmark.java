package dev.escalator.bench;

import dev.escalator.cli.ConfigSource;
import dev.escalator.core.Brief;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.Event;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Outcome;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import dev.escalator.core.Status;
import dev.escalator.core.Transitions;
import dev.escalator.store.BulkSeed;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.FakeSlackApi;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RealMongo;
import dev.escalator.testing.ScenarioData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * SPEC §8's exactly-once promise with several replicas and crashes: {@value #REPLICAS} bots ({@code java -jar}) on one
 * store, an in-memory mongo-java-server served over TCP from this process ({@code MONGODB_URI}), N escalations whose
 * level-1 timeout (1, 2 or 3 s) falls due evenly over SPREAD seconds; every {@link #KILL_EVERY} one replica gets kill
 * -9 and is started again. Counted from the store's timelines and from the fake Slack's posts: lost and doubled steps,
 * and lateness, also of the steps due while a replica was down. Issue #17's row, the take-over itself, is read from
 * the store at each kill ({@link ClaimsTakeOver}): from the kill until every claim the dead replica held was taken by
 * another, and how late the steps and posts it held were done; the lateness of all steps is stated beside it, as it
 * also holds the backlog that restarts leave on the machine. The bots start as the image starts them (its JVM
 * options, and its AppCDS archive when one is given). Run by {@code bench/run.sh}: {@code JAR OUT N SPREAD [ARCHIVE]}.
 *
 * <p>The server plans a query naming one {@code _id} on the {@code _id} index ({@link InMemoryMongo#planningOnId}),
 * so guarded writes are lookups; the replicas' due-step and outbox polls still scan the collection, on the server's
 * one worker thread. How busy that thread was while steps came due is reported with the lateness of each 10 s.
 */
public final class ReplicasBenchmark {
    /** Issue #17: the longest a step or a post may wait when the replica that claimed it is killed. */
    static final double TAKE_OVER = 5_000;

    static final int REPLICAS = 3;
    /** Pairs of people the escalations tag (see {@link #config}). */
    static final int TEAMS = 50;

    static final Duration LEAD = Duration.ofSeconds(25);
    static final Duration KILL_EVERY = Duration.ofSeconds(10);
    static final Duration POST_GRACE = Duration.ofMinutes(1);
    static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Pattern ESCALATION_ID = Pattern.compile("ESC-\\d+");
    static final String SERVER_THREAD = "mongo-server-worker";

    private record Window(Instant from, Instant to) {
        boolean contains(Instant at) {
            return !at.isBefore(from) && !at.isAfter(to);
        }
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        Duration spread = Duration.ofSeconds(Long.parseLong(args[3]));
        // as the image starts the bot: its JVM options, and its AppCDS archive when bench/run.sh could train one
        Optional<Path> archive = args.length > 4 ? Optional.of(Path.of(args[4])) : Optional.empty();
        var jvm = new ArrayList<>(AckPathBenchmark.PRODUCT_JVM);
        archive.ifPresent(file -> jvm.add("-XX:SharedArchiveFile=" + file));
        Guarantees guarantees;
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        Path dir = Files.createTempDirectory("escalator-replicas-");
        Path config = dir.resolve("escalator.yml");
        Files.writeString(config, config());
        var transitions = new Transitions(
                ConfigSource.yamlFiles().load(config).config().orElseThrow().directory());
        String loadStart = AckPathBenchmark.loadAverage();
        // a real MongoDB replica set when one is named (the staging check in docs/operations.md), a database of its own
        Optional<String> real = Optional.ofNullable(System.getenv(RealMongo.VARIABLE))
                .filter(uri -> !uri.isBlank())
                .map(uri -> RealMongo.withDatabase(uri, "escalator_replicas_" + Long.toHexString(System.nanoTime())));
        try (var server = InMemoryMongo.planningOnId();
                var slack = new FakeSlackApi();
                var connection = StoreConnection.connect(real.orElseGet(server::uri))) {
            String storeUri = real.orElseGet(server::uri);
            Instant firstDue = seed(connection, transitions, clock, count, spread);
            var env = new HashMap<>(Map.of(
                    "ESCALATOR_CONFIG",
                    config.toString(),
                    "MONGODB_URI",
                    storeUri,
                    "SLACK_BOT_TOKEN",
                    "xoxb-bench",
                    "SLACK_SIGNING_SECRET",
                    SignedSlack.SECRET,
                    "SLACK_API_URL",
                    slack.methodsUrl()));
            var bots = new ArrayList<BotProcess>();
            var down = new ArrayList<Window>();
            var takeOver = new ClaimsTakeOver(connection.database(), clock);
            var takeOvers = new ArrayList<Future<ClaimsTakeOver.Kill>>();
            var generations = new int[REPLICAS];
            int kills = 0;
            try (var watchers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int r = 0; r < REPLICAS; r++) {
                    bots.add(start(jar, jvm, env, dir, r, 0));
                }
                for (var bot : bots) {
                    bot.awaitReady(Duration.ofMinutes(2));
                }
                System.out.printf("%d replicas ready; first step due at %s%n", REPLICAS, firstDue);
                Instant end = firstDue.plus(spread).plusSeconds(10);
                var serverBusy = new ServerThreadBusy(clock);
                var heartbeatSilences = new HeartbeatSilences(connection.database(), clock);
                Stores stores = Stores.over(connection, clock);
                while (clock.instant().isBefore(end) || !allExhausted(stores, count)) {
                    if (clock.instant().isAfter(end.plus(Duration.ofMinutes(3)))) {
                        System.out.println("gave up waiting for every escalation to be exhausted");
                        break;
                    }
                    Thread.sleep(KILL_EVERY.toMillis());
                    if (clock.instant().isAfter(end)) {
                        continue;
                    }
                    int victim = kills % REPLICAS;
                    Instant killed = clock.instant();
                    bots.get(victim).kill();
                    // read at once, while the dead replica's claims are as it left them; watched meanwhile
                    String owner = owner(victim, generations[victim]);
                    var held = takeOver.heldBy(owner, killed);
                    var lastHeartbeat = takeOver.lastHeartbeat(owner);
                    takeOvers.add(watchers.submit(() -> new ClaimsTakeOver.Kill(
                            victim, owner, killed, lastHeartbeat, takeOver.watch(held, owner, killed))));
                    kills++;
                    generations[victim] = kills;
                    var restarted = start(jar, jvm, env, dir, victim, kills);
                    bots.set(victim, restarted);
                    restarted.awaitReady(Duration.ofMinutes(2));
                    down.add(new Window(killed, clock.instant()));
                    System.out.printf(
                            "kill -9 replica %d at %s; ready again after %d ms%n",
                            victim,
                            killed,
                            Duration.between(killed, clock.instant()).toMillis());
                }
                serverBusy.stop();
                heartbeatSilences.close();
                awaitLevelTwoPosts(slack, count);
                var killed = new ArrayList<ClaimsTakeOver.Kill>();
                for (var kill : takeOvers) {
                    killed.add(kill.get());
                }
                String takenForDead = SilencesSeen.in(dir).summary(killed) + ". " + heartbeatSilences.summary();
                guarantees = report(
                        out,
                        stores,
                        slack,
                        count,
                        spread,
                        firstDue,
                        down,
                        killed,
                        archive,
                        serverBusy,
                        loadStart,
                        takenForDead);
                // after a busy run, not only right after a quiet start (the footprint's): what the options give back
                var rss = new ArrayList<String>();
                for (var bot : bots) {
                    rss.add(bot.rssMegabytes() + " MB");
                }
                String after =
                        "\nThe bots' JVM options: `%s`; their resident memory after the run, before they were stopped: %s.\n"
                                .formatted(String.join(" ", AckPathBenchmark.PRODUCT_JVM), String.join(", ", rss));
                Files.writeString(out, after, StandardOpenOption.APPEND);
                System.out.print(after);
            } finally {
                bots.forEach(BotProcess::close);
            }
        }
        System.exit(guarantees.exitStatus());
    }

    /**
     * {@value #TEAMS} teams of two, each with a path per level timeout (1, 2, 3 s): level 1 tags the team's first
     * person, level 2 its second. Until 2026-12-07 every escalation tagged alice, then bob: each of them got a direct
     * message on every step (~33 a second at 10,000 over 300 s), which Slack itself would not carry (about one message
     * a second per channel, a direct-message channel too) and which made a look for a direct message in doubt page
     * through thousands of messages. Spread over {@value #TEAMS} teams, a person gets one about every 1.5 s; the bot's
     * work per step is the same.
     */
    static String config() {
        var yaml = new StringBuilder("people:\n  alice: {slack: U0ALICE}\n");
        for (int person = 0; person < 2 * TEAMS; person++) {
            yaml.append("  p%03d: {slack: U0P%03d}%n".formatted(person, person));
        }
        yaml.append("paths:\n");
        for (int team = 0; team < TEAMS; team++) {
            for (int timeout = 1; timeout <= 3; timeout++) {
                yaml.append(
                        "  %s: {levels: [{notify: [p%03d], ack_timeout: %ds}, {notify: [p%03d], ack_timeout: %ds}], repeat: 0}%n"
                                .formatted(path(team, timeout), 2 * team, timeout, 2 * team + 1, timeout));
            }
        }
        return yaml.append("channels:\n  - {slack: C0PAY, path: %s}%n".formatted(path(0, 1)))
                .toString();
    }

    static String path(int team, int timeout) {
        return "t%02d-%ds".formatted(team, timeout);
    }

    /**
     * The bot as replica {@code replica}'s {@code generation}-th start; its {@code HOSTNAME} names it in the claims it
     * takes ({@link #owner}).
     */
    private static BotProcess start(
            Path jar, List<String> jvm, Map<String, String> env, Path dir, int replica, int generation)
            throws Exception {
        Path data = Files.createDirectories(dir.resolve("replica-" + replica));
        var withData = new HashMap<>(env);
        withData.put("ESCALATOR_DATA_DIR", data.toString());
        withData.put("HOSTNAME", hostname(replica, generation));
        return BotProcess.start(jar, jvm, withData, data.resolve("bot-" + generation + ".log"));
    }

    private static String hostname(int replica, int generation) {
        return "replica%d-start%d".formatted(replica, generation);
    }

    /**
     * How the claims of replica {@code replica}'s {@code generation}-th start begin: the bot names its claims {@code
     * HOSTNAME-pid-…} ({@code Escalator.replicaName}).
     */
    private static String owner(int replica, int generation) {
        return hostname(replica, generation) + "-";
    }

    /**
     * N escalations, level timeouts of 1, 2 and 3 s in turn, team after team, their level-1 timeouts due evenly over
     * {@code spread} after LEAD.
     */
    private static Instant seed(
            StoreConnection connection, Transitions transitions, Clock clock, int count, Duration spread) {
        Instant firstDue = clock.instant().plus(LEAD);
        var batch = new ArrayList<Escalation>();
        for (int i = 0; i < count; i++) {
            int path = i % 3 + 1;
            int team = i / 3 % TEAMS;
            Instant due = firstDue.plusMillis(spread.toMillis() * i / count);
            var request = new OpenRequest(
                    "Checkout is failing",
                    Brief.EMPTY,
                    Severity.DEFAULT,
                    new PathId(path(team, path)),
                    ScenarioData.ALICE,
                    new ChannelRef(Platform.SLACK, "C" + (i + 1)));
            var opened = transitions.open(new EscalationId(i + 1), request, due.minusSeconds(path));
            batch.add(((Outcome.Applied) opened).escalation());
            if (batch.size() == 1_000) {
                BulkSeed.insert(connection, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            BulkSeed.insert(connection, batch);
        }
        BulkSeed.countFrom(connection, count);
        System.out.printf("seeded %,d escalations%n", count);
        return firstDue;
    }

    /**
     * Every step is stored; its post may still wait, e.g. for the delivery claim of a replica killed holding it
     * ({@code DeliverEffects.LEASE}). Waits for a level-2 tag in every escalation's channel, a minute at most: what is
     * missing then counts as never posted.
     */
    private static void awaitLevelTwoPosts(FakeSlackApi slack, int count) throws InterruptedException {
        Instant giveUp = Instant.now().plus(POST_GRACE);
        while (levelTwoPosts(slack).size() < count && Instant.now().isBefore(giveUp)) {
            Thread.sleep(500);
        }
    }

    /**
     * The level-2 tags Slack received in the escalations' threads, by channel (one escalation per channel), in the
     * order they came; the direct messages that go with them are counted apart ({@link #levelTwoDirectMessages}).
     */
    private static Map<String, List<FakeSlackApi.Call>> levelTwoPosts(FakeSlackApi slack) {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> call.params().containsKey("thread_ts"))
                .filter(call -> call.text().contains("level 2/2"))
                .collect(Collectors.groupingBy(call -> call.param("channel")));
    }

    /** The direct messages telling of a level-2 tag, by the escalation they name, in the order they came. */
    private static Map<String, List<FakeSlackApi.Call>> levelTwoDirectMessages(FakeSlackApi slack) {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> call.text().contains("level 2/2"))
                .filter(call -> call.param("channel").startsWith("D"))
                .collect(Collectors.groupingBy(call -> {
                    Matcher id = ESCALATION_ID.matcher(call.text());
                    return id.find() ? id.group() : "";
                }));
    }

    private static boolean allExhausted(Stores stores, int count) {
        try {
            return stores.escalations().find(EscalationQuery.unresolved(count + 1)).stream()
                    .allMatch(e -> e.status() == Status.EXHAUSTED);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Writes the table to {@code out} and returns SPEC §8's promises as kept or broken. */
    private static Guarantees report(
            Path out,
            Stores stores,
            FakeSlackApi slack,
            int count,
            Duration spread,
            Instant firstDue,
            List<Window> down,
            List<ClaimsTakeOver.Kill> killed,
            Optional<Path> archive,
            ServerThreadBusy serverBusy,
            String loadStart,
            String takenForDead)
            throws Exception {
        List<Escalation> all = stores.escalations().find(EscalationQuery.unresolved(count + 1));
        int kills = killed.size();
        int lost = 0;
        int doubled = 0;
        var lateness = new Samples();
        var latenessDown = new Samples();
        var postedLateness = new Samples();
        Map<String, List<FakeSlackApi.Call>> level2Posts = levelTwoPosts(slack);
        var byWindow = new ByDueTime(firstDue, WINDOW);
        var takeOver = new TakeOverReport(killed, all, slack);
        for (Escalation e : all) {
            var tags = e.timeline().stream()
                    .filter(entry -> entry.event() instanceof Event.Tagged)
                    .toList();
            long exhausted = e.timeline().stream()
                    .filter(entry -> entry.event() instanceof Event.Exhausted)
                    .count();
            if (tags.size() < 2 || exhausted < 1) {
                lost++;
            }
            if (tags.size() > 2 || exhausted > 1) {
                doubled++;
            }
            // the level-2 step, posted: due at level 1's escalatesAt, posted when Slack first got its tag
            if (!tags.isEmpty()) {
                Instant due = ((Event.Tagged) tags.getFirst().event()).escalatesAt();
                level2Posts.getOrDefault(e.home().channelId(), List.of()).stream()
                        .findFirst()
                        .ifPresent(post -> postedLateness.add(
                                Duration.between(due, post.at()).toMillis()));
            }
            // each step: due at the previous tag's escalatesAt, done at the next entry's time
            for (int t = 1; t < tags.size(); t++) {
                Instant due = ((Event.Tagged) tags.get(t - 1).event()).escalatesAt();
                long late = Duration.between(due, tags.get(t).at()).toMillis();
                lateness.add(late);
                byWindow.add(due, late);
                if (down.stream().anyMatch(w -> w.contains(due))) {
                    latenessDown.add(late);
                }
            }
        }
        long postedOnce =
                level2Posts.values().stream().filter(posts -> posts.size() == 1).count();
        long postedTwice =
                level2Posts.values().stream().filter(posts -> posts.size() > 1).count();
        long notPosted = count - level2Posts.size();
        Map<String, List<FakeSlackApi.Call>> level2DirectMessages = levelTwoDirectMessages(slack);
        long directMessagedTwice = level2DirectMessages.values().stream()
                .filter(posts -> posts.size() > 1)
                .count();
        long notDirectMessaged = count - level2DirectMessages.size();
        String text = """
                | escalations | first steps due over | kill -9 | store: lost / doubled steps | Slack: level-2 tags posted once / twice / never | direct messages of them twice / never | lateness (stored) p50 / p99 / max | lateness of steps due while a replica was down (%,d) p50 / p99 / max | level-2 tag posted on Slack, lateness p50 / p99 / max | server thread busy | load average, start / end |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                | %,d (%,d in the store) | %d s | %d | **%d / %d** | %,d / **%d** / **%d** | **%d** / **%d** | %s ms | %s ms | %s ms | %.0f %% | %s / %s |

                Lateness p99 by %d s of due time (ms): %s.

                %s
                %s.
                """.formatted(
                        latenessDown.count(),
                        count,
                        all.size(),
                        spread.toSeconds(),
                        kills,
                        lost,
                        doubled,
                        postedOnce,
                        postedTwice,
                        notPosted,
                        directMessagedTwice,
                        notDirectMessaged,
                        lateness.summary(1, "%.0f"),
                        latenessDown.summary(1, "%.0f"),
                        postedLateness.summary(1, "%.0f"),
                        serverBusy.percent(),
                        loadStart,
                        AckPathBenchmark.loadAverage(),
                        WINDOW.toSeconds(),
                        byWindow.p99s(),
                        takeOver.table(archive),
                        takenForDead);
        Files.writeString(out, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        String overallSteps = "overall, steps at most %.0f ms late".formatted((double) lateness.percentile(1.0));
        String overallPosts =
                "overall, level-2 tags posted at most %.0f ms late".formatted((double) postedLateness.percentile(1.0));
        System.out.print(text);
        var guarantees = new Guarantees()
                .check("replicas: no step lost", lost == 0, "%d lost of %,d escalations".formatted(lost, count))
                .check("replicas: no step doubled", doubled == 0, "%d doubled".formatted(doubled))
                .check(
                        "replicas: nobody tagged twice",
                        postedTwice == 0,
                        "%d level-2 tags posted twice".formatted(postedTwice))
                .check(
                        "replicas: nobody sent the same direct message twice",
                        directMessagedTwice == 0,
                        "%d level-2 direct messages sent twice".formatted(directMessagedTwice))
                .check(
                        "replicas: every tag posted",
                        notPosted == 0,
                        "%d level-2 tags never posted within %d s".formatted(notPosted, POST_GRACE.toSeconds()))
                // issue #17: a killed replica's claims are taken over within 5 s, its steps' and its posts'; read
                // from the store, from the kill until every claim it held was taken by another replica
                .check(
                        "replicas: a dead replica's step claims taken over (issue #17)",
                        takeOver.met(ClaimsTakeOver.Kind.STEP, TAKE_OVER),
                        takeOver.verdict(ClaimsTakeOver.Kind.STEP, TAKE_OVER, overallSteps))
                .check(
                        "replicas: a dead replica's delivery claims taken over (issue #17)",
                        takeOver.met(ClaimsTakeOver.Kind.DELIVERY, TAKE_OVER),
                        takeOver.verdict(ClaimsTakeOver.Kind.DELIVERY, TAKE_OVER, overallPosts))
                // with a replica killed every 10 s and restarted, every step's lateness and every tag's: what the
                // restarts' backlog adds to the take-over
                .atMost(
                        "replicas: steps' lateness overall while replicas are killed (max)",
                        lateness.percentile(1.0),
                        TAKE_OVER,
                        0,
                        "ms")
                .atMost(
                        "replicas: level-2 tags' lateness on Slack overall while replicas are killed (max)",
                        postedLateness.percentile(1.0),
                        TAKE_OVER,
                        0,
                        "ms");
        guarantees.report(out);
        return guarantees;
    }

    /**
     * CPU time of the in-memory server's worker thread (one: commands run one at a time) over wall time, from the
     * replicas being ready until {@link #stop}: near 100 % means the server, not the bots, set the pace.
     */
    private static final class ServerThreadBusy {
        private final Clock clock;
        private final Instant from;
        private final long cpuAtFrom;
        private long cpu;
        private Duration wall = Duration.ZERO;

        ServerThreadBusy(Clock clock) {
            this.clock = clock;
            this.from = clock.instant();
            this.cpuAtFrom = cpuNanos();
        }

        void stop() {
            cpu = cpuNanos() - cpuAtFrom;
            wall = Duration.between(from, clock.instant());
        }

        double percent() {
            return wall.isPositive() ? 100.0 * cpu / wall.toNanos() : 0;
        }

        private static long cpuNanos() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith(SERVER_THREAD))
                    .mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.threadId())))
                    .sum();
        }
    }
}
