package dev.escalator.config;

import java.util.List;

/** Parses YAML written in a test as the file {@code escalator.yml}, giving what {@code check-config} would print. */
final class ConfigText {
    static final String FILE = "escalator.yml";

    private ConfigText() {}

    static ConfigResult parse(String yaml) {
        return ConfigLoader.parse(yaml, FILE);
    }

    static List<String> errorsOf(String yaml) {
        return parse(yaml).errors().stream().map(ConfigProblem::toString).toList();
    }

    static List<String> warningsOf(String yaml) {
        return parse(yaml).warnings().stream().map(ConfigProblem::toString).toList();
    }
}
