package dev.escalator.chat;

import dev.escalator.core.Directory;
import dev.escalator.core.OnCallNow;
import dev.escalator.core.OnCallOverrides;
import dev.escalator.core.Path;
import dev.escalator.core.PersonId;
import dev.escalator.core.Rotation;
import dev.escalator.core.RotationId;
import dev.escalator.core.Target;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The answer to {@code oncall} (SPEC §5): per rotation, who is on call now (and by whose override), the next handoff
 * in every reader's own zone and in the local time of the person taking over. People are named, not mentioned: the
 * answer is a look-up, it should notify nobody.
 */
final class OnCallReport {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    private final Directory directory;
    private final Markup markup;

    OnCallReport(Directory directory, Markup markup) {
        this.directory = directory;
        this.markup = markup;
    }

    /** The answer for {@code name} (a path, a rotation, or empty for all rotations). */
    String answer(Optional<String> name, Instant now, OnCallOverrides overrides) {
        if (name.isEmpty()) {
            List<Rotation> all = directory.rotations().values().stream()
                    .sorted(Comparator.comparing(r -> r.id().value()))
                    .toList();
            if (all.isEmpty()) {
                return "There are no rotations in the configuration.";
            }
            return lines("On call now:", all, now, overrides);
        }
        Optional<Rotation> rotation = directory.rotation(new RotationId(name.get()));
        if (rotation.isPresent()) {
            return lines("On call now:", List.of(rotation.get()), now, overrides);
        }
        Optional<Path> path = directory.path(new dev.escalator.core.PathId(name.get()));
        if (path.isPresent()) {
            List<Rotation> ofPath = rotationsOf(path.get());
            if (ofPath.isEmpty()) {
                return "Path `%s` tags no rotation, only named people."
                        .formatted(path.get().id());
            }
            return lines("On call now on path `%s`:".formatted(path.get().id()), ofPath, now, overrides);
        }
        return "There is no path or rotation `%s` (paths: %s; rotations: %s)."
                .formatted(
                        SafeText.neutralise(name.get(), markup.platform()),
                        sorted(directory.paths().keySet().stream().map(p -> p.value())),
                        sorted(directory.rotations().keySet().stream().map(RotationId::value)));
    }

    /** One rotation's line: {@code payments-primary: alice, until … → bob (Mon 09:00 their time)}. */
    String line(Rotation rotation, Instant now, OnCallOverrides overrides) {
        OnCallNow on = Directory.onCallNow(rotation, now, overrides);
        String who = on.person().value()
                + on.override()
                        .map(o -> " (override by %s until %s)".formatted(o.setBy(), markup.time(o.until())))
                        .orElse("");
        return "%s: %s; next handoff %s to %s%s"
                .formatted(
                        markup.bold(rotation.id().value()),
                        who,
                        markup.time(on.handoffAt()),
                        on.next(),
                        localTime(on.next(), on.handoffAt()));
    }

    private String lines(String heading, List<Rotation> rotations, Instant now, OnCallOverrides overrides) {
        var lines = new ArrayList<String>();
        lines.add(heading);
        rotations.forEach(rotation -> lines.add("• " + line(rotation, now, overrides)));
        return String.join("\n", lines);
    }

    private String localTime(PersonId person, Instant at) {
        return directory
                .person(person)
                .flatMap(p -> p.timeZone())
                .map(zone -> " (%s their time, %s)".formatted(LOCAL.format(at.atZone(zone)), zone.getId()))
                .orElse("");
    }

    private List<Rotation> rotationsOf(Path path) {
        var ids = new LinkedHashSet<RotationId>();
        for (var level : path.levels()) {
            for (var target : level.targets()) {
                if (target instanceof Target.OnCall onCall) {
                    ids.add(onCall.rotation());
                }
            }
        }
        return ids.stream().flatMap(id -> directory.rotation(id).stream()).toList();
    }

    private static String sorted(java.util.stream.Stream<String> names) {
        String joined = names.sorted().collect(Collectors.joining(", "));
        return joined.isEmpty() ? "none" : joined;
    }
}
