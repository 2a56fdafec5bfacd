package dev.escalator.config;

import static dev.escalator.config.ConfigText.errorsOf;
import static dev.escalator.config.ConfigText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
