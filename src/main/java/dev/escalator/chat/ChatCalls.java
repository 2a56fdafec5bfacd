package dev.escalator.chat;

import dev.escalator.core.Platform;

/**
 * Told the outcome of each call to a chat platform, for the metrics: delivery's posts through a {@link ChatPort}, and
 * the private answers the adapters send to users themselves. Must be quick and must not throw.
 */
@FunctionalInterface
public interface ChatCalls {
    ChatCalls NONE = (platform, call, outcome) -> {};

    enum Outcome {
        OK,
        ERROR,
        /** The platform said HTTP 429: the call waits and is tried again. */
        RATE_LIMITED
    }

    void called(Platform platform, String call, Outcome outcome);

    /** What a failed call counts as: a rate limit when the platform gave a Retry-After, else an error. */
    static Outcome outcomeOf(RuntimeException failure) {
        return failure instanceof ChatFailure chat && chat.retryAfter().isPresent()
                ? Outcome.RATE_LIMITED
                : Outcome.ERROR;
    }
}
