package dev.escalator.config;

/** Reads and validates the YAML configuration file of SPEC §2. Never throws for a bad file: errors are collected. */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Loads {@code file}; a missing or unreadable file is one error naming it. */
    public static ConfigResult load(java.nio.file.Path file) {
        throw new UnsupportedOperationException("config helper implements this");
    }

    /** Loads YAML text; {@code fileName} is what errors name. */
    public static ConfigResult parse(String yaml, String fileName) {
        throw new UnsupportedOperationException("config helper implements this");
    }
}
