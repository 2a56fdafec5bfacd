package dev.escalator.config;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.Platform;
import java.util.Optional;

/** Reads where a channel is, {@code {slack: C…}} or {@code {discord: "id"}}: on exactly one platform. */
final class ChannelRefReader {
    private ChannelRefReader() {}

    static Optional<ChannelRef> read(YamlObject channel) {
        var slack = channel.optional("slack");
        var discord = channel.optional("discord");
        if (slack.isPresent() && discord.isPresent()) {
            channel.self().error("gives both slack and discord; a channel is on exactly one platform, give one");
            return Optional.empty();
        }
        if (slack.isPresent()) {
            return slack.flatMap(ChatIds::slackChannel).map(id -> new ChannelRef(Platform.SLACK, id));
        }
        if (discord.isPresent()) {
            return discord.flatMap(ChatIds::discordChannel).map(id -> new ChannelRef(Platform.DISCORD, id));
        }
        channel.self()
                .error("names no channel: give slack (a channel id like C0PAY) or discord (a channel id like"
                        + " \"222222222222222222\")");
        return Optional.empty();
    }
}
