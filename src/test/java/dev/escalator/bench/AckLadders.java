package dev.escalator.bench;

import dev.escalator.testing.FakeSlackApi;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ack benchmark's ladders: steps of one rate into one app at a time, the apps in turn at each step so that each
 * step of the bot and of the bare Bolt app meets the same machine (the other app's JVM idle, the same load generator,
 * the same fake Slack), and a reading of the machine around every step ({@link MachineSnapshot}). The load runs on a
 * thread of its own, {@value #LOOP_THREAD}, so that its CPU time is read by name.
 */
final class AckLadders implements AutoCloseable {
    static final String LOOP_THREAD = "load-loop";

    /** A later round starts this many steps below the app's first round's ceiling. */
    static final int LATER_ROUNDS_START_BELOW = 2;

    private final OpenLoopLoad load = new OpenLoopLoad(AckPathBenchmark.IN_FLIGHT);
    private final ExecutorService loop = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name(LOOP_THREAD).factory());
    private final List<String> roots;
    private final FakeSlackApi slack;
    private final List<MachineSnapshot.App> apps = new ArrayList<>();
    private final List<String> readings = new ArrayList<>();

    AckLadders(List<String> roots, FakeSlackApi slack) {
        this.roots = List.copyOf(roots);
        this.slack = slack;
    }

    /** One app under the ladders, and its ladder of each round. */
    final class Side {
        final String name;
        final SignedSlack signed;
        final Duration fixedLength;
        final List<AckPathBenchmark.Ladder> rounds = new ArrayList<>();
        /** Requests are numbered on across rounds: a reaction's {@code event_id} never reaches one app twice. */
        private long offset;

        private Side(String name, SignedSlack signed, Duration fixedLength) {
            this.name = name;
            this.signed = signed;
            this.fixedLength = fixedLength;
        }

        int sustained(int round) {
            return rounds.get(round - 1).sustained();
        }
    }

    /** An app, read from now on in every step's reading; its fixed-rate step lasts {@code fixedLength}. */
    Side side(String name, BotProcess process, Duration fixedLength) {
        apps.add(new MachineSnapshot.App(name, process.pid(), process.port()));
        return new Side(name, new SignedSlack(process.baseUrl(), slack.responseUrl("bench")), fixedLength);
    }

    /** The app is stopped: no longer read. */
    void retire(Side side) {
        apps.removeIf(app -> app.name().equals(side.name));
    }

    /** The readings of every step so far, a Markdown table. */
    String readings() {
        return MachineSnapshot.HEADER + "\n" + String.join("\n", readings) + "\n";
    }

    /**
     * Round 1: each app's fixed rate, then {@link AckPathBenchmark#STEPS} from the first, the apps in turn at each
     * rate, each until its first failing step; the one left goes on alone.
     */
    void firstRound(List<Side> sides) throws InterruptedException {
        var climbs = sides.stream().map(side -> new Climb(side, 1, 0, true)).toList();
        for (var climb : climbs) {
            climb.fixed();
        }
        interleave(climbs);
    }

    /**
     * A later round: each app from {@link #LATER_ROUNDS_START_BELOW} steps below its first round's ceiling, the apps
     * in turn; an app that fails its first step goes down a step at a time until one holds, then climbs again until a
     * step fails: the app that stood idle while the other climbed on alone in round 1 may fail its first step only
     * because it is cold.
     */
    void laterRound(List<Side> sides, int round) throws InterruptedException {
        var climbs = sides.stream()
                .map(side -> {
                    int index = Arrays.stream(AckPathBenchmark.STEPS)
                            .boxed()
                            .toList()
                            .indexOf(side.sustained(1));
                    return new Climb(side, round, Math.max(0, index - LATER_ROUNDS_START_BELOW), false);
                })
                .toList();
        interleave(climbs);
    }

    private static void interleave(List<Climb> climbs) throws InterruptedException {
        boolean going = true;
        while (going) {
            going = false;
            for (var climb : climbs) {
                if (!climb.done) {
                    climb.next();
                    going |= !climb.done;
                }
            }
        }
        for (var climb : climbs) {
            climb.side.rounds.add(climb.ladder());
        }
    }

    /** One app's ladder in one round. */
    private final class Climb {
        final Side side;
        final int round;
        final boolean first;
        int index;
        boolean done;
        int sustained;
        long overflows;
        final List<String> rows = new ArrayList<>();
        final List<OpenLoopLoad.Result> results = new ArrayList<>();

        Climb(Side side, int round, int index, boolean first) {
            this.side = side;
            this.round = round;
            this.index = index;
            this.first = first;
        }

        void fixed() throws InterruptedException {
            var result = step(side, round, AckPathBenchmark.FIXED_RATE, side.fixedLength, this);
            if (AckPathBenchmark.passes(result)) {
                sustained = AckPathBenchmark.FIXED_RATE;
            }
        }

        void next() throws InterruptedException {
            int rate = AckPathBenchmark.STEPS[index];
            boolean held = AckPathBenchmark.passes(step(side, round, rate, AckPathBenchmark.STEP, this));
            if (held) {
                sustained = Math.max(sustained, rate);
                index++;
                done = index == AckPathBenchmark.STEPS.length;
            } else if (!first && sustained == 0 && index > 0) {
                index--;
            } else {
                done = true;
            }
        }

        AckPathBenchmark.Ladder ladder() {
            return new AckPathBenchmark.Ladder(rows, results, sustained, overflows);
        }
    }

    private OpenLoopLoad.Result step(Side side, int round, int rate, Duration length, Climb climb)
            throws InterruptedException {
        long from = side.offset;
        var before = MachineSnapshot.take(LOOP_THREAD, apps);
        var result = run(rate, length, i -> AckPathBenchmark.mixed(side.signed, roots, from + i));
        var after = MachineSnapshot.take(LOOP_THREAD, apps);
        side.offset += result.sent();
        boolean held = AckPathBenchmark.passes(result);
        String reading = before.row(after, round, side.name, result, held, slack);
        readings.add(reading);
        climb.rows.add(result.row());
        climb.results.add(result);
        climb.overflows += Math.max(0, after.overflows() - before.overflows());
        System.out.println(side.name + " " + result.row());
        System.out.println("  " + reading);
        return result;
    }

    /**
     * Brings an app to the fixed rate gradually, so that the measured phase starts on a JIT-compiled app: steps of
     * {@link AckPathBenchmark#WARM_UP_STEP} rising evenly to {@link AckPathBenchmark#FIXED_RATE}, the last at it.
     * Returns a sentence saying what was run, for the report; nothing of it is counted. Warm-up requests have negative
     * numbers, so their reaction events never share an {@code event_id} with the measured ones.
     */
    String warmUp(Side side, Duration length) throws InterruptedException {
        if (length.isZero()) {
            return "No warm-up.";
        }
        long steps = Math.max(1, length.toSeconds() / AckPathBenchmark.WARM_UP_STEP.toSeconds());
        var rates = new ArrayList<String>();
        long offset = 0;
        for (long k = 1; k <= steps; k++) {
            int rate = (int) Math.max(1, AckPathBenchmark.FIXED_RATE * k / steps);
            long from = offset;
            var step = run(
                    rate,
                    AckPathBenchmark.WARM_UP_STEP,
                    i -> AckPathBenchmark.mixed(side.signed, roots, -1 - from - i));
            offset += step.sent();
            rates.add(Integer.toString(rate));
            System.out.println(side.name + " warm-up " + step.row());
        }
        return "Warm-up, not counted: %d s rising to %d/s in steps of %d s (%s/s)."
                .formatted(
                        steps * AckPathBenchmark.WARM_UP_STEP.toSeconds(),
                        AckPathBenchmark.FIXED_RATE,
                        AckPathBenchmark.WARM_UP_STEP.toSeconds(),
                        String.join(", ", rates));
    }

    private OpenLoopLoad.Result run(int rate, Duration length, java.util.function.LongFunction<HttpRequest> requests)
            throws InterruptedException {
        try {
            return loop.submit(() -> load.run(rate, length, requests)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the load generator failed", e.getCause());
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
