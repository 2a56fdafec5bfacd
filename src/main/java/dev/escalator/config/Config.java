package dev.escalator.config;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.Directory;
import dev.escalator.core.PathId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The whole validated configuration file (SPEC §2), immutable. */
public record Config(
        Directory directory,
        List<ChannelBinding> channels,
        Reactions reactions,
        List<DigestSetting> digests,
        List<Integration> integrations,
        java.nio.file.Path source) {
    public Config {
        integrations = List.copyOf(integrations);
        Objects.requireNonNull(directory, "directory");
        channels = List.copyOf(channels);
        Objects.requireNonNull(reactions, "reactions");
        digests = List.copyOf(digests);
        Objects.requireNonNull(source, "source");
    }

    /** A configuration without integrations. */
    public Config(
            Directory directory,
            List<ChannelBinding> channels,
            Reactions reactions,
            List<DigestSetting> digests,
            java.nio.file.Path source) {
        this(directory, channels, reactions, digests, List.of(), source);
    }

    /** A configuration without weekly digests. */
    public Config(Directory directory, List<ChannelBinding> channels, Reactions reactions, java.nio.file.Path source) {
        this(directory, channels, reactions, List.of(), List.of(), source);
    }

    /** The first channel bound to {@code path}: where escalations opened by alerts on that path are posted. */
    public Optional<ChannelRef> channelFor(PathId path) {
        return channels.stream()
                .filter(binding -> binding.path().equals(path))
                .map(ChannelBinding::channel)
                .findFirst();
    }

    /** The path a channel is bound to, if it is bound. */
    public Optional<PathId> pathFor(ChannelRef channel) {
        return channels.stream()
                .filter(binding -> binding.channel().equals(channel))
                .map(ChannelBinding::path)
                .findFirst();
    }
}
