package dev.escalator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # text        | ISO-8601 duration
            30s           | PT30S
            1s            | PT1S
            5m            | PT5M
            2h            | PT2H
            2d            | PT48H
            1w            | PT168H
            1h30m         | PT1H30M
            1w2d3h4m5s    | PT219H4M5S
            90m           | PT1H30M
            0s            | PT0S
            ' 5m '        | PT5M
            5M            | PT5M
            1H30M         | PT1H30M
            007m          | PT7M
            999999999w    | PT167999999832H
            """)
    void readsTheNotationOfUsersAndTheConfigFile(String text, Duration expected) {
        assertThat(DurationFormat.parse(text)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is not a duration")
    @ValueSource(
            strings = {
                "",
                "   ",
                "5",
                "m",
                "-5m",
                "+5m",
                "1.5h",
                "1,5h",
                "5 m",
                "1h 30m",
                "5min",
                "5y",
                "h5",
                "PT5M",
                "5m!",
                "1h-30m",
                "9999999999m",
                "99999999999999999999999999s",
                "٥m"
            })
    void anythingElseIsEmptyNotAnException(String text) {
        assertThat(DurationFormat.parse(text)).isEmpty();
    }

    static Stream<Arguments> absurdInputs() {
        return Stream.of(
                Arguments.of("parts that add up past the largest duration", "999999999w".repeat(20_000)),
                Arguments.of("garbage after twenty thousand valid parts", "1s".repeat(20_000) + "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absurdInputs")
    void absurdInputIsEmptyNotAnException(String what, String text) {
        assertThat(DurationFormat.parse(text)).isEmpty();
    }

    @Test
    void everyPartOfALongTextIsAddedUp() {
        assertThat(DurationFormat.parse("1s".repeat(20_000))).contains(Duration.ofSeconds(20_000));
    }

    @ParameterizedTest(name = "{0} is written \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S         | 0s
            PT1S         | 1s
            PT5M         | 5m
            PT1H30M      | 1h30m
            PT24H        | 1d
            PT168H       | 1w
            PT192H       | 1w1d
            PT720H       | 4w2d
            PT1H0M1S     | 1h1s
            PT1.9S       | 1s
            PT0.5S       | 0s
            PT-5M        | 0s
            """)
    void writesLargestUnitsFirstInWholeSeconds(Duration duration, String expected) {
        assertThat(DurationFormat.format(duration)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1s", "59s", "1m", "1h30m", "1d12h", "2w", "3w6d23h59m59s"})
    void whatIsWrittenReadsBackAsTheSameDuration(String text) {
        Duration duration = DurationFormat.parse(text).orElseThrow();

        assertThat(DurationFormat.format(duration)).isEqualTo(text);
        assertThat(DurationFormat.parse(DurationFormat.format(duration))).contains(duration);
    }
}
