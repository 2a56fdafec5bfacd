package dev.escalator.config;

import java.util.Map;
import java.util.Optional;

/** A mapping of the file with known keys (a person, a level, a channel binding), read key by key. */
final class YamlObject {
    private final YamlField self;
    private final Map<String, YamlField> fields;

    YamlObject(YamlField self, Map<String, YamlField> fields) {
        this.self = self;
        this.fields = Map.copyOf(fields);
    }

    YamlField self() {
        return self;
    }

    /** The value of {@code key}; a key given with an empty value counts as not given, as YAML means it. */
    Optional<YamlField> optional(String key) {
        return Optional.ofNullable(fields.get(key)).filter(field -> !field.isEmpty());
    }

    /** The value of {@code key}, or an error saying it is missing and what it should be. */
    Optional<YamlField> required(String key, String expected) {
        var value = optional(key);
        if (value.isEmpty()) {
            var given = fields.get(key);
            if (given != null) {
                given.error("needs a value: " + expected);
            } else {
                self.error("missing '%s': %s".formatted(key, expected));
            }
        }
        return value;
    }
}
