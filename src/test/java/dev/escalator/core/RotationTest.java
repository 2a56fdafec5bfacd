package dev.escalator.core;

import static dev.escalator.testing.Fixtures.NEXT_HANDOFF;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.aRotation;
import static dev.escalator.testing.Fixtures.paymentsPrimary;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who is on call when: {@code payments-primary} is alice then bob, weekly, Monday 09:00 Europe/Berlin. */
class RotationTest {

    @Nested
    class WeeklyHandoffMonday0900Berlin {
        private final Rotation rotation = paymentsPrimary();

        @ParameterizedTest(name = "at {0} {1} is on call")
        @CsvSource(delimiter = '|', textBlock = """
                # instant (UTC)      | on call
                # a second before, at and after a handoff in summer, when 09:00 Berlin is 07:00Z
                2024-06-03T10:00:00Z | alice
                2024-06-10T06:59:59Z | alice
                2024-06-10T07:00:00Z | bob
                2024-06-10T07:00:01Z | bob
                2024-06-16T21:59:59Z | bob
                2024-06-17T06:59:59Z | bob
                2024-06-17T07:00:00Z | alice
                # clocks go forward on Sunday 31 March 2024: 09:00 is 08:00Z before, 07:00Z after
                2024-03-25T07:59:59Z | bob
                2024-03-25T08:00:00Z | alice
                2024-04-01T06:59:59Z | alice
                2024-04-01T07:00:00Z | bob
                2024-04-01T08:00:00Z | bob
                # clocks go back on Sunday 27 October 2024: 09:00 is 07:00Z before, 08:00Z after
                2024-10-21T06:59:59Z | bob
                2024-10-21T07:00:00Z | alice
                2024-10-28T07:00:00Z | alice
                2024-10-28T07:59:59Z | alice
                2024-10-28T08:00:00Z | bob
                """)
        void handsOffAtMonday0900LocalTimeWhateverTheOffset(Instant instant, String onCall) {
            assertThat(rotation.onCallAt(instant)).isEqualTo(new PersonId(onCall));
        }

        @Test
        void theShiftRunningAtAnInstantEndsAtTheNextHandoff() {
            assertThat(rotation.nextHandoffAfter(T0)).isEqualTo(NEXT_HANDOFF);
            assertThat(rotation.nextHandoffAfter(NEXT_HANDOFF.minusSeconds(1))).isEqualTo(NEXT_HANDOFF);
        }

        @Test
        void aHandoffExactlyNowHasAlreadyHappened() {
            assertThat(rotation.nextHandoffAfter(NEXT_HANDOFF)).isEqualTo(NEXT_HANDOFF.plus(Duration.ofDays(7)));
        }

        @ParameterizedTest(name = "the shift from {0} lasts {1}h")
        @CsvSource({
            "2024-03-25T08:00:00Z, 167", // over the spring change: an hour shorter
            "2024-10-21T07:00:00Z, 169", // over the autumn change: an hour longer
            "2024-06-03T07:00:00Z, 168"
        })
        void aWeeklyShiftOverADaylightSavingChangeIsAnHourShorterOrLonger(Instant handoff, long hours) {
            assertThat(Duration.between(handoff, rotation.nextHandoffAfter(handoff)))
                    .isEqualTo(Duration.ofHours(hours));
        }
    }

    @ParameterizedTest(name = "at {0} {1} is on call")
    @CsvSource(delimiter = '|', textBlock = """
            # daily at 09:00 Berlin from Saturday 1 June 2024 (07:00Z): alice, bob, carol, alice …
            2024-06-01T06:59:59Z | carol
            2024-06-01T07:00:00Z | alice
            2024-06-02T06:59:59Z | alice
            2024-06-02T07:00:00Z | bob
            2024-06-03T07:00:00Z | carol
            2024-06-04T07:00:00Z | alice
            2024-06-04T21:00:00Z | alice
            2024-06-05T07:00:00Z | bob
            """)
    void dailyShiftsGoRoundTheMembers(Instant instant, String onCall) {
        Rotation daily = aRotation()
                .members("alice", "bob", "carol")
                .everyDays(1)
                .handoffAt("09:00")
                .startingOn(LocalDate.of(2024, 6, 1))
                .build();

        assertThat(daily.onCallAt(instant)).isEqualTo(new PersonId(onCall));
    }

    @ParameterizedTest(name = "at {0} {1} is on call")
    @CsvSource(delimiter = '|', textBlock = """
            # two-week shifts from Monday 1 January 2024, 09:00 Berlin (08:00Z in winter)
            2024-01-01T08:00:00Z | alice
            2024-01-08T08:00:00Z | alice
            2024-01-15T07:59:59Z | alice
            2024-01-15T08:00:00Z | bob
            2024-01-22T12:00:00Z | bob
            2024-01-29T08:00:00Z | alice
            """)
    void aShiftCanLastTwoWeeks(Instant instant, String onCall) {
        Rotation fortnightly = aRotation().weekly(14, DayOfWeek.MONDAY).build();

        assertThat(fortnightly.onCallAt(instant)).isEqualTo(new PersonId(onCall));
        assertThat(fortnightly.nextHandoffAfter(Instant.parse("2024-01-16T00:00:00Z")))
                .isEqualTo(Instant.parse("2024-01-29T08:00:00Z"));
    }

    @Test
    void theCycleWrapsAroundTheMembersForever() {
        Rotation rotation = aRotation().members("alice", "bob", "carol").build();
        Instant firstShift = Instant.parse("2024-01-01T12:00:00Z");

        assertThat(rotation.onCallAt(firstShift)).isEqualTo(new PersonId("alice"));
        assertThat(rotation.onCallAt(firstShift.plus(Duration.ofDays(7)))).isEqualTo(new PersonId("bob"));
        assertThat(rotation.onCallAt(firstShift.plus(Duration.ofDays(14)))).isEqualTo(new PersonId("carol"));
        assertThat(rotation.onCallAt(firstShift.plus(Duration.ofDays(21)))).isEqualTo(new PersonId("alice"));
        assertThat(rotation.onCallAt(firstShift.plus(Duration.ofDays(7 * 300)))).isEqualTo(new PersonId("alice"));
        assertThat(rotation.onCallAt(firstShift.plus(Duration.ofDays(7 * 301)))).isEqualTo(new PersonId("bob"));
    }

    @ParameterizedTest(name = "at {0} {1} is on call")
    @CsvSource(delimiter = '|', textBlock = """
            # starts Wednesday 5 June 2024, so the first handoff is Monday 10 June 09:00 Berlin (07:00Z);
            # before it the cycle runs backwards from the last member
            2024-06-10T06:59:59Z | carol
            2024-06-05T12:00:00Z | carol
            2024-06-03T06:59:59Z | bob
            2024-05-27T06:59:59Z | alice
            2024-05-20T06:59:59Z | carol
            2024-06-10T07:00:00Z | alice
            """)
    void beforeTheFirstHandoffTheCycleRunsBackwards(Instant instant, String onCall) {
        Rotation rotation = aRotation()
                .members("alice", "bob", "carol")
                .startingOn(LocalDate.of(2024, 6, 5))
                .build();

        assertThat(rotation.onCallAt(instant)).isEqualTo(new PersonId(onCall));
        assertThat(rotation.nextHandoffAfter(Instant.parse("2024-06-05T12:00:00Z")))
                .isEqualTo(Instant.parse("2024-06-10T07:00:00Z"));
    }

    @Nested
    class HandoffAt0230Berlin {
        private final Rotation daily = aRotation()
                .members("alice", "bob")
                .everyDays(1)
                .handoffAt("02:30")
                .startingOn(LocalDate.of(2024, 3, 30))
                .build();

        @Test
        void inTheSpringGapHappensAtTheFirstValidInstant() {
            // Sunday 31 March 2024: 02:00 CET jumps to 03:00 CEST, which is 01:00Z; 02:30 does not exist
            Instant firstValid = Instant.parse("2024-03-31T01:00:00Z");

            assertThat(daily.onCallAt(firstValid.minusSeconds(1))).isEqualTo(new PersonId("alice"));
            assertThat(daily.onCallAt(firstValid)).isEqualTo(new PersonId("bob"));
            assertThat(daily.nextHandoffAfter(Instant.parse("2024-03-30T12:00:00Z")))
                    .isEqualTo(firstValid);
        }

        @Test
        void inTheAutumnOverlapHappensAtTheFirstOfTheTwo0230s() {
            // Sunday 27 October 2024: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET)
            Rotation autumn = aRotation()
                    .members("alice", "bob")
                    .everyDays(1)
                    .handoffAt("02:30")
                    .startingOn(LocalDate.of(2024, 10, 26))
                    .build();

            assertThat(autumn.onCallAt(Instant.parse("2024-10-27T00:29:59Z"))).isEqualTo(new PersonId("alice"));
            assertThat(autumn.onCallAt(Instant.parse("2024-10-27T00:30:00Z"))).isEqualTo(new PersonId("bob"));
            assertThat(autumn.nextHandoffAfter(Instant.parse("2024-10-26T12:00:00Z")))
                    .isEqualTo(Instant.parse("2024-10-27T00:30:00Z"));
        }
    }
}
