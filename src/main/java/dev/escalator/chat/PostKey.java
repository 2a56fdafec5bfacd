package dev.escalator.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one post of delivery, the same on every attempt, so that a platform adapter can recognise a post it already
 * made. {@code uncertain}: an earlier attempt may have made this post without it being recorded (its replica died
 * between the platform's answer and the store, or the call went out and no answer came back), so the adapter looks
 * for the post before making it again. Neither Slack nor Discord takes an idempotency key for every call, so this is
 * how a repeated delivery stays one message (SPEC §8: nobody is tagged twice). {@code notBefore}: when the post was
 * decided, so that it cannot have been made earlier, which bounds the look by time rather than by a number of messages
 * (a person's direct-message channel may get many of the bot's messages while one is in doubt).
 */
public record PostKey(String id, boolean uncertain, Optional<Instant> notBefore) {
    public PostKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(notBefore, "notBefore");
    }

    public PostKey(String id, boolean uncertain) {
        this(id, uncertain, Optional.empty());
    }
}
