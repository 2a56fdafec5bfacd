package dev.escalator.config;

import java.util.Objects;

/** A channel binding as read, with where it is written. */
record BoundChannel(ChannelBinding binding, YamlField at) {
    BoundChannel {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(at, "at");
    }
}
