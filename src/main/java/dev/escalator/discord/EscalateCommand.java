package dev.escalator.discord;

import dev.escalator.core.PathId;
import java.util.Collection;
import java.util.List;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * The one definition of {@code /escalate} on Discord (SPEC §5): what is registered at start and what {@code
 * manifests/discord/commands.json} holds. Option names are the ones {@link SlashRequests} reads.
 */
final class EscalateCommand {
    static final String NAME = "escalate";
    /** Discord shows at most 25 choices; a larger installation types the path in the open form instead. */
    private static final int MOST_CHOICES = 25;

    private EscalateCommand() {}

    static SlashCommandData definition(Collection<PathId> paths) {
        List<PathId> choices = paths.stream()
                .sorted(java.util.Comparator.comparing(PathId::value))
                .limit(MOST_CHOICES)
                .toList();
        return Commands.slash(NAME, "Get a stuck issue in front of the right person")
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(
                        new SubcommandData("open", "Open an escalation (leave out the title for a form with a brief)")
                                .addOptions(
                                        new OptionData(OptionType.STRING, "title", "What is wrong, in one line")
                                                .setMaxLength(200),
                                        severity(),
                                        path(choices, "Escalation path (default: this channel's)"),
                                        new OptionData(
                                                OptionType.STRING,
                                                "by",
                                                "Decision needed by: a duration (4h) or a time (2026-11-24T17:00Z)")),
                        withId("ack", "Acknowledge: you take it, escalation stops"),
                        withId("resolve", "Resolve, with an optional note")
                                .addOption(OptionType.STRING, "note", "What fixed it"),
                        withId("up", "Escalate to the next level now, or to a given level")
                                .addOptions(
                                        new OptionData(OptionType.INTEGER, "level", "Jump to this level")
                                                .setMinValue(1),
                                        new OptionData(OptionType.STRING, "reason", "Why")),
                        withId("decline", "You cannot take it: the next level is tagged if nobody else acknowledged")
                                .addOption(OptionType.STRING, "reason", "Why"),
                        withId(
                                "reassign",
                                "Tag this person at the current level; the timer restarts",
                                new OptionData(OptionType.USER, "user", "Who takes it", true)),
                        withId(
                                "snooze",
                                "Acknowledge until then, then escalate again from this level",
                                new OptionData(OptionType.STRING, "for", "How long: 30m, 2h, 1d", true)),
                        withId(
                                "note",
                                "Add a note to the timeline and the thread",
                                new OptionData(OptionType.STRING, "text", "The note", true)),
                        withId("reopen", "Reopen a resolved escalation at level 1"),
                        withId("status", "Status, level, who is tagged and what happens next"),
                        new SubcommandData("list", "Open escalations in this channel")
                                .addOptions(new OptionData(OptionType.STRING, "scope", "Which ones")
                                        .addChoice("this channel", "channel")
                                        .addChoice("mine", "mine")
                                        .addChoice("all", "all")
                                        .addChoice("stale", "stale")),
                        new SubcommandData("stats", "Time to acknowledge and to resolve, per path")
                                .addOptions(
                                        path(choices, "Only this path"),
                                        new OptionData(OptionType.STRING, "window", "Over the last")
                                                .addChoice("7 days", "7d")
                                                .addChoice("30 days", "30d")
                                                .addChoice("90 days", "90d")),
                        withId("timeline", "Everything that happened, refusals included"),
                        new SubcommandData("help", "How to use Escalator"));
    }

    /** Discord wants required options first, so {@code required} come before the optional id. */
    private static SubcommandData withId(String name, String description, OptionData... required) {
        return new SubcommandData(name, description)
                .addOptions(required)
                .addOption(OptionType.STRING, "id", "ESC-12 (leave out inside the escalation's thread)");
    }

    private static OptionData severity() {
        return new OptionData(OptionType.INTEGER, "severity", "1 is worst; default 3")
                .addChoice("1 (worst)", 1)
                .addChoice("2", 2)
                .addChoice("3", 3)
                .addChoice("4", 4);
    }

    private static OptionData path(List<PathId> choices, String description) {
        var option = new OptionData(OptionType.STRING, "path", description);
        choices.forEach(path -> option.addChoice(path.value(), path.value()));
        return option;
    }
}
