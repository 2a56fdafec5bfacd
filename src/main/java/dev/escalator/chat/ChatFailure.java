package dev.escalator.chat;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A chat call that did not go through. {@code retryAfter} comes from the platform (HTTP 429 Retry-After); {@code
 * permanent} means retrying the same call at once cannot help (the token is refused, the bot was removed from the
 * channel, a scope is missing), though it may once someone fixes the bot's access; {@code aboutThisMessage}, a
 * permanent failure of this one message itself (too long, its message or thread deleted), which no retry can ever
 * post; {@code outcomeUnknown} means the call went out and no clear answer came back (a time-out, a 5xx), so the
 * platform may have carried it out after all. {@code recipientUnreachable}: a direct message's recipient cannot get it
 * (their direct messages closed, their account gone, a bot); its message says why in words for the timeline.
 */
public final class ChatFailure extends RuntimeException {
    private final Optional<Duration> retryAfter;
    private final boolean permanent;
    private final boolean outcomeUnknown;
    private final boolean aboutThisMessage;
    private final boolean recipientUnreachable;

    private ChatFailure(
            String message,
            Optional<Duration> retryAfter,
            boolean permanent,
            boolean outcomeUnknown,
            @Nullable Throwable cause) {
        this(message, retryAfter, permanent, outcomeUnknown, false, cause);
    }

    private ChatFailure(
            String message,
            Optional<Duration> retryAfter,
            boolean permanent,
            boolean outcomeUnknown,
            boolean aboutThisMessage,
            @Nullable Throwable cause) {
        this(message, retryAfter, permanent, outcomeUnknown, aboutThisMessage, false, cause);
    }

    private ChatFailure(
            String message,
            Optional<Duration> retryAfter,
            boolean permanent,
            boolean outcomeUnknown,
            boolean aboutThisMessage,
            boolean recipientUnreachable,
            @Nullable Throwable cause) {
        super(message, cause);
        this.recipientUnreachable = recipientUnreachable;
        this.retryAfter = retryAfter;
        this.permanent = permanent;
        this.outcomeUnknown = outcomeUnknown;
        this.aboutThisMessage = aboutThisMessage;
    }

    public static ChatFailure rateLimited(Duration retryAfter) {
        return new ChatFailure("rate limited for " + retryAfter, Optional.of(retryAfter), false, false, null);
    }

    /** Refused for now, surely not carried out (the platform said so): worth retrying. */
    public static ChatFailure transientFailure(String message, @Nullable Throwable cause) {
        return new ChatFailure(message, Optional.empty(), false, false, cause);
    }

    /** No clear answer (a time-out, a dropped connection, a 5xx): maybe carried out, worth retrying with care. */
    public static ChatFailure unanswered(String message, @Nullable Throwable cause) {
        return new ChatFailure(message, Optional.empty(), false, true, cause);
    }

    /** Refused for a reason about the bot's access, not this message: delivery parks the post and keeps trying. */
    public static ChatFailure permanentFailure(String message) {
        return new ChatFailure(message, Optional.empty(), true, false, null);
    }

    /** Refused because of this message itself: it can never be posted, and delivery gives it up. */
    public static ChatFailure messageRefused(String message) {
        return new ChatFailure(message, Optional.empty(), true, false, true, null);
    }

    /**
     * A direct message whose recipient cannot get it; {@code why} is said in the timeline ("they do not accept direct
     * messages"). Permanent: delivery records it and gives the message up.
     */
    public static ChatFailure unreachable(String why) {
        return new ChatFailure(why, Optional.empty(), true, false, true, true, null);
    }

    public boolean recipientUnreachable() {
        return recipientUnreachable;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public boolean permanent() {
        return permanent;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    public boolean aboutThisMessage() {
        return aboutThisMessage;
    }
}
