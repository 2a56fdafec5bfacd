package dev.escalator.testing;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.Level;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import dev.escalator.core.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link Path}; levels are added in order, so the first {@code level(...)} call is level 1. */
public final class PathBuilder {
    private final PathId id;
    private final List<Level> levels = new ArrayList<>();
    private int repeat;
    private final Map<Severity, Integer> startLevels = new HashMap<>();
    private Optional<Duration> reescalateAfterAck = Optional.empty();
    private Duration staleAfter = Path.DEFAULT_STALE_AFTER;
    private Optional<ChannelRef> fallback = Optional.empty();

    PathBuilder(String id) {
        this.id = new PathId(id);
    }

    public PathBuilder level(Duration ackTimeout, Target... targets) {
        levels.add(new Level(List.of(targets), ackTimeout));
        return this;
    }

    public PathBuilder repeat(int repeat) {
        this.repeat = repeat;
        return this;
    }

    /** Escalations of {@code severity} start at {@code level} (1-based). */
    public PathBuilder startLevel(int severity, int level) {
        startLevels.put(new Severity(severity), level);
        return this;
    }

    public PathBuilder reescalateAfterAck(Duration after) {
        reescalateAfterAck = Optional.of(after);
        return this;
    }

    public PathBuilder noReescalation() {
        reescalateAfterAck = Optional.empty();
        return this;
    }

    public PathBuilder staleAfter(Duration after) {
        staleAfter = after;
        return this;
    }

    public PathBuilder fallback(ChannelRef channel) {
        fallback = Optional.of(channel);
        return this;
    }

    public PathBuilder noFallback() {
        fallback = Optional.empty();
        return this;
    }

    public Path build() {
        return new Path(id, levels, repeat, startLevels, reescalateAfterAck, staleAfter, fallback);
    }
}
