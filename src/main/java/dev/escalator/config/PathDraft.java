package dev.escalator.config;

import dev.escalator.core.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A path as read, with where each of its levels is written, for warnings that point at a level, and its weekly digest,
 * which is not part of how escalations climb and so is kept beside the path rather than in it.
 */
record PathDraft(Path path, List<YamlField> levelFields, Optional<DigestSetting> digest) {
    PathDraft {
        Objects.requireNonNull(path, "path");
        levelFields = List.copyOf(levelFields);
        Objects.requireNonNull(digest, "digest");
    }
}
