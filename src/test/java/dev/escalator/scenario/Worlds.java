package dev.escalator.scenario;

import dev.escalator.core.Platform;
import dev.escalator.discord.DiscordChatWorld;
import dev.escalator.slack.SlackChatWorld;

/** Starts a scenario's world on a platform. */
public final class Worlds {
    private Worlds() {}

    public static ChatWorld on(Platform platform) throws Exception {
        return switch (platform) {
            case SLACK -> SlackChatWorld.start();
            case DISCORD -> DiscordChatWorld.start();
        };
    }
}
