package dev.escalator.digest;

import dev.escalator.config.DigestSetting;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * When a weekly digest is posted: a local weekday and time in a zone, so the instant moves with daylight saving time.
 * A time that does not exist on a day (skipped by a DST change) is posted just after the gap, as {@link ZonedDateTime}
 * does; a time that exists twice is posted at the first.
 */
record DigestCalendar(DayOfWeek day, LocalTime time, ZoneId zone) {
    DigestCalendar {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
    }

    static DigestCalendar of(DigestSetting setting) {
        return new DigestCalendar(setting.day(), setting.time(), setting.zone());
    }

    /** The latest week whose digest time is at or before {@code now}. */
    DigestWeek latest(Instant now) {
        LocalDate date = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(day));
        if (at(date).isAfter(now)) {
            date = date.minusWeeks(1);
        }
        return new DigestWeek(date, at(date.minusWeeks(1)), at(date));
    }

    /** The first digest time after {@code now}. */
    Instant next(Instant now) {
        return at(latest(now).postedOn().plusWeeks(1));
    }

    /** A bot that was down at the digest time still posts it when it starts, but only on the same local day. */
    boolean stillPostable(DigestWeek week, Instant now) {
        return !now.isBefore(week.end()) && now.atZone(zone).toLocalDate().equals(week.postedOn());
    }

    private Instant at(LocalDate date) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }
}
