package dev.escalator.cli;

import dev.escalator.alerts.AlertPreview;
import dev.escalator.config.ChannelBinding;
import dev.escalator.config.Config;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.DurationFormat;
import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.OnCallOverrides;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import dev.escalator.core.Target;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Print the timeline PATH would follow if nobody acknowledged: who is tagged at which level, how long after"
                    + " opening, until the path is exhausted and its fallback is told.",
            "Rotations are resolved as they would be from now on.",
            "With --alert FILE, first which path and severity that alert payload would get, then that path's timeline."
        })
final class SimulateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(
            paramLabel = "PATH",
            arity = "0..1",
            description = "a path of the configuration, e.g. payments; not with --alert, whose routing picks it")
    private String path;

    @Option(
            names = "--alert",
            paramLabel = "FILE",
            description = "an alert payload (Alertmanager, Grafana, PagerDuty Events v2 or generic JSON)")
    private Optional<java.nio.file.Path> alert = Optional.empty();

    @Option(
            names = "--integration",
            paramLabel = "NAME",
            description = "the integration the alert is sent to; needed with --alert when there are several")
    private Optional<String> integration = Optional.empty();

    @Option(
            names = "--severity",
            paramLabel = "N",
            defaultValue = "3",
            description = "1 (worst) to 4; some paths start higher for bad ones. Default: ${DEFAULT-VALUE}")
    private int severity;

    @Option(
            names = "--by",
            paramLabel = "WHEN",
            description = "a decision is needed this long after opening (e.g. 4h): show its reminders too")
    private Optional<String> decideBy = Optional.empty();

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "configuration file; default: $ESCALATOR_CONFIG or escalator.yml")
    private Optional<java.nio.file.Path> config = Optional.empty();

    SimulateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Severity chosen = Severity.of(severity)
                .orElseThrow(() ->
                        new ParameterException(spec.commandLine(), "--severity is 1 (worst) to 4, not " + severity));
        Optional<Duration> deadline = decideBy.map(text -> DurationFormat.parse(text)
                .filter(after -> !after.isZero() && !after.isNegative())
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "--by takes a duration such as 4h or 1h30m, not " + text)));
        Optional<Config> loaded = ConfigReport.load(context.configs(), config.orElse(context.configFile()), err);
        if (loaded.isEmpty()) {
            return 1;
        }
        var directory = loaded.get().directory();
        if (alert.isPresent()) {
            if (path != null) {
                throw new ParameterException(spec.commandLine(), "give PATH or --alert FILE, not both");
            }
            Optional<AlertPreview.Routed> routed =
                    new AlertSimulation(loaded.get(), out, err).route(alert.get(), integration);
            if (routed.isEmpty()) {
                return 1;
            }
            path = routed.get().path().value();
            chosen = routed.get().severity();
        } else if (path == null) {
            throw new ParameterException(spec.commandLine(), "give a PATH to simulate, or --alert FILE");
        }
        Optional<Path> found = directory.path(new PathId(path));
        if (found.isEmpty()) {
            err.println("There is no path '%s' in the configuration. Known paths: %s."
                    .formatted(path, knownPaths(loaded.get())));
            return 1;
        }
        Instant start = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<OnCallOverrides> overrides = context.overrides().notOverAt(start);
        if (overrides.isEmpty()) {
            err.println("Note: the on-call overrides in the bot's store could not be read (is the bot running on the"
                    + " embedded store?); simulating the rotations' schedules alone.");
        }
        Escalation escalation = Simulation.run(
                directory,
                found.get().id(),
                chosen,
                home(loaded.get()),
                start,
                deadline,
                overrides.orElse(OnCallOverrides.NONE));
        print(out, found.get(), chosen, escalation);
        return 0;
    }

    /** Where the simulated escalation lives; tagging does not depend on it, so any bound channel will do. */
    private ChannelRef home(Config config) {
        return config.channels().stream()
                .filter(binding -> binding.path().value().equals(path))
                .map(ChannelBinding::channel)
                .findFirst()
                .orElse(new ChannelRef(Platform.SLACK, "simulation"));
    }

    private static String knownPaths(Config config) {
        var names = config.directory().paths().keySet().stream()
                .map(PathId::value)
                .sorted()
                .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static void print(PrintWriter out, Path path, Severity severity, Escalation escalation) {
        out.println("Path %s, severity %d, opened at %s; nobody acknowledges:"
                .formatted(path.id(), severity.value(), escalation.openedAt()));
        int passes = path.repeat() + 1;
        var rows = new ArrayList<String[]>();
        for (var entry : escalation.timeline()) {
            String offset = "+" + DurationFormat.format(Duration.between(escalation.openedAt(), entry.at()));
            switch (entry.event()) {
                case Event.Tagged tagged ->
                    rows.add(new String[] {
                        offset,
                        "level %d/%d, pass %d/%d: tag %s%s"
                                .formatted(
                                        tagged.level(),
                                        tagged.levelCount(),
                                        tagged.round() + 1,
                                        passes,
                                        names(tagged.people()),
                                        rotations(path, tagged.level()))
                    });
                case Event.Exhausted exhausted ->
                    rows.add(new String[] {
                        offset,
                        "exhausted after %d %s; %s"
                                .formatted(
                                        passes,
                                        passes == 1 ? "pass" : "passes",
                                        exhausted
                                                .fallback()
                                                .map(channel -> "fallback told: " + ConfigSummary.channel(channel))
                                                .orElse("no fallback configured"))
                    });
                case Event.DecisionReminder reminder ->
                    rows.add(new String[] {
                        offset,
                        "decision reminder: tag %s (decision needed by +%s)"
                                .formatted(
                                        names(reminder.people()),
                                        DurationFormat.format(
                                                Duration.between(escalation.openedAt(), reminder.decideBy())))
                    });
                default -> {} // opened, escalated: the tag that follows says it all
            }
        }
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        rows.forEach(row -> out.println(("  %-" + width + "s  %s").formatted(row[0], row[1])));
    }

    /** Which rotations the level resolved, so that a reader sees why that person was tagged. */
    private static String rotations(Path path, int level) {
        String names = path.level(level).targets().stream()
                .filter(Target.OnCall.class::isInstance)
                .map(target -> ((Target.OnCall) target).rotation().value())
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "" : " (on call in " + names + ")";
    }

    private static String names(List<PersonId> people) {
        return people.isEmpty()
                ? "nobody"
                : people.stream().map(PersonId::value).collect(Collectors.joining(", "));
    }
}
