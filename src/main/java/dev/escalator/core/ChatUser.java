package dev.escalator.core;

import java.util.Objects;

/** An account on a chat platform: a Slack user id ({@code U…}) or a Discord snowflake. */
public record ChatUser(Platform platform, String userId) {
    public ChatUser {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(userId, "userId");
    }
}
