package dev.escalator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The replicas the bots took for dead, read from their logs ({@code EndClaimsOfSilentReplicas} logs each silent
 * heartbeat it handles, with the time the heartbeat said and how many claims it ended), and how many of them were
 * alive: not killed before the line was logged. Two survivors may both log one silence; it counts once.
 */
final class SilencesSeen {
    private static final Pattern LINE =
            Pattern.compile("^(\\S+) .*replica (\\S+) silent since (\\S+): (\\d+) of its (step|delivery) claims ended");

    /** One silence handled: whose, since when, which claims, how many ended, when first logged. */
    private record Silence(String replica, String since, String kind) {}

    private final Map<Silence, Integer> ended = new HashMap<>();
    private final Map<Silence, Instant> loggedAt = new HashMap<>();

    /** Reads every {@code bot-*.log} below {@code dir}. */
    static SilencesSeen in(Path dir) throws IOException {
        var seen = new SilencesSeen();
        List<Path> logs;
        try (Stream<Path> files = Files.walk(dir)) {
            logs = files.filter(file -> file.getFileName().toString().matches("bot-\\d+\\.log"))
                    .toList();
        }
        for (Path log : logs) {
            try (Stream<String> lines = Files.lines(log)) {
                lines.forEach(seen::read);
            }
        }
        return seen;
    }

    private void read(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return;
        }
        Instant at;
        try {
            at = Instant.parse(m.group(1));
        } catch (RuntimeException e) {
            return;
        }
        var silence = new Silence(m.group(2), m.group(3), m.group(5));
        ended.merge(silence, Integer.parseInt(m.group(4)), Math::max);
        loggedAt.merge(silence, at, (a, b) -> a.isBefore(b) ? a : b);
    }

    /**
     * "live replicas taken for dead: N step silences (M claims ended), N delivery silences (M claims ended); of killed
     * ones: …", where a replica is a killed one if a kill in {@code kills} names it and came before the line.
     */
    String summary(List<ClaimsTakeOver.Kill> kills) {
        int[] live = new int[4];
        int[] dead = new int[4];
        for (var entry : ended.entrySet()) {
            Silence silence = entry.getKey();
            Instant logged = loggedAt.get(silence);
            boolean killed = kills.stream()
                    .anyMatch(kill -> silence.replica().startsWith(kill.owner())
                            && kill.killedAt().isBefore(logged));
            int[] count = killed ? dead : live;
            int at = silence.kind().equals("step") ? 0 : 2;
            count[at]++;
            count[at + 1] += entry.getValue();
        }
        return ("live replicas taken for dead (from the bots' logs): %d step silences (%d claims ended), %d delivery"
                        + " silences (%d claims ended); killed ones: %d step silences (%d claims), %d delivery"
                        + " silences (%d claims)")
                .formatted(live[0], live[1], live[2], live[3], dead[0], dead[1], dead[2], dead[3]);
    }
}
