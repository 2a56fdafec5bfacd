package dev.escalator.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DigestCalendarTest {
    final DigestCalendar mondayNineInBerlin =
            new DigestCalendar(DayOfWeek.MONDAY, LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"));

    @Test
    void theNextDigestFollowsTheLocalTimeAcrossTheSpringDstChange() {
        // Berlin moves to summer time on Sunday 31 March 2024: 09:00 is 08:00 UTC before, 07:00 UTC after
        var friday = Instant.parse("2024-03-29T12:00:00Z");

        assertThat(mondayNineInBerlin.next(friday)).isEqualTo(Instant.parse("2024-04-01T07:00:00Z"));
    }

    @Test
    void theNextDigestFollowsTheLocalTimeAcrossTheAutumnDstChange() {
        var friday = Instant.parse("2024-10-25T12:00:00Z");

        assertThat(mondayNineInBerlin.next(friday)).isEqualTo(Instant.parse("2024-10-28T08:00:00Z"));
    }

    @Test
    void aWeekAcrossADstChangeIsSevenLocalDaysNotSevenTimesTwentyFourHours() {
        var week = mondayNineInBerlin.latest(Instant.parse("2024-04-01T07:00:00Z"));

        assertThat(week)
                .isEqualTo(new DigestWeek(
                        LocalDate.of(2024, 4, 1),
                        Instant.parse("2024-03-25T08:00:00Z"),
                        Instant.parse("2024-04-01T07:00:00Z")));
        assertThat(week.key()).isEqualTo("2024-W14");
    }

    @Test
    void justBeforeTheDigestTimeTheLatestWeekIsTheOneBefore() {
        var week = mondayNineInBerlin.latest(Instant.parse("2024-04-01T06:59:59Z"));

        assertThat(week.postedOn()).isEqualTo(LocalDate.of(2024, 3, 25));
    }

    @Test
    void aLateStartStillPostsOnTheSameLocalDayButNotTheNext() {
        var week = mondayNineInBerlin.latest(Instant.parse("2024-04-01T21:00:00Z"));

        assertThat(mondayNineInBerlin.stillPostable(week, Instant.parse("2024-04-01T21:59:00Z")))
                .isTrue();
        assertThat(mondayNineInBerlin.stillPostable(week, Instant.parse("2024-04-01T22:00:00Z")))
                .isFalse();
    }
}
