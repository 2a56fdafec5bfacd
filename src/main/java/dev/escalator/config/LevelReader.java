package dev.escalator.config;

import dev.escalator.core.Level;
import dev.escalator.core.PersonId;
import dev.escalator.core.RotationId;
import dev.escalator.core.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/** Reads one level of a path: whom it notifies and how long they have to acknowledge. */
final class LevelReader {
    private static final List<String> KEYS = List.of("notify", "ack_timeout");
    private static final String NOTIFY = "a list of people and rotations, like [alice, rotation:payments-primary]";
    private static final String TARGET = "a person's name or rotation:NAME";
    private static final String ROTATION_PREFIX = "rotation:";
    private static final Duration SHORTEST_ACK_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHORTEST_HUMAN_ACK_TIMEOUT = Duration.ofMinutes(1);

    private LevelReader() {}

    static Optional<Level> read(YamlField field, List<Reference> references) {
        var clean = field.checkpoint();
        return field.object(KEYS).flatMap(level -> {
            var targets = level.required("notify", NOTIFY)
                    .flatMap(notify -> notify.nonEmptyList(NOTIFY))
                    .map(items -> targets(items, references));
            var ackTimeout = level.required("ack_timeout", "a duration of at least 1s, like 5m")
                    .flatMap(LevelReader::ackTimeout);
            // a clean read means both required values above were present
            return clean.buildIfClean(() -> new Level(targets.orElseThrow(), ackTimeout.orElseThrow()));
        });
    }

    /**
     * A target listed twice at one level is warned about, not refused: the level tags each person once however often
     * they are listed (SPEC §8: nobody is tagged twice), so the file works as written; but the second entry is most
     * likely a slip for someone else, whom nobody would then tag.
     */
    private static List<Target> targets(List<YamlField> items, List<Reference> references) {
        var targets = new ArrayList<Target>();
        var firstListed = new HashMap<Target, YamlField>();
        for (var item : items) {
            item.text(TARGET)
                    .flatMap(text -> target(text.strip(), item, references))
                    .ifPresent(target -> {
                        var first = firstListed.putIfAbsent(target, item);
                        if (first != null) {
                            String twice = "%s is listed twice at this level (also as %s, line %d)"
                                    .formatted(named(target), lastStep(first.path()), first.line());
                            item.warn(twice + ": tagged once; was someone else meant?");
                        }
                        targets.add(target);
                    });
        }
        return targets;
    }

    /** {@code notify[0]} of {@code paths.p.levels[1].notify[0]}. */
    private static String lastStep(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String named(Target target) {
        return switch (target) {
            case Target.Individual individual -> "'" + individual.person().value() + "'";
            case Target.OnCall onCall ->
                "'" + ROTATION_PREFIX + onCall.rotation().value() + "'";
        };
    }

    private static Optional<Target> target(String text, YamlField item, List<Reference> references) {
        if (!text.startsWith(ROTATION_PREFIX)) {
            references.add(new Reference(Reference.Kind.PERSON, text, item));
            return Optional.of(new Target.Individual(new PersonId(text)));
        }
        String rotation = text.substring(ROTATION_PREFIX.length()).strip();
        if (rotation.isEmpty()) {
            item.error("names no rotation after 'rotation:'; expected " + TARGET);
            return Optional.empty();
        }
        references.add(new Reference(Reference.Kind.ROTATION, rotation, item));
        return Optional.of(new Target.OnCall(new RotationId(rotation)));
    }

    private static Optional<Duration> ackTimeout(YamlField field) {
        var timeout = field.duration(SHORTEST_ACK_TIMEOUT);
        if (timeout.filter(ack -> ack.compareTo(SHORTEST_HUMAN_ACK_TIMEOUT) < 0).isPresent()) {
            field.warn("is under a minute: fine for trying the bot out, too short for people to react");
        }
        return timeout;
    }
}
