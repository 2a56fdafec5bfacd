package dev.escalator.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * A chat call that did not go through. {@code retryAfter} comes from the platform (HTTP 429 Retry-After); {@code
 * permanent} means retrying the same call cannot help (the channel is gone, the bot was removed from it).
 */
public final class ChatFailure extends RuntimeException {
    private final Optional<Duration> retryAfter;
    private final boolean permanent;

    private ChatFailure(String message, Optional<Duration> retryAfter, boolean permanent, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.permanent = permanent;
    }

    public static ChatFailure rateLimited(Duration retryAfter) {
        return new ChatFailure("rate limited for " + retryAfter, Optional.of(retryAfter), false, null);
    }

    public static ChatFailure transientFailure(String message, Throwable cause) {
        return new ChatFailure(message, Optional.empty(), false, cause);
    }

    public static ChatFailure permanentFailure(String message) {
        return new ChatFailure(message, Optional.empty(), true, null);
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public boolean permanent() {
        return permanent;
    }
}
