package dev.escalator.chat;

import java.util.Objects;

/**
 * Names one post of delivery, the same on every attempt, so that a platform adapter can recognise a post it already
 * made. {@code uncertain}: an earlier attempt may have made this post without it being recorded (its replica died
 * between the platform's answer and the store, or the call went out and no answer came back), so the adapter looks
 * for the post before making it again. Neither Slack nor Discord takes an idempotency key for every call, so this is
 * how a repeated delivery stays one message (SPEC §8: nobody is tagged twice).
 */
public record PostKey(String id, boolean uncertain) {
    public PostKey {
        Objects.requireNonNull(id, "id");
    }
}
