package dev.escalator.config;

import static dev.escalator.config.ConfigText.errorsOf;
import static dev.escalator.config.ConfigText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DigestValidationTest {
    /** The path {@code p}'s digest is on line 5. */
    private static String withDigest(String digest) {
        return """
                people:
                  alice: {slack: U0ALICE}
                paths:
                  p:
                    digest: %s
                    levels: [{notify: [alice], ack_timeout: 5m}]
                """.formatted(digest);
    }

    @Test
    void aDigestWithOnlyAChannelGoesOutOnMondayAtNineUtc() {
        var config = parse(withDigest("{slack: C0LEADS}")).config().orElseThrow();

        assertThat(config.digests())
                .containsExactly(new DigestSetting(
                        new PathId("p"),
                        new ChannelRef(Platform.SLACK, "C0LEADS"),
                        DayOfWeek.MONDAY,
                        LocalTime.of(9, 0),
                        ZoneOffset.UTC));
    }

    @Test
    void aDigestTakesItsDayTimeAndZoneFromTheFile() {
        var config = parse(withDigest(
                        "{discord: \"222222222222222222\", day: Friday, time: \"16:30\", tz: Europe/Berlin}"))
                .config()
                .orElseThrow();

        assertThat(config.digests())
                .containsExactly(new DigestSetting(
                        new PathId("p"),
                        new ChannelRef(Platform.DISCORD, "222222222222222222"),
                        DayOfWeek.FRIDAY,
                        LocalTime.of(16, 30),
                        ZoneId.of("Europe/Berlin")));
    }

    @Test
    void pathsWithoutADigestHaveNone() {
        var config = parse("""
                people:
                  alice: {slack: U0ALICE}
                paths:
                  p: {levels: [{notify: [alice], ack_timeout: 5m}]}
                """).config().orElseThrow();

        assertThat(config.digests()).isEmpty();
    }

    static Stream<Arguments> mistakesInDigests() {
        return Stream.of(
                Arguments.of(
                        "{day: mon}",
                        "escalator.yml:5: paths.p.digest: names no channel: give slack (a channel id like C0PAY) or"
                                + " discord (a channel id like \"222222222222222222\")"),
                Arguments.of(
                        "{slack: C0LEADS, discord: \"222222222222222222\"}",
                        "escalator.yml:5: paths.p.digest: gives both slack and discord; a channel is on exactly one"
                                + " platform, give one"),
                Arguments.of(
                        "{slack: C0LEADS, day: someday}",
                        "escalator.yml:5: paths.p.digest.day: expected a weekday like mon or monday, got 'someday'"),
                Arguments.of(
                        "{slack: C0LEADS, time: \"25:00\"}",
                        "escalator.yml:5: paths.p.digest.time: expected a time like \"09:00\" (24-hour clock), got"
                                + " '25:00'"),
                Arguments.of(
                        "{slack: C0LEADS, time: \"mon 09:00\"}",
                        "escalator.yml:5: paths.p.digest.time: expected a time like \"09:00\" (24-hour clock), got"
                                + " 'mon 09:00'"),
                Arguments.of(
                        "{slack: C0LEADS, tz: Mars/Olympus}",
                        "escalator.yml:5: paths.p.digest.tz: expected a time zone like Europe/Berlin,"
                                + " America/New_York or UTC, got 'Mars/Olympus'"),
                Arguments.of(
                        "{slack: C0LEADS, weekly: true}",
                        "escalator.yml:5: paths.p.digest.weekly: unknown key 'weekly' (allowed: slack, discord, day,"
                                + " time, tz)"));
    }

    @ParameterizedTest
    @MethodSource
    void mistakesInDigests(String digest, String error) {
        assertThat(errorsOf(withDigest(digest))).containsExactly(error);
    }
}
