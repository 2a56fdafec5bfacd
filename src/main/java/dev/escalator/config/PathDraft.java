package dev.escalator.config;

import dev.escalator.core.Path;
import java.util.List;
import java.util.Objects;

/** A path as read, with where each of its levels is written, for warnings that point at a level. */
record PathDraft(Path path, List<YamlField> levelFields) {
    PathDraft {
        Objects.requireNonNull(path, "path");
        levelFields = List.copyOf(levelFields);
    }
}
