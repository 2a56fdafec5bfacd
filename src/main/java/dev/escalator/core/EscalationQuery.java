package dev.escalator.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which escalations to list: all filters are optional and combine with "and"; newest first, at most {@code limit}.
 * {@code involving} keeps the escalations a user reported (by their chat account) or is tagged on at the current
 * level (as a configured person).
 */
public record EscalationQuery(
        Optional<ChannelRef> channel,
        Optional<PathId> path,
        boolean unresolvedOnly,
        Optional<Instant> openedSince,
        Optional<Instant> openedBefore,
        Optional<Actor.User> involving,
        int limit) {

    public EscalationQuery {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(openedSince, "openedSince");
        Objects.requireNonNull(openedBefore, "openedBefore");
        Objects.requireNonNull(involving, "involving");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public static EscalationQuery unresolved(int limit) {
        return new EscalationQuery(
                Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public static EscalationQuery openedBetween(Instant since, Instant before, int limit) {
        return new EscalationQuery(
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.of(since),
                Optional.of(before),
                Optional.empty(),
                limit);
    }

    public EscalationQuery inChannel(ChannelRef channel) {
        return new EscalationQuery(
                Optional.of(channel), path, unresolvedOnly, openedSince, openedBefore, involving, limit);
    }

    public EscalationQuery onPath(PathId path) {
        return new EscalationQuery(
                channel, Optional.of(path), unresolvedOnly, openedSince, openedBefore, involving, limit);
    }

    public EscalationQuery openedBefore(Instant before) {
        return new EscalationQuery(channel, path, unresolvedOnly, openedSince, Optional.of(before), involving, limit);
    }

    public EscalationQuery involving(Actor.User user) {
        return new EscalationQuery(channel, path, unresolvedOnly, openedSince, openedBefore, Optional.of(user), limit);
    }
}
