package dev.escalator.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered list of levels an escalation climbs until someone acknowledges.
 *
 * <p>{@code repeat} is how many more times the whole path runs after the first pass before the escalation is
 * exhausted. {@code startLevels} lets a severity begin higher up (1-based level numbers).
 */
public record Path(
        PathId id,
        List<Level> levels,
        int repeat,
        Map<Severity, Integer> startLevels,
        Optional<Duration> reescalateAfterAck,
        Duration staleAfter,
        Optional<ChannelRef> fallback) {

    public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(30);

    public Path {
        Objects.requireNonNull(id, "id");
        levels = List.copyOf(levels);
        startLevels = Map.copyOf(startLevels);
        Objects.requireNonNull(reescalateAfterAck, "reescalateAfterAck");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(fallback, "fallback");
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("path " + id + " has no levels");
        }
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must not be negative");
        }
        for (var start : startLevels.values()) {
            if (start < 1 || start > levels.size()) {
                throw new IllegalArgumentException("start level " + start + " is not a level of path " + id);
            }
        }
    }

    /** A path with the defaults for everything but its levels. */
    public static Path of(String id, List<Level> levels) {
        return new Path(new PathId(id), levels, 0, Map.of(), Optional.empty(), DEFAULT_STALE_AFTER, Optional.empty());
    }

    public int levelCount() {
        return levels.size();
    }

    /** The level (1-based) an escalation of this severity starts at, and returns to when the path repeats. */
    public int startLevel(Severity severity) {
        return startLevels.getOrDefault(severity, 1);
    }

    /** Level {@code number}, 1-based. */
    public Level level(int number) {
        return levels.get(number - 1);
    }
}
