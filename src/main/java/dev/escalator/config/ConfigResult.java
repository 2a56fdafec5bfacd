package dev.escalator.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** What loading a configuration file gave: the config when there are no errors, plus every error and warning. */
public record ConfigResult(Optional<Config> config, List<ConfigProblem> errors, List<ConfigProblem> warnings) {
    public ConfigResult {
        Objects.requireNonNull(config, "config");
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean isValid() {
        return errors.isEmpty() && config.isPresent();
    }

    /**
     * The warnings as the bot logs them at start: one line per warning, except that a warning given in several places
     * (the same message: e.g. every level's {@code ack_timeout} under a minute in a file of 150 short paths) is one
     * line with the count and every place, in the file's order. A configuration that repeats one warning hundreds of
     * times made every start write hundreds of lines (docs/benchmarks.md, branch replicas2).
     */
    public List<String> warningLines() {
        var byMessage = new LinkedHashMap<String, List<ConfigProblem>>();
        for (ConfigProblem warning : warnings) {
            byMessage
                    .computeIfAbsent(warning.file() + "\0" + warning.message(), key -> new ArrayList<>())
                    .add(warning);
        }
        var lines = new ArrayList<String>();
        for (List<ConfigProblem> same : byMessage.values()) {
            if (same.size() == 1) {
                lines.add(same.getFirst().toString());
                continue;
            }
            String places = same.stream().map(ConfigResult::place).collect(Collectors.joining(", "));
            lines.add("%s: %d places: %s: %s"
                    .formatted(
                            same.getFirst().file(), same.size(), same.getFirst().message(), places));
        }
        return List.copyOf(lines);
    }

    private static String place(ConfigProblem warning) {
        String line = warning.line() == ConfigProblem.WHOLE_FILE ? "" : "line " + warning.line();
        if (warning.field().isEmpty()) {
            return line;
        }
        return line.isEmpty() ? warning.field() : "%s (%s)".formatted(warning.field(), line);
    }
}
