package dev.escalator.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
}
