package dev.escalator.core;

import java.util.Objects;

/** A channel on a chat platform: where an escalation lives, or where a fallback alert goes. */
public record ChannelRef(Platform platform, String channelId) {
    public ChannelRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(channelId, "channelId");
    }
}
