package dev.escalator.cli;

import dev.escalator.config.Config;
import dev.escalator.config.ConfigProblem;
import dev.escalator.config.ConfigResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How every command tells a user about their configuration file: the same words for a missing or broken file. */
public final class ConfigReport {
    private ConfigReport() {}

    /** One line for a file that is not there, with the command that writes one. */
    public static String missingFile(Path file) {
        return "No configuration file at %s. Run `bin/escalator init %s` to write an example there, or set ESCALATOR_CONFIG to your file."
                .formatted(file, file);
    }

    /** The config in {@code file}, or empty after printing why there is none. */
    static Optional<Config> load(ConfigSource configs, Path file, PrintWriter err) {
        if (!Files.exists(file)) {
            err.println(missingFile(file));
            return Optional.empty();
        }
        ConfigResult result = configs.load(file);
        if (!result.isValid()) {
            printErrors(result, file, err);
            return Optional.empty();
        }
        return result.config();
    }

    static void printErrors(ConfigResult result, Path file, PrintWriter err) {
        result.errors().forEach(err::println);
        err.println("%s is not valid: %s.".formatted(file, count(result.errors(), "error")));
    }

    static void printWarnings(List<ConfigProblem> warnings, PrintWriter out) {
        warnings.forEach(warning -> out.println("warning: " + warning));
    }

    static String count(List<?> items, String noun) {
        return items.size() + " " + noun + (items.size() == 1 ? "" : "s");
    }
}
