package dev.escalator.core;

import java.time.Duration;

/**
 * Remembers platform events already handled (a Slack {@code event_id}, a Discord interaction or reaction key) so a
 * retry or a second delivery has one effect, across replicas.
 */
public interface InboundEvents {

    /** True the first time {@code key} is seen within {@code remember}; false for every repeat. */
    boolean firstTime(String key, Duration remember);

    /**
     * As {@link #firstTime}, for an event that may be tried more than once under one key of its own ({@code holder}:
     * a recorded action carried out again after a crash): true the first time {@code key} is seen, and again for the
     * same {@code holder}; false when another holder saw it first (the same event delivered to another replica, or
     * delivered twice).
     */
    boolean firstTimeFor(String key, String holder, Duration remember);

    /**
     * Forgets {@code key}: the next {@link #firstTime} for it is first again. For events that can truly happen again
     * under the same key, such as a reaction removed and then added again.
     */
    void forget(String key);
}
