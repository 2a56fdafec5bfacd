package dev.escalator.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The on-call overrides known at one moment, as data: what every rotation lookup ({@link Directory#onCallAt}) takes,
 * so that levels, {@code oncall} and {@code simulate} agree. Where overrides of one rotation overlap, the newest (the
 * one that started last; of two that started together, the later in the list) wins; expired ones count for nothing.
 */
public record OnCallOverrides(List<OnCallOverride> all) {
    public static final OnCallOverrides NONE = new OnCallOverrides(List.of());

    public OnCallOverrides {
        all = List.copyOf(all);
    }

    /** The override that decides who is on call in {@code rotation} at {@code instant}, if one is in force. */
    public Optional<OnCallOverride> inForce(RotationId rotation, Instant instant) {
        OnCallOverride winner = null;
        for (OnCallOverride candidate : all) {
            if (candidate.rotation().equals(rotation)
                    && candidate.inForceAt(instant)
                    && (winner == null || !candidate.from().isBefore(winner.from()))) {
                winner = candidate;
            }
        }
        return Optional.ofNullable(winner);
    }

    /** These and {@code added}, which is the newest. */
    public OnCallOverrides with(OnCallOverride added) {
        var more = new java.util.ArrayList<>(all);
        more.add(added);
        return new OnCallOverrides(more);
    }

    /** The ones not yet over at {@code instant}, oldest first: what is worth keeping and showing. */
    public OnCallOverrides notOverAt(Instant instant) {
        return new OnCallOverrides(all.stream()
                .filter(o -> o.until().isAfter(instant))
                .sorted(Comparator.comparing(OnCallOverride::from))
                .toList());
    }
}
