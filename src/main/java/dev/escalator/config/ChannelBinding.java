package dev.escalator.config;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.PathId;
import java.util.Objects;

/** A channel whose escalations follow {@code path} by default. */
public record ChannelBinding(ChannelRef channel, PathId path) {
    public ChannelBinding {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(path, "path");
    }
}
