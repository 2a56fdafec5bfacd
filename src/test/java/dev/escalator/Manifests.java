package dev.escalator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the YAML and JSON files under manifests/ (JSON is YAML) and walks them, failing with where a key was missing. */
final class Manifests {
    private Manifests() {}

    static Map<String, Object> load(Path file) {
        try {
            return cast(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file)));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    static Map<String, Object> map(Map<String, Object> from, String... keys) {
        Map<String, Object> at = from;
        for (String key : keys) {
            assertThat(at).as("path to %s", String.join(".", keys)).containsKey(key);
            at = cast(at.get(key));
        }
        return at;
    }

    static List<Object> list(Map<String, Object> from, String key) {
        assertThat(from).containsKey(key);
        assertThat(from.get(key)).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) from.get(key);
        return items;
    }

    static Map<String, Object> only(List<Object> items) {
        assertThat(items).hasSize(1);
        return cast(items.getFirst());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
