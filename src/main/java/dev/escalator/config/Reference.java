package dev.escalator.config;

import java.util.Objects;

/** A name used in one place of the file that must be declared in another, kept with where it was written. */
record Reference(Kind kind, String name, YamlField at) {
    Reference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
    }

    /** What a name refers to, and the words for it in messages. */
    enum Kind {
        PERSON("person", "people"),
        ROTATION("rotation", "rotations"),
        PATH("path", "paths");

        private final String one;
        private final String many;

        Kind(String one, String many) {
            this.one = one;
            this.many = many;
        }

        String one() {
            return one;
        }

        String many() {
            return many;
        }
    }
}
