package dev.escalator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "escalator",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Escalator: a chat-ops escalation bot for Slack and Discord.",
            "Without a command, runs the bot: loads the configuration, serves HTTP and talks to the chat platforms"
                    + " the environment enables."
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  ESCALATOR_CONFIG    configuration file (default: escalator.yml)",
            "  PORT                HTTP port (default: 3000)",
            "  MONGODB_URI         MongoDB to use; unset: an embedded store",
            "  ESCALATOR_DATA_DIR  folder of the embedded store (default: data)",
            "  SLACK_BOT_TOKEN     enables Slack, with SLACK_SIGNING_SECRET (HTTP mode)",
            "                      or SLACK_APP_TOKEN (Socket Mode)",
            "  DISCORD_BOT_TOKEN   enables Discord",
        })
final class EscalatorCommand implements Callable<Integer> {
    private final Bot bot;

    EscalatorCommand(Bot bot) {
        this.bot = bot;
    }

    @Override
    public Integer call() {
        return bot.runUntilStopped();
    }
}
