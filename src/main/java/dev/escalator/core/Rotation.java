package dev.escalator.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * People taking turns on call. A shift lasts {@code shiftDays} calendar days in the rotation's time zone and hands
 * off at {@code handoffTime} local time (on {@code handoffDay} when one is given), so a handoff stays at 09:00 local
 * time across daylight-saving changes even though that shift is an hour shorter or longer.
 *
 * <p>Shifts are counted from the first handoff on or after {@code start}: member 0 takes that shift, member 1 the
 * next, and so on in a cycle. Before that first handoff the last member is on call, as if the cycle ran backwards.
 */
public record Rotation(
        RotationId id,
        List<PersonId> members,
        int shiftDays,
        Optional<DayOfWeek> handoffDay,
        LocalTime handoffTime,
        ZoneId timeZone,
        LocalDate start) {

    /** Where shifts are counted from when the configuration names no start: a Monday, so weekly shifts align. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);

    public Rotation {
        Objects.requireNonNull(id, "id");
        members = List.copyOf(members);
        Objects.requireNonNull(handoffDay, "handoffDay");
        Objects.requireNonNull(handoffTime, "handoffTime");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(start, "start");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("rotation " + id + " has no members");
        }
        if (shiftDays < 1) {
            throw new IllegalArgumentException("a shift lasts at least one day");
        }
        if (handoffDay.isPresent() && shiftDays % 7 != 0) {
            throw new IllegalArgumentException("a shift that hands off on a weekday lasts whole weeks");
        }
    }

    /** Who is on call at {@code instant}: a handoff exactly at that instant has already happened. */
    public PersonId onCallAt(Instant instant) {
        return members.get(Math.floorMod(shiftNumberAt(instant), members.size()));
    }

    /** When the shift running at {@code instant} ends. */
    public Instant nextHandoffAfter(Instant instant) {
        return handoffInstant(firstHandoffDate().plusDays((shiftNumberAt(instant) + 1) * shiftDays));
    }

    private long shiftNumberAt(Instant instant) {
        LocalDate first = firstHandoffDate();
        LocalDate today = instant.atZone(timeZone).toLocalDate();
        long shift = Math.floorDiv(ChronoUnit.DAYS.between(first, today), shiftDays);
        // the shift that would start today may not have started yet (before the handoff time)
        if (handoffInstant(first.plusDays(shift * shiftDays)).isAfter(instant)) {
            shift--;
        }
        return shift;
    }

    private LocalDate firstHandoffDate() {
        return handoffDay
                .map(day -> start.with(TemporalAdjusters.nextOrSame(day)))
                .orElse(start);
    }

    /**
     * A handoff time that falls into a daylight-saving gap happens at the first valid instant after it (the end of the
     * gap); one that falls into an overlap happens at its first occurrence.
     */
    private Instant handoffInstant(LocalDate date) {
        LocalDateTime local = date.atTime(handoffTime);
        ZoneOffsetTransition transition = timeZone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            // ZonedDateTime would move the time forward by the gap's length (02:30 -> 03:30), not to the gap's end
            return transition.getInstant();
        }
        return ZonedDateTime.of(local, timeZone).toInstant();
    }
}
