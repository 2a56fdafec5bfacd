package dev.escalator.testing;

import dev.escalator.core.PersonId;
import dev.escalator.core.Rotation;
import dev.escalator.core.RotationId;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link Rotation}, starting from payments-primary: alice then bob, shifts of 7 days handed off Monday 09:00
 * Europe/Berlin, counted from {@link Rotation#DEFAULT_START}.
 */
public final class RotationBuilder {
    private RotationId id = Fixtures.PAYMENTS_PRIMARY;
    private List<PersonId> members = List.of(Fixtures.ALICE, Fixtures.BOB);
    private int shiftDays = 7;
    private Optional<DayOfWeek> handoffDay = Optional.of(DayOfWeek.MONDAY);
    private LocalTime handoffTime = LocalTime.of(9, 0);
    private ZoneId zone = Fixtures.BERLIN;
    private LocalDate start = Rotation.DEFAULT_START;

    RotationBuilder() {}

    public RotationBuilder id(String id) {
        this.id = new RotationId(id);
        return this;
    }

    public RotationBuilder members(String... ids) {
        members = Arrays.stream(ids).map(PersonId::new).toList();
        return this;
    }

    /** Shifts of {@code days} days handed off on {@code day} (so {@code days} is a whole number of weeks). */
    public RotationBuilder weekly(int days, DayOfWeek day) {
        shiftDays = days;
        handoffDay = Optional.of(day);
        return this;
    }

    /** Shifts of {@code days} days counted from the start date, on any weekday. */
    public RotationBuilder everyDays(int days) {
        shiftDays = days;
        handoffDay = Optional.empty();
        return this;
    }

    /** Local time of the handoff, {@code "09:00"}. */
    public RotationBuilder handoffAt(String time) {
        handoffTime = LocalTime.parse(time);
        return this;
    }

    public RotationBuilder zone(String zone) {
        this.zone = ZoneId.of(zone);
        return this;
    }

    public RotationBuilder startingOn(LocalDate start) {
        this.start = start;
        return this;
    }

    public Rotation build() {
        return new Rotation(id, members, shiftDays, handoffDay, handoffTime, zone, start);
    }
}
