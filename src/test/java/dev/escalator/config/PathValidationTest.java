package dev.escalator.config;

import static dev.escalator.config.ConfigText.errorsOf;
import static dev.escalator.config.ConfigText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathValidationTest {
    private static final String PEOPLE_AND_ROTATION = """
            people:
              alice: {slack: U0ALICE}
              bob: {slack: U0BOB}
            rotations:
              primary: {members: [alice, bob], shift: 1w, handoff: "mon 09:00"}
            paths:
            """;

    /** The path {@code p} starts on line 7, right after the people and the rotation. */
    static Stream<Arguments> mistakesInPaths() {
        return Stream.of(
                Arguments.of(
                        "unknown key",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}]
                            repeats: 2
                        """,
                        "escalator.yml:9: paths.p.repeats: unknown key 'repeats' (allowed: levels, repeat, severity,"
                                + " reescalate_after_ack, stale_after, fallback, digest)"),
                Arguments.of(
                        "no levels",
                        """
                          p: {repeat: 1}
                        """,
                        "escalator.yml:7: paths.p: missing 'levels': a list of levels, each like {notify: [alice],"
                                + " ack_timeout: 5m}"),
                Arguments.of(
                        "empty levels",
                        """
                          p:
                            levels: []
                        """,
                        "escalator.yml:8: paths.p.levels: is empty; expected a list of levels, each like {notify:"
                                + " [alice], ack_timeout: 5m}"),
                Arguments.of(
                        "unknown person in notify",
                        """
                          p:
                            levels:
                              - {notify: [alice], ack_timeout: 5m}
                              - {notify: [bobb], ack_timeout: 5m}
                        """,
                        "escalator.yml:10: paths.p.levels[1].notify[0]: unknown person 'bobb' (known: alice, bob)"),
                Arguments.of(
                        "unknown rotation in notify",
                        """
                          p:
                            levels:
                              - notify:
                                  - alice
                                  - rotation:secondary
                                ack_timeout: 5m
                        """,
                        "escalator.yml:11: paths.p.levels[0].notify[1]: unknown rotation 'secondary' (known:"
                                + " primary)"),
                Arguments.of(
                        "rotation: without a name",
                        """
                          p: {levels: [{notify: ["rotation:"], ack_timeout: 5m}]}
                        """,
                        "escalator.yml:7: paths.p.levels[0].notify[0]: names no rotation after 'rotation:'; expected a"
                                + " person's name or rotation:NAME"),
                Arguments.of(
                        "notify as a single name",
                        """
                          p: {levels: [{notify: alice, ack_timeout: 5m}]}
                        """,
                        "escalator.yml:7: paths.p.levels[0].notify: expected a list of people and rotations, like"
                                + " [alice, rotation:payments-primary], got 'alice'"),
                Arguments.of(
                        "empty notify",
                        """
                          p: {levels: [{notify: [], ack_timeout: 5m}]}
                        """,
                        "escalator.yml:7: paths.p.levels[0].notify: is empty; expected a list of people and rotations,"
                                + " like [alice, rotation:payments-primary]"),
                Arguments.of(
                        "missing ack_timeout",
                        """
                          p:
                            levels:
                              - notify: [alice]
                        """,
                        "escalator.yml:9: paths.p.levels[0]: missing 'ack_timeout': a duration of at least 1s, like"
                                + " 5m"),
                Arguments.of(
                        "ack_timeout with a unit that does not exist",
                        """
                          p: {levels: [{notify: [alice], ack_timeout: 5min}]}
                        """,
                        "escalator.yml:7: paths.p.levels[0].ack_timeout: expected a duration like 30s, 5m, 2h, 1d, 1w"
                                + " or 1h30m, got '5min'"),
                Arguments.of(
                        "ack_timeout of zero",
                        """
                          p: {levels: [{notify: [alice], ack_timeout: 0s}]}
                        """,
                        "escalator.yml:7: paths.p.levels[0].ack_timeout: must be at least 1s, got '0s'"),
                Arguments.of(
                        "ack_timeout longer than a year",
                        """
                          p: {levels: [{notify: [alice], ack_timeout: 53w}]}
                        """,
                        "escalator.yml:7: paths.p.levels[0].ack_timeout: must be at most 52w, got '53w'"),
                Arguments.of(
                        "a level that is not a mapping",
                        """
                          p:
                            levels:
                              - alice
                        """,
                        "escalator.yml:9: paths.p.levels[0]: expected a mapping with notify, ack_timeout, got"
                                + " 'alice'"),
                Arguments.of("negative repeat", """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}]
                            repeat: -1
                        """, "escalator.yml:9: paths.p.repeat: must be 0 or more, got -1"),
                Arguments.of(
                        "repeat in words",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}]
                            repeat: twice
                        """,
                        "escalator.yml:9: paths.p.repeat: expected a whole number 0 or more, got 'twice'"),
                Arguments.of(
                        "severity outside 1 to 4",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}, {notify: [bob], ack_timeout: 5m}]
                            severity:
                              5: {start_level: 2}
                        """,
                        "escalator.yml:10: paths.p.severity.5: is not a severity: severities are 1 (worst) to 4"),
                Arguments.of(
                        "start level beyond the last level",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}, {notify: [bob], ack_timeout: 5m}]
                            severity: {1: {start_level: 3}}
                        """,
                        "escalator.yml:9: paths.p.severity.1.start_level: is not a level of this path: it has 2"
                                + " levels, so 1 to 2"),
                Arguments.of(
                        "start level on a path whose levels are empty",
                        """
                          p:
                            levels: []
                            severity: {1: {start_level: 2}}
                        """,
                        // one error, the levels': no second one saying level 2 is not among "1 to 0"
                        "escalator.yml:8: paths.p.levels: is empty; expected a list of levels, each like {notify:"
                                + " [alice], ack_timeout: 5m}"),
                Arguments.of(
                        "severity with a bare number",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}, {notify: [bob], ack_timeout: 5m}]
                            severity: {1: 2}
                        """,
                        "escalator.yml:9: paths.p.severity.1: expected a mapping with start_level, got '2'"),
                Arguments.of(
                        "reescalate_after_ack that is not a duration",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}]
                            reescalate_after_ack: 2 hours
                        """,
                        "escalator.yml:9: paths.p.reescalate_after_ack: expected a duration like 30s, 5m, 2h, 1d, 1w"
                                + " or 1h30m, got '2 hours'"),
                Arguments.of(
                        "stale_after as a list",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}]
                            stale_after: [30d]
                        """,
                        "escalator.yml:9: paths.p.stale_after: expected a duration like 30s, 5m, 2h, 1d, 1w or 1h30m,"
                                + " got a list"),
                Arguments.of(
                        "fallback on both platforms",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}]
                            fallback: {slack: C0LEADS, discord: "444444444444444444"}
                        """,
                        "escalator.yml:9: paths.p.fallback: gives both slack and discord; a channel is on exactly one"
                                + " platform, give one"),
                Arguments.of(
                        "fallback to a channel name",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}]
                            fallback: {slack: "#leads"}
                        """,
                        "escalator.yml:9: paths.p.fallback.slack: expected a Slack channel id like C0PAY (C or G, then"
                                + " capitals and digits; not the #name), got '#leads'"),
                Arguments.of(
                        "fallback with another key",
                        """
                          p:
                            levels: [{notify: [alice], ack_timeout: 5m}]
                            fallback: {slack: C0LEADS, path: p}
                        """,
                        "escalator.yml:9: paths.p.fallback.path: unknown key 'path' (allowed: slack, discord)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakesInPaths")
    void aMistakeInAPathIsReportedAtItsLineWithWhatIsAllowed(String mistake, String path, String expected) {
        assertThat(errorsOf(PEOPLE_AND_ROTATION + path)).containsExactly(expected);
    }

    @Test
    void aFileWithoutPathsSaysAPathIsNeeded() {
        assertThat(errorsOf("""
                        people:
                          alice: {slack: U0ALICE}
                        """))
                .containsExactly("escalator.yml:1: missing 'paths': a mapping of paths, like {payments: {levels:"
                        + " [{notify: [alice], ack_timeout: 5m}]}}");
    }

    @Test
    void aFileWithAnEmptyMappingOfPathsSaysAPathIsNeeded() {
        assertThat(errorsOf("""
                        people:
                          alice: {slack: U0ALICE}
                        paths: {}
                        """))
                .containsExactly("escalator.yml:3: paths: defines no path; expected a mapping of paths, like"
                        + " {payments: {levels: [{notify: [alice], ack_timeout: 5m}]}}");
    }

    @Test
    void aPathWithOnlyLevelsRunsOnceNeverReescalatesRemindsAfterThirtyDaysAndHasNoFallback() {
        var result = parse(PEOPLE_AND_ROTATION + "  p: {levels: [{notify: [alice], ack_timeout: 1h30m}]}\n");

        var path =
                result.config().orElseThrow().directory().path(new PathId("p")).orElseThrow();
        assertThat(path.levels().getFirst().ackTimeout()).hasMinutes(90);
        assertThat(path.repeat()).isZero();
        assertThat(path.startLevel(new Severity(1))).isEqualTo(1);
        assertThat(path.reescalateAfterAck()).isEmpty();
        assertThat(path.staleAfter()).isEqualTo(Path.DEFAULT_STALE_AFTER);
        assertThat(path.fallback()).isEmpty();
    }

    @Test
    void anAckTimeoutOfExactlyTheShortestOrTheLongestAllowedIsTaken() {
        var result = parse(
                PEOPLE_AND_ROTATION
                        + "  p: {levels: [{notify: [alice], ack_timeout: 1s}, {notify: [bob], ack_timeout: 52w}], repeat: 0}\n");

        assertThat(result.errors()).isEmpty();
        var path =
                result.config().orElseThrow().directory().path(new PathId("p")).orElseThrow();
        assertThat(path.levels().getFirst().ackTimeout()).hasSeconds(1);
        assertThat(path.levels().getLast().ackTimeout()).hasDays(52 * 7);
    }

    @Test
    void aSeverityMayStartAtThePathsLastLevelAndStaleAfterIsReadAsGiven() {
        var result = parse(PEOPLE_AND_ROTATION
                + "  p: {levels: [{notify: [alice], ack_timeout: 5m}, {notify: [bob], ack_timeout: 5m}],"
                + " severity: {1: {start_level: 2}}, stale_after: 7d}\n");

        assertThat(result.errors()).isEmpty();
        var path =
                result.config().orElseThrow().directory().path(new PathId("p")).orElseThrow();
        assertThat(path.startLevel(new Severity(1))).isEqualTo(2);
        assertThat(path.staleAfter()).hasDays(7);
    }

    @Test
    void aDurationTextOfUpToThirtyTwoCharactersIsRead() {
        String sixteenMinutes = "1m".repeat(16);
        String thirtyThree = "1m".repeat(15) + "60s";

        var result = parse(PEOPLE_AND_ROTATION + "  p: {levels: [{notify: [alice], ack_timeout: " + sixteenMinutes
                + "}, {notify: [bob], ack_timeout: " + thirtyThree + "}]}\n");

        assertThat(sixteenMinutes).hasSize(32);
        assertThat(result.errors())
                .extracting(ConfigProblem::toString)
                .containsExactly("escalator.yml:7: paths.p.levels[1].ack_timeout: expected a duration like 30s, 5m,"
                        + " 2h, 1d, 1w or 1h30m, got '" + thirtyThree + "'");
        var draft = parse(
                PEOPLE_AND_ROTATION + "  p: {levels: [{notify: [alice], ack_timeout: " + sixteenMinutes + "}]}\n");
        assertThat(draft.config()
                        .orElseThrow()
                        .directory()
                        .path(new PathId("p"))
                        .orElseThrow()
                        .levels())
                .singleElement()
                .satisfies(level -> assertThat(level.ackTimeout()).hasMinutes(16));
    }
}
