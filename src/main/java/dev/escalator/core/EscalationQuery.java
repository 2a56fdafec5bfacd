package dev.escalator.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Which escalations to list: all filters are optional and combine with "and"; newest first, at most {@code limit}. */
public record EscalationQuery(
        Optional<ChannelRef> channel,
        Optional<PathId> path,
        boolean unresolvedOnly,
        Optional<Instant> openedSince,
        Optional<Instant> openedBefore,
        int limit) {

    public EscalationQuery {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(openedSince, "openedSince");
        Objects.requireNonNull(openedBefore, "openedBefore");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public static EscalationQuery unresolved(int limit) {
        return new EscalationQuery(Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty(), limit);
    }

    public static EscalationQuery openedBetween(Instant since, Instant before, int limit) {
        return new EscalationQuery(
                Optional.empty(), Optional.empty(), false, Optional.of(since), Optional.of(before), limit);
    }

    public EscalationQuery inChannel(ChannelRef channel) {
        return new EscalationQuery(Optional.of(channel), path, unresolvedOnly, openedSince, openedBefore, limit);
    }

    public EscalationQuery onPath(PathId path) {
        return new EscalationQuery(channel, Optional.of(path), unresolvedOnly, openedSince, openedBefore, limit);
    }
}
