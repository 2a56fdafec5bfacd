package dev.escalator.config;

import static dev.escalator.config.ConfigText.errorsOf;
import static dev.escalator.config.ConfigText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Rotation;
import dev.escalator.core.RotationId;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RotationValidationTest {
    private static final String PEOPLE = """
            people:
              alice: {slack: U0ALICE}
              bob: {slack: U0BOB}
            """;
    private static final String PATH = """
            paths:
              p: {levels: [{notify: [rotation:r], ack_timeout: 5m}]}
            """;

    /** The rotation {@code r} is on line 5, right after the people. */
    static Stream<Arguments> mistakesInRotations() {
        return Stream.of(
                Arguments.of(
                        "unknown key",
                        "r: {members: [alice, bob], shift: 1w, handoff: \"mon 09:00\", zone: UTC}",
                        "escalator.yml:5: rotations.r.zone: unknown key 'zone' (allowed: members, shift, handoff, tz,"
                                + " start)"),
                Arguments.of(
                        "members as a single name",
                        "r: {members: alice, shift: 1w, handoff: \"mon 09:00\"}",
                        "escalator.yml:5: rotations.r.members: expected a list of the people who take turns, like"
                                + " [alice, bob], got 'alice'"),
                Arguments.of(
                        "no members",
                        "r: {members: [], shift: 1w, handoff: \"mon 09:00\"}",
                        "escalator.yml:5: rotations.r.members: is empty; expected a list of the people who take turns,"
                                + " like [alice, bob]"),
                Arguments.of(
                        "unknown member",
                        "r: {members: [alice, bobby], shift: 1w, handoff: \"mon 09:00\"}",
                        "escalator.yml:5: rotations.r.members[1]: unknown person 'bobby' (known: alice, bob)"),
                Arguments.of(
                        "missing shift",
                        "r: {members: [alice, bob], handoff: \"mon 09:00\"}",
                        "escalator.yml:5: rotations.r: missing 'shift': whole days or weeks, like 1d, 1w or 2w (at"
                                + " most 52w)"),
                Arguments.of(
                        "shift in hours",
                        "r: {members: [alice, bob], shift: 36h, handoff: \"09:00\"}",
                        "escalator.yml:5: rotations.r.shift: expected whole days or weeks, like 1d, 1w or 2w (at most"
                                + " 52w), got '36h'"),
                Arguments.of(
                        "shift longer than a year",
                        "r: {members: [alice, bob], shift: 53w, handoff: \"09:00\"}",
                        "escalator.yml:5: rotations.r.shift: expected whole days or weeks, like 1d, 1w or 2w (at most"
                                + " 52w), got '53w'"),
                Arguments.of(
                        "handoff without a time",
                        "r: {members: [alice, bob], shift: 1w, handoff: monday}",
                        "escalator.yml:5: rotations.r.handoff: expected a time like \"09:00\" or a weekday and time"
                                + " like \"mon 09:00\" (24-hour clock), got 'monday'"),
                Arguments.of(
                        "handoff at an hour that does not exist",
                        "r: {members: [alice, bob], shift: 1w, handoff: \"mon 24:00\"}",
                        "escalator.yml:5: rotations.r.handoff: expected a time like \"09:00\" or a weekday and time"
                                + " like \"mon 09:00\" (24-hour clock), got 'mon 24:00'"),
                Arguments.of(
                        "handoff on a weekday with daily shifts",
                        "r: {members: [alice, bob], shift: 3d, handoff: \"fri 17:00\"}",
                        "escalator.yml:5: rotations.r.handoff: hands off on a weekday, so the shift must be whole weeks"
                                + " (1w, 2w), not 3d; or drop the weekday to hand off every shift"),
                Arguments.of(
                        "unknown time zone",
                        "r: {members: [alice, bob], shift: 1w, handoff: \"mon 09:00\", tz: CEST}",
                        "escalator.yml:5: rotations.r.tz: expected a time zone like Europe/Berlin, America/New_York or"
                                + " UTC, got 'CEST'"),
                Arguments.of(
                        "start that is not a date",
                        "r: {members: [alice, bob], shift: 1w, handoff: \"mon 09:00\", start: 2024-02-30}",
                        "escalator.yml:5: rotations.r.start: expected a date like 2024-01-01, got '2024-02-30'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakesInRotations")
    void aMistakeInARotationIsReportedAtItsLineWithWhatIsAllowed(String mistake, String rotation, String expected) {
        assertThat(errorsOf(PEOPLE + "rotations:\n  " + rotation + "\n" + PATH)).containsExactly(expected);
    }

    @Test
    void aRotationWithoutTimeZoneOrStartHandsOverInUtcCountingFromTheDefaultStart() {
        var rotation = rotation("r: {members: [alice, bob], shift: 2d, handoff: \"18:30\"}");

        assertThat(rotation.shiftDays()).isEqualTo(2);
        assertThat(rotation.handoffDay()).isEmpty();
        assertThat(rotation.handoffTime()).isEqualTo(LocalTime.of(18, 30));
        assertThat(rotation.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(rotation.start()).isEqualTo(Rotation.DEFAULT_START);
    }

    @Test
    void anUnquotedHandoffTimeAndStartDateAreReadAsWritten() {
        var rotation = rotation("r: {members: [alice, bob], shift: 2w, handoff: 09:00, start: 2025-03-03}");

        assertThat(rotation.handoffTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(rotation.shiftDays()).isEqualTo(14);
        assertThat(rotation.start()).isEqualTo(LocalDate.of(2025, 3, 3));
    }

    @ParameterizedTest(name = "\"{0}\" hands off on {1}")
    @CsvSource({
        "mon 09:00, MONDAY",
        "MON 9:00, MONDAY",
        "Friday 17:30, FRIDAY",
        "sun 00:00, SUNDAY",
        "thu 23:59, THURSDAY"
    })
    void handoffWeekdaysAreThreeLetterOrFullNamesInAnyCase(String handoff, DayOfWeek day) {
        var rotation = rotation("r: {members: [alice, bob], shift: 1w, handoff: \"" + handoff + "\"}");

        assertThat(rotation.handoffDay()).contains(day);
    }

    @ParameterizedTest(name = "a shift of {0} is {1} days")
    @CsvSource({"1d, 1", "52w, 364"})
    void aShiftOfOneDayOrOfTheLongestAllowedIsTaken(String shift, int days) {
        var rotation = rotation("r: {members: [alice, bob], shift: " + shift + ", handoff: \"09:00\"}");

        assertThat(rotation.shiftDays()).isEqualTo(days);
    }

    private static Rotation rotation(String rotation) {
        var result = parse(PEOPLE + "rotations:\n  " + rotation + "\n" + PATH);
        assertThat(result.errors()).isEmpty();
        return result.config()
                .orElseThrow()
                .directory()
                .rotation(new RotationId("r"))
                .orElseThrow();
    }
}
