package dev.escalator.config;

import static dev.escalator.config.ConfigText.errorsOf;
import static dev.escalator.config.ConfigText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PeopleValidationTest {
    /** Every case has a valid path after the people, so the only error is the one the case is about. */
    private static final String PATH = """
            paths:
              p: {levels: [{notify: [alice], ack_timeout: 5m}]}
            """;

    static Stream<Arguments> mistakesInPeople() {
        return Stream.of(
                Arguments.of(
                        "unknown key",
                        """
                        people:
                          alice: {slack: U0ALICE, slak: U0X}
                        """,
                        "escalator.yml:2: people.alice.slak: unknown key 'slak' (allowed: slack, discord, tz, dm)"),
                Arguments.of(
                        "Slack name instead of a user id",
                        """
                        people:
                          alice: {slack: alice}
                        """,
                        "escalator.yml:2: people.alice.slack: expected a Slack user id like U0ALICE (U or W, then"
                                + " capitals and digits), got 'alice'"),
                Arguments.of(
                        "Discord id that is not digits",
                        """
                        people:
                          alice:
                            discord: "@alice"
                        """,
                        "escalator.yml:3: people.alice.discord: expected a Discord user id: digits, like"
                                + " \"111111111111111111\", got '@alice'"),
                Arguments.of(
                        "Discord id beyond 64 bits",
                        """
                        people:
                          alice: {discord: "99999999999999999999"}
                        """,
                        "escalator.yml:2: people.alice.discord: expected a Discord user id: digits, like"
                                + " \"111111111111111111\", got '99999999999999999999'"),
                Arguments.of(
                        "unknown time zone",
                        """
                        people:
                          alice: {slack: U0ALICE, tz: Berlin}
                        """,
                        "escalator.yml:2: people.alice.tz: expected a time zone like Europe/Berlin, America/New_York"
                                + " or UTC, got 'Berlin'"),
                Arguments.of(
                        "no account",
                        """
                        people:
                          alice: {tz: Europe/Berlin}
                        """,
                        "escalator.yml:2: people.alice: has no chat account, so the bot could never tag them: give"
                                + " slack (a user id like U0ALICE), discord (a user id like \"111111111111111111\") or"
                                + " both"),
                Arguments.of(
                        "a person written as a plain id",
                        """
                        people:
                          alice: U0ALICE
                        """,
                        "escalator.yml:2: people.alice: expected a mapping with slack, discord, tz, dm, got 'U0ALICE'"),
                Arguments.of(
                        "people as a list",
                        """
                        people:
                          - alice
                        """,
                        "escalator.yml:1: people: expected a mapping of people, like {alice: {slack: U0ALICE}}, got a"
                                + " list"),
                Arguments.of(
                        "a list where an id belongs",
                        """
                        people:
                          alice: {slack: [U0ALICE]}
                        """,
                        "escalator.yml:2: people.alice.slack: expected a Slack user id like U0ALICE (U or W, then"
                                + " capitals and digits), got a list"),
                Arguments.of(
                        "the same person twice",
                        """
                        people:
                          alice: {slack: U0ALICE}
                          alice: {slack: U0ALICE2}
                        """,
                        "escalator.yml:3: people.alice: is given twice; the first is on line 2"),
                Arguments.of(
                        "a name with a space",
                        """
                        people:
                          alice: {slack: U0ALICE}
                          alice smith: {slack: U0SMITH}
                        """,
                        "escalator.yml:3: people.alice smith: 'alice smith' cannot be a person name: use letters,"
                                + " digits, '.', '_' and '-'"),
                Arguments.of(
                        "dm that is not true or false",
                        """
                        people:
                          alice:
                            slack: U0ALICE
                            dm: no thanks
                        """,
                        "escalator.yml:4: people.alice.dm: expected true or false, got 'no thanks'"),
                Arguments.of(
                        "dm as a list", """
                        people:
                          alice: {slack: U0ALICE, dm: [false]}
                        """, "escalator.yml:2: people.alice.dm: expected true or false, got a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakesInPeople")
    void aMistakeInAPersonIsReportedAtItsLineWithWhatIsAllowed(String mistake, String people, String expected) {
        assertThat(errorsOf(people + PATH)).containsExactly(expected);
    }

    @Test
    void anUnquotedDiscordIdKeepsAllItsDigits() {
        var result = parse("""
                people:
                  alice: {discord: 123456789012345679}
                """ + PATH);

        assertThat(result.errors()).isEmpty();
        assertThat(result.config()
                        .orElseThrow()
                        .directory()
                        .person(new PersonId("alice"))
                        .orElseThrow()
                        .accountOn(Platform.DISCORD))
                .contains("123456789012345679");
    }

    @Test
    void directMessagesAreOnUnlessAPersonSaysDmFalse() {
        var result = parse("""
                people:
                  alice: {slack: U0ALICE}
                  carol: {discord: "333333333333333333", dm: false}
                  dave: {slack: U0DAVE, dm: true}
                """ + PATH);

        assertThat(result.errors()).isEmpty();
        var directory = result.config().orElseThrow().directory();
        assertThat(directory.person(new PersonId("alice")).orElseThrow().directMessages())
                .isTrue();
        assertThat(directory.person(new PersonId("carol")).orElseThrow().directMessages())
                .isFalse();
        assertThat(directory.person(new PersonId("dave")).orElseThrow().directMessages())
                .isTrue();
    }
}
