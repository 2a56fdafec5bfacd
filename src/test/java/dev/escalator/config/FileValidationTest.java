package dev.escalator.config;

import static dev.escalator.config.ConfigText.errorsOf;
import static dev.escalator.config.ConfigText.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.escalator.core.PathId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileValidationTest {
    @Test
    void everyMistakeInAFileIsReportedInOneRunInFileOrder() {
        var errors = errorsOf("""
                people:
                  alice: {slack: U0ALICE, tz: Mars/Olympus}
                paths:
                  payments:
                    levels:
                      - {notify: [alcie], ack_timeout: 5m}
                      - {notify: [alice], ack_timeout: 10}
                """);

        assertThat(errors)
                .containsExactly(
                        "escalator.yml:2: people.alice.tz: expected a time zone like Europe/Berlin, America/New_York or"
                                + " UTC, got 'Mars/Olympus'",
                        "escalator.yml:6: paths.payments.levels[0].notify[0]: unknown person 'alcie' (known: alice)",
                        "escalator.yml:7: paths.payments.levels[1].ack_timeout: expected a duration like 30s, 5m, 2h,"
                                + " 1d, 1w or 1h30m, got '10'");
    }

    @Test
    void aFileWithMistakesGivesNoConfig() {
        var result = parse("""
                paths:
                  p: {levels: [{notify: [nobody], ack_timeout: 5m}]}
                """);

        assertThat(result.isValid()).isFalse();
        assertThat(result.config()).isEmpty();
        assertThat(result.errors())
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "escalator.yml:2: paths.p.levels[0].notify[0]: unknown person 'nobody' (no people are defined)");
    }

    static Stream<Arguments> mistakesInTheWholeFile() {
        return Stream.of(
                Arguments.of(
                        "unknown top-level key",
                        """
                        people:
                          alice: {slack: U0ALICE}
                        paths:
                          p: {levels: [{notify: [alice], ack_timeout: 5m}]}
                        escalations: {}
                        """,
                        "escalator.yml:5: escalations: unknown key 'escalations' (allowed: people, rotations, paths,"
                                + " channels, admins, reactions, integrations)"),
                Arguments.of(
                        "a section given twice",
                        """
                        people:
                          alice: {slack: U0ALICE}
                        paths:
                          p: {levels: [{notify: [alice], ack_timeout: 5m}]}
                        people:
                          bob: {slack: U0BOB}
                        """,
                        "escalator.yml:5: people: is given twice; the first is on line 1"),
                Arguments.of(
                        "a list at the top",
                        """
                        - people
                        - paths
                        """,
                        "escalator.yml:1: expected a mapping with people, rotations, paths, channels, admins, reactions,"
                                + " integrations, got a list"),
                Arguments.of(
                        "an empty file", "", "escalator.yml: the file is empty; it needs at least people and paths"),
                Arguments.of(
                        "a document marker only",
                        "---\n",
                        "escalator.yml: the file is empty; it needs at least people and paths"),
                Arguments.of(
                        "a document of nothing",
                        "~\n",
                        "escalator.yml: the file is empty; it needs at least people and paths"),
                Arguments.of(
                        "a file of comments only",
                        "# people: {}\n# paths: {}\n",
                        "escalator.yml: the file is empty; it needs at least people and paths"),
                Arguments.of(
                        "an unclosed bracket",
                        """
                        people:
                          alice: {slack: U0ALICE
                        paths:
                          p: {levels: [{notify: [alice], ack_timeout: 5m}]}
                        """,
                        "escalator.yml:3: not valid YAML: while parsing a flow mapping, expected ',' or '}', but got"
                                + " :"),
                Arguments.of(
                        "a tab for indentation",
                        "people:\n\talice: {slack: U0ALICE}\n",
                        "escalator.yml:2: not valid YAML: while scanning for the next token, found character"
                                + " '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                Arguments.of(
                        "two documents",
                        "people: {}\n---\npaths: {}\n",
                        "escalator.yml:2: not valid YAML: expected a single document in the stream, but found"
                                + " another document"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakesInTheWholeFile")
    void aMistakeInTheWholeFileIsOneClearError(String mistake, String yaml, String expected) {
        assertThat(errorsOf(yaml)).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "people: 5",
                "people: {alice: [1, 2]}",
                "paths: {p: 7}",
                "paths: {p: {levels: {notify: [alice]}}}",
                "paths: {p: {levels: [{notify: [[alice]], ack_timeout: [5m]}]}}",
                "paths: {p: {severity: [1], levels: [7]}}",
                "? [a, b]\n: c\n",
                "people: !!binary aGVsbG8=",
                "rotations: {r: {members: [{a: 1}], shift: {}, handoff: []}}",
                "channels: [[C0PAY]]",
                "reactions: {ack: {eyes: 1}}",
                "admins: [[alice]]",
                "a: &a [*a]\npaths: *a"
            })
    void valuesOfTheWrongShapeAreErrorsNotExceptions(String yaml) {
        var result = parse(yaml);

        assertThat(result.config()).isEmpty();
        assertThat(result.errors())
                .isNotEmpty()
                .allSatisfy(error -> assertThat(error.line()).isPositive());
    }

    @Test
    void anAbsurdlyLongDurationIsAnErrorNotAnException() {
        String forever = "999999999w".repeat(2_000);

        var errors = errorsOf("paths: {p: {levels: [{notify: [alice], ack_timeout: " + forever + "}]}}");

        assertThat(errors)
                .contains("escalator.yml:1: paths.p.levels[0].ack_timeout: expected a duration like 30s, 5m, 2h, 1d,"
                        + " 1w or 1h30m, got '" + forever.substring(0, 60) + "…'");
    }

    @Test
    void aMissingFileIsOneErrorNamingTheFileAsGiven() {
        var result = ConfigLoader.load(Path.of("config", "escalator.yml"));

        assertThat(result.errors())
                .extracting(ConfigProblem::toString)
                .containsExactly("config/escalator.yml: no such file; set ESCALATOR_CONFIG to the configuration file");
    }

    @Test
    void aFileThatIsNotUtf8IsOneError(@TempDir Path folder) throws IOException {
        var file = folder.resolve("escalator.yml");
        Files.write(file, "people: {alice: {slack: U0\u00c4}}\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(ConfigLoader.load(file).errors())
                .extracting(ConfigProblem::toString)
                .containsExactly(file + ": cannot read the file: it is not UTF-8 text");
    }

    @Test
    void aFolderInsteadOfAFileIsOneError(@TempDir Path folder) {
        assertThat(ConfigLoader.load(folder).errors())
                .singleElement()
                .satisfies(error -> assertThat(error.toString()).startsWith(folder + ": cannot read the file"));
    }

    @Test
    void aValidFileLoadsFromDiskEvenWithAByteOrderMark(@TempDir Path folder) throws IOException {
        var file = folder.resolve("escalator.yml");
        Files.writeString(
                file,
                "\uFEFFpeople:\n  alice: {slack: U0ALICE}\npaths:\n  p: {levels: [{notify: [alice], ack_timeout: 5m}]}\n");

        var result = ConfigLoader.load(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.config().orElseThrow().source()).isEqualTo(file);
    }

    @Test
    void anEmptyFileOnDiskIsOneClearError(@TempDir Path folder) throws IOException {
        var file = folder.resolve("escalator.yml");
        Files.writeString(file, "");

        assertThat(ConfigLoader.load(file).errors())
                .extracting(ConfigProblem::toString)
                .containsExactly(file + ": the file is empty; it needs at least people and paths");
    }

    static Stream<Arguments> keysThatAreNoPlainName() {
        return Stream.of(
                Arguments.of("people:\n  [a, b]: {slack: U0A}\n", "a list"),
                Arguments.of("people:\n  ? &k [*k]\n  : {slack: U0A}\n", "a list"),
                Arguments.of("people:\n  {a: b}: {slack: U0A}\n", "a mapping"));
    }

    /** A key that holds itself (the last case) is never expanded: the file is only composed, nothing constructed. */
    @ParameterizedTest
    @MethodSource("keysThatAreNoPlainName")
    void aKeyThatIsNotAPlainNameIsReportedAtItsLine(String yaml, String shape) {
        assertThat(errorsOf(yaml)).contains("escalator.yml:2: people: a key must be a plain name, got " + shape);
    }

    @Test
    void aValueOfSixtyCharactersIsQuotedWholeAndALongerOneIsCut() {
        String sixty = "Mars/" + "x".repeat(55);
        String sixtyOne = sixty + "y";

        var errors = errorsOf(
                "people:\n  alice: {slack: U0A, tz: " + sixty + "}\n  bob: {slack: U0B, tz: " + sixtyOne + "}\n");

        assertThat(errors)
                .contains(
                        "escalator.yml:2: people.alice.tz: expected a time zone like Europe/Berlin, America/New_York"
                                + " or UTC, got '" + sixty + "'",
                        "escalator.yml:3: people.bob.tz: expected a time zone like Europe/Berlin, America/New_York"
                                + " or UTC, got '" + sixty + "…'");
    }

    /**
     * The "billion laughs": each line a list of nine aliases of the line before, 25 lines, a 9^25-fold expansion for
     * anything that expands aliases. The 101st alias of a list is on line 13.
     */
    @Test
    void aFileOfAliasesPastTheCapIsOneErrorAtTheLineOfTheFirstTooManyReadInBoundedTime() {
        var laughs = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int line = 1; line < 25; line++) {
            String previous = "*l" + (line - 1);
            laughs.append(
                    "l%d: &l%d [%s]\n".formatted(line, line, String.join(", ", Collections.nCopies(9, previous))));
        }

        var errors = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> errorsOf(laughs.toString()));

        assertThat(errors)
                .containsExactly(
                        "escalator.yml:13: more than 100 aliases (*name) of lists or mappings; write the values out"
                                + " instead");
    }

    @Test
    void aFileWithAsManyAliasesOfListsAsTheCapLoadsAndOneMoreIsAnErrorAtItsLine() {
        var yaml = new StringBuilder("""
                people:
                  alice: {slack: U0ALICE}
                paths:
                  p0: {levels: &levels [{notify: [alice], ack_timeout: 5m}]}
                """);
        for (int path = 1; path <= 100; path++) {
            yaml.append("  p%d: {levels: *levels}\n".formatted(path));
        }

        var atTheCap = parse(yaml.toString());
        var pastIt = errorsOf(yaml + "  p101: {levels: *levels}\n");

        assertThat(atTheCap.errors()).isEmpty();
        assertThat(atTheCap.config().orElseThrow().directory().path(new PathId("p100")))
                .isPresent();
        assertThat(pastIt)
                .containsExactly(
                        "escalator.yml:105: more than 100 aliases (*name) of lists or mappings; write the values out"
                                + " instead");
    }
}
