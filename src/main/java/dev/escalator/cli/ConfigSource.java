package dev.escalator.cli;

import dev.escalator.config.ConfigLoader;
import dev.escalator.config.ConfigResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where commands get a configuration from: the real loader in the program, a prepared {@link ConfigResult} in tests.
 * Like the loader, it reports a bad file as errors in the result, never as an exception.
 */
public interface ConfigSource {
    ConfigResult load(Path file);

    /** Reads YAML text; {@code fileName} is what problems name. */
    ConfigResult parse(String yaml, String fileName);

    /** The YAML loader of the {@code config} package. */
    static ConfigSource yamlFiles() {
        return yamlFiles(Map.of());
    }

    /** The YAML loader, finding the integrations' secrets in {@code env} (the process's environment, in the program). */
    static ConfigSource yamlFiles(Map<String, String> env) {
        return new ConfigSource() {
            @Override
            public ConfigResult load(Path file) {
                return ConfigLoader.load(file, env);
            }

            @Override
            public ConfigResult parse(String yaml, String fileName) {
                return ConfigLoader.parse(yaml, fileName, env);
            }
        };
    }
}
