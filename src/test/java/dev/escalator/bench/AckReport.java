package dev.escalator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The ack benchmark's report and verdicts from its ladders: the tables of each round, the share of each round, and
 * the checks, the share's on the median of the rounds (the lower middle one for an even count).
 */
record AckReport(
        AckLadders.Side bot,
        Optional<AckLadders.Side> bare,
        boolean interleaved,
        boolean fakeKeptCalls,
        String warmedUp,
        Duration ready,
        long rss,
        long heap,
        List<String> loads,
        Map<String, Long> fakeCounted) {

    /** How the load generator's requests in flight were bounded, a sentence. */
    private static String inFlight() {
        return AckPathBenchmark.IN_FLIGHT == 0
                ? "Requests in flight: no bound (a new connection for each request sent while the others wait). "
                : "At most %d requests in flight (`%s`); requests due meanwhile wait in the load generator, timed from their intended send time. "
                        .formatted(AckPathBenchmark.IN_FLIGHT, AckPathBenchmark.IN_FLIGHT_VARIABLE);
    }

    String text() {
        var text = new StringBuilder();
        text.append("Requests: 2 in 5 `/escalate ack ESC-n` by a person on the path (the first acknowledges; the")
                .append(" same command typed again within its 2-minute key is answered as done before, later ones")
                .append(" are the friendly no-op), 2 in 5 `/escalate status ESC-n`, 1 in 5 `reaction_added`")
                .append(" :eyes: on a root message (a new `event_id` each), over ")
                .append(AckPathBenchmark.ESCALATIONS)
                .append(" escalations. Latency is from each request's intended send time to its HTTP answer. ")
                .append(inFlight())
                .append(warmedUp)
                .append(' ')
                .append(order())
                .append("\n\nRound 1, the bot:\n\n");
        table(text, bot.rounds.getFirst());
        int sustained = bot.sustained(1);
        text.append("\nHighest rate with p99 ≤ 300 ms and no errors: **")
                .append(rate(sustained))
                .append("**")
                .append(last(sustained))
                .append(". Bot start-up to `/readyz` 200 (empty store): ")
                .append(ready.toMillis())
                .append(" ms; after the run RSS ")
                .append(rss)
                .append(" MB, heap after GC ")
                .append(heap)
                .append(" MB (`-Xmx512m`). Load average (1 min) at start / end of round 1: ")
                .append(loads.get(0))
                .append(" / ")
                .append(loads.get(1))
                .append('.')
                .append(bot.rounds.getFirst().overflowed())
                .append('\n');
        bare.ifPresentOrElse(
                app -> baseline(text, app),
                () -> text.append("\nThe bare Bolt app was not run (%s=0): no share.\n"
                        .formatted(AckPathBenchmark.BARE_VARIABLE)));
        text.append("\nThe fake Slack ")
                .append(
                        fakeKeptCalls
                                ? "kept every call during the ladders, as before branch ladder (`%s=1`)"
                                        .formatted(AckPathBenchmark.FAKE_KEEPS_VARIABLE)
                                : "counted its calls during the ladders and kept none (`FakeSlackApi.keepOnlyCounts`)")
                .append("; calls counted: ")
                .append(fakeCounted.isEmpty() ? "none" : fakeCounted.toString())
                .append(". What shared the machine during each step (the CPU of each JVM and of the rest, the")
                .append(" benchmark JVM's by thread, its collections and heap, listen queue overflows, connections): `")
                .append(AckPathBenchmark.STEPS_FILE)
                .append("` beside this report.\n");
        return text.toString();
    }

    Guarantees guarantees() {
        var first = bot.rounds.getFirst().results().getFirst();
        // at every rate the bot held: the step past its ceiling is overload by definition, and how it ends there
        // (connections refused, or queued and answered late) is in the table, not a promise
        double slowest = bot.rounds.stream()
                .flatMap(ladder -> ladder.results().stream())
                .filter(AckPathBenchmark::passes)
                .mapToDouble(r -> r.latency().getMaxValue() / 1e6)
                .max()
                .orElse(0);
        var botRates =
                bot.rounds.stream().map(AckPathBenchmark.Ladder::sustained).toList();
        int botMedian = median(botRates.stream()
                        .mapToDouble(Integer::doubleValue)
                        .boxed()
                        .toList())
                .intValue();
        var guarantees = new Guarantees()
                .atMost(
                        "ack path: p99 at %d/s".formatted(AckPathBenchmark.FIXED_RATE),
                        first.p99Millis(),
                        AckPathBenchmark.P99_TARGET_MS,
                        0,
                        "ms")
                .check(
                        "ack path: no request failed at %d/s".formatted(AckPathBenchmark.FIXED_RATE),
                        first.errors() == 0,
                        "%,d errors".formatted(first.errors()))
                .atMost("ack path: every answer within Slack's 3 s, at every rate held", slowest, 3_000, 0, "ms")
                .check(
                        "ack path: highest rate with p99 ≤ 300 ms (issue #17)",
                        botMedian >= AckPathBenchmark.RATE_TARGET,
                        "%s (target ≥ %,d/s)%s"
                                .formatted(
                                        rate(botMedian),
                                        AckPathBenchmark.RATE_TARGET,
                                        botRates.size() == 1
                                                ? ""
                                                : "; the median of %d rounds: %s"
                                                        .formatted(
                                                                botRates.size(),
                                                                String.join(
                                                                        ", ",
                                                                        botRates.stream()
                                                                                .map(AckReport::rate)
                                                                                .toList()))));
        bare.ifPresent(app -> {
            List<Double> shares = shares(app);
            double median = median(shares);
            guarantees.check(
                    "ack path: share of a bare Bolt app's highest rate, measured in the same run (issue #17)",
                    median >= AckPathBenchmark.SHARE_TARGET,
                    "%.0f %%%s (target ≥ %.0f %%)"
                            .formatted(
                                    100 * median,
                                    shares.size() == 1
                                            ? ", %s of %s".formatted(rate(bot.sustained(1)), rate(app.sustained(1)))
                                            : ", the median of %d rounds (%s); the worst %.0f %%"
                                                    .formatted(
                                                            shares.size(),
                                                            roundShares(app),
                                                            100
                                                                    * shares.stream()
                                                                            .mapToDouble(Double::doubleValue)
                                                                            .min()
                                                                            .orElse(0)),
                                    100 * AckPathBenchmark.SHARE_TARGET));
        });
        return guarantees;
    }

    private String order() {
        if (bare.isEmpty()) {
            return "";
        }
        if (!interleaved) {
            return "The order before branch ladder (`%s=sequential`): the bot's ladder, the bot stopped, then the"
                            .formatted(AckPathBenchmark.ORDER_VARIABLE)
                    + " bare Bolt app started, warmed up and stepped alone.";
        }
        return ("Both apps are up from the start (the bot, then the bare Bolt app warmed up); in round 1 each takes"
                        + " its fixed rate, then each step of the ladder is run for one app and then for the other at"
                        + " the same rate, each until its first failing step, the one left going on alone; in each"
                        + " later round each app starts %d steps below its round 1 ceiling (a step down at a time"
                        + " while its first fails), the apps again in turn, the one going first alternating from round"
                        + " to round. So both ladders meet the same machine, and the share is given per round.")
                .formatted(AckLadders.LATER_ROUNDS_START_BELOW);
    }

    private void baseline(StringBuilder text, AckLadders.Side app) {
        text.append("\nThe baseline, the same requests and steps into a **bare Bolt app** (`BareBoltApp`: Bolt's")
                .append(" default middleware, handlers that only `ack()`, on the bot's own HTTP server and Slack")
                .append(" endpoint, a child JVM with the same options), ")
                .append(interleaved ? "round 1, in turn with the bot:" : "after the bot was stopped:")
                .append("\n\n");
        table(text, app.rounds.getFirst());
        text.append("\nBare Bolt app's highest rate with p99 ≤ 300 ms and no errors: **")
                .append(rate(app.sustained(1)))
                .append("**")
                .append(last(app.sustained(1)))
                .append("; the bot's is **%.0f %%** of it.".formatted(100 * share(bot.sustained(1), app.sustained(1))))
                .append(interleaved ? "" : " Load average (1 min) at its end: " + loads.getLast() + ".")
                .append(app.rounds.getFirst().overflowed())
                .append('\n');
        for (int round = 2; round <= app.rounds.size(); round++) {
            text.append("\nRound %d (%s first at each rate), the bot:\n\n"
                    .formatted(round, round % 2 == 0 ? "the bare app" : "the bot"));
            table(text, bot.rounds.get(round - 1));
            text.append("\nRound %d, the bare Bolt app:\n\n".formatted(round));
            table(text, app.rounds.get(round - 1));
        }
        text.append("\n| round | load average (1 min) at its end | bot | bare Bolt app | share |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        var shares = shares(app);
        for (int round = 1; round <= app.rounds.size(); round++) {
            text.append("| %d | %s | %s | %s | %.0f %% |\n"
                    .formatted(
                            round,
                            loads.get(Math.min(round, loads.size() - 1)),
                            rate(bot.sustained(round)) + last(bot.sustained(round)),
                            rate(app.sustained(round)) + last(app.sustained(round)),
                            100 * shares.get(round - 1)));
        }
        if (shares.size() > 1) {
            text.append(
                            "\nThe share's median over the %d rounds: **%.0f %%**, the worst %.0f %%; the check reads the median."
                                    .formatted(
                                            shares.size(),
                                            100 * median(shares),
                                            100
                                                    * shares.stream()
                                                            .mapToDouble(Double::doubleValue)
                                                            .min()
                                                            .orElse(0)))
                    .append('\n');
        }
    }

    private List<Double> shares(AckLadders.Side app) {
        return IntStream.rangeClosed(1, app.rounds.size())
                .mapToObj(round -> share(bot.sustained(round), app.sustained(round)))
                .toList();
    }

    private String roundShares(AckLadders.Side app) {
        var parts = new ArrayList<String>();
        var shares = shares(app);
        for (int round = 1; round <= shares.size(); round++) {
            parts.add("%s of %s, %.0f %%"
                    .formatted(
                            rate(bot.sustained(round)) + last(bot.sustained(round)),
                            rate(app.sustained(round)) + last(app.sustained(round)),
                            100 * shares.get(round - 1)));
        }
        return String.join("; ", parts);
    }

    private static void table(StringBuilder text, AckPathBenchmark.Ladder ladder) {
        text.append(OpenLoopLoad.HEADER).append('\n');
        ladder.rows().forEach(row -> text.append(row).append('\n'));
    }

    private static double share(int sustained, int baseline) {
        return baseline == 0 ? 0 : (double) sustained / baseline;
    }

    /** The middle value; of an even count the lower of the two middle ones. */
    static Double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0.0 : sorted.get((sorted.size() - 1) / 2);
    }

    private static String rate(int rate) {
        return rate == 0 ? "none" : "%,d/s".formatted(rate);
    }

    private static String last(int rate) {
        return rate == AckPathBenchmark.STEPS[AckPathBenchmark.STEPS.length - 1] ? " (the last step tried)" : "";
    }
}
