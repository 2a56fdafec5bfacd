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
            "  ESCALATOR_CONFIG      configuration file (default: ./escalator.yml)",
            "  ESCALATOR_DATA_DIR    folder of the embedded store (default: ./data)",
            "  MONGODB_URI           MongoDB to use; unset: the embedded store",
            "  PORT                  HTTP port for Slack, health and metrics (default: 3000)",
            "  LOG_FORMAT            text (default) or json: one JSON object per line",
            "  SLACK_BOT_TOKEN       enables Slack, with SLACK_SIGNING_SECRET (HTTP mode,",
            "                        POST /slack/events) or SLACK_APP_TOKEN (Socket Mode)",
            "  SLACK_SIGNING_SECRET  checks that requests come from Slack (HTTP mode)",
            "  SLACK_APP_TOKEN       xapp- token: Slack in Socket Mode",
            "  SLACK_API_URL         Slack Web API base (default: https://slack.com/api/)",
            "  DISCORD_BOT_TOKEN     enables Discord",
            "  DISCORD_GUILD_ID      commands on this guild only: instant, not global",
            "  DISCORD_API_URL       Discord REST base with its version (default: Discord's)",
            "  DISCORD_GATEWAY_URL   Discord gateway (default: Discord's)",
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
