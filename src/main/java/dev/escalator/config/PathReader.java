package dev.escalator.config;

import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one entry of {@code paths}: its levels and how escalations on it repeat, start, re-escalate and fall back. */
final class PathReader {
    private static final List<String> KEYS =
            List.of("levels", "repeat", "severity", "reescalate_after_ack", "stale_after", "fallback", "digest");
    private static final String LEVELS = "a list of levels, each like {notify: [alice], ack_timeout: 5m}";
    private static final String SEVERITY = "a mapping of severity to where it starts, like {1: {start_level: 2}}";
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private PathReader() {}

    static Optional<PathDraft> read(String name, YamlField field, List<Reference> references) {
        var clean = field.checkpoint();
        return field.object(KEYS).flatMap(path -> {
            var levelFields = path.required("levels", LEVELS)
                    .flatMap(levels -> levels.nonEmptyList(LEVELS))
                    .orElse(List.of());
            var levels = levelFields.stream()
                    .map(level -> LevelReader.read(level, references))
                    .toList();
            int repeat = path.optional("repeat")
                    .flatMap(count -> count.wholeNumber(0, Integer.MAX_VALUE))
                    .orElse(0);
            var startLevels = path.optional("severity")
                    .map(severity -> startLevels(severity, levels.size()))
                    .orElse(Map.of());
            var reescalateAfterAck = path.optional("reescalate_after_ack").flatMap(after -> after.duration(SHORTEST));
            var staleAfter = path.optional("stale_after")
                    .flatMap(after -> after.duration(SHORTEST))
                    .orElse(Path.DEFAULT_STALE_AFTER);
            var fallback = path.optional("fallback")
                    .flatMap(channel -> channel.object(List.of("slack", "discord")))
                    .flatMap(ChannelRefReader::read);
            var digest = path.optional("digest").flatMap(setting -> DigestReader.read(new PathId(name), setting));
            // a clean read means every level was read
            return clean.buildIfClean(() -> new PathDraft(
                    new Path(
                            new PathId(name),
                            levels.stream().map(Optional::orElseThrow).toList(),
                            repeat,
                            startLevels,
                            reescalateAfterAck,
                            staleAfter,
                            fallback),
                    levelFields,
                    digest));
        });
    }

    private static Map<Severity, Integer> startLevels(YamlField field, int levelCount) {
        var startLevels = new HashMap<Severity, Integer>();
        field.entries(SEVERITY)
                .ifPresent(entries -> entries.forEach((key, entry) -> {
                    var severity = severity(key);
                    if (severity.isEmpty()) {
                        entry.error("is not a severity: severities are 1 (worst) to 4");
                        return;
                    }
                    entry.object(List.of("start_level"))
                            .flatMap(start -> start.required("start_level", "the level this severity starts at"))
                            .flatMap(start -> levelOfPath(start, levelCount))
                            .ifPresent(level -> {
                                if (startLevels.putIfAbsent(severity.orElseThrow(), level) != null) {
                                    entry.error(
                                            "severity " + severity.orElseThrow().value() + " is given twice");
                                }
                            });
                }));
        return startLevels;
    }

    /** With no readable levels there is no range to check against; that mistake is reported already. */
    private static Optional<Integer> levelOfPath(YamlField field, int levelCount) {
        return field.wholeNumber(1, Integer.MAX_VALUE).filter(level -> {
            if (levelCount > 0 && level > levelCount) {
                field.error("is not a level of this path: it has %d level%s, so 1 to %d"
                        .formatted(levelCount, levelCount == 1 ? "" : "s", levelCount));
            }
            return levelCount == 0 || level <= levelCount;
        });
    }

    private static Optional<Severity> severity(String key) {
        try {
            return Severity.of(Integer.parseInt(key.strip()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
