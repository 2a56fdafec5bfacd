package dev.escalator.core;

import java.time.Instant;
import java.util.Objects;

/** One line of an escalation's timeline: what happened, when, and who did it. {@code seq} counts from 1. */
public record TimelineEntry(int seq, Instant at, Actor actor, Event event) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(event, "event");
        if (seq < 1) {
            throw new IllegalArgumentException("timeline entries count from 1");
        }
    }
}
