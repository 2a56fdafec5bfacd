package dev.escalator.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** One step of a path: who to tag, and how long they have to acknowledge before the next level is tagged. */
public record Level(List<Target> targets, Duration ackTimeout) {
    public Level {
        targets = List.copyOf(targets);
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a level notifies at least one person or rotation");
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ack timeout must be positive");
        }
    }
}
