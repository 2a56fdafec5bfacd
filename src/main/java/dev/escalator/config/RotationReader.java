package dev.escalator.config;

import dev.escalator.core.PersonId;
import dev.escalator.core.Rotation;
import dev.escalator.core.RotationId;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one entry of {@code rotations}: who takes turns, how long a shift lasts and when it hands over. */
final class RotationReader {
    private static final List<String> KEYS = List.of("members", "shift", "handoff", "tz", "start");
    private static final String MEMBERS = "a list of the people who take turns, like [alice, bob]";
    private static final String SHIFT = "whole days or weeks, like 1d, 1w or 2w (at most 52w)";
    private static final long LONGEST_SHIFT_DAYS = 52 * 7;

    private RotationReader() {}

    static Optional<Rotation> read(String name, YamlField field, List<Reference> references) {
        var clean = field.checkpoint();
        return field.object(KEYS).flatMap(rotation -> {
            var members = rotation.required("members", MEMBERS).flatMap(list -> members(list, references));
            var shiftDays = rotation.required("shift", SHIFT).flatMap(RotationReader::shiftDays);
            var handoffField = rotation.required("handoff", Handoff.EXPECTED);
            var handoff = handoffField.flatMap(text -> text.parsed(Handoff.EXPECTED, Handoff::parse));
            if (handoff.flatMap(Handoff::day).isPresent()
                    && shiftDays.filter(days -> days % 7 != 0).isPresent()) {
                handoffField
                        .orElseThrow()
                        .error("hands off on a weekday, so the shift must be whole weeks (1w, 2w)," + " not "
                                + shiftDays.orElseThrow() + "d; or drop the weekday to hand off every shift");
            }
            var timeZone = rotation.optional("tz").flatMap(YamlField::timeZone).orElse(ZoneOffset.UTC);
            var start = rotation.optional("start")
                    .flatMap(date -> date.parsed("a date like 2024-01-01", RotationReader::date))
                    .orElse(Rotation.DEFAULT_START);
            // a clean read means every required value above was present
            return clean.buildIfClean(() -> new Rotation(
                    new RotationId(name),
                    members.orElseThrow(),
                    shiftDays.orElseThrow(),
                    handoff.orElseThrow().day(),
                    handoff.orElseThrow().time(),
                    timeZone,
                    start));
        });
    }

    private static Optional<List<PersonId>> members(YamlField field, List<Reference> references) {
        return field.nonEmptyList(MEMBERS).map(items -> {
            var members = new ArrayList<PersonId>();
            for (var item : items) {
                item.text("a person's name").ifPresent(person -> {
                    references.add(new Reference(Reference.Kind.PERSON, person, item));
                    members.add(new PersonId(person));
                });
            }
            if (items.size() == 1) {
                field.warn("has a single member, who is on call all the time with nobody to take over");
            }
            return members;
        });
    }

    private static Optional<Integer> shiftDays(YamlField field) {
        return field.parsed(
                SHIFT,
                text -> YamlField.parseDuration(text)
                        .filter(RotationReader::isWholeDays)
                        .map(shift -> (int) shift.toDays()));
    }

    private static boolean isWholeDays(Duration shift) {
        long day = Duration.ofDays(1).toSeconds();
        return shift.toSeconds() >= day && shift.toSeconds() % day == 0 && shift.toDays() <= LONGEST_SHIFT_DAYS;
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }
}
