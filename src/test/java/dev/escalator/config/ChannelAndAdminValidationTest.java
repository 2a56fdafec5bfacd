package dev.escalator.config;

import static dev.escalator.config.ConfigText.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelAndAdminValidationTest {
    private static final String PEOPLE_AND_PATH = """
            people:
              alice: {slack: U0ALICE, discord: "111111111111111111"}
            paths:
              payments: {levels: [{notify: [alice], ack_timeout: 5m}]}
            """;

    /** What a case adds starts on line 5, right after the people and the path. */
    static Stream<Arguments> mistakesInChannelsAndAdmins() {
        return Stream.of(
                Arguments.of(
                        "channel bound to an unknown path",
                        """
                        channels:
                          - {slack: C0PAY, path: payment}
                        """,
                        "escalator.yml:6: channels[0].path: unknown path 'payment' (known: payments)"),
                Arguments.of(
                        "the same channel bound twice",
                        """
                        channels:
                          - {slack: C0PAY, path: payments}
                          - {discord: "222222222222222222", path: payments}
                          - {slack: C0PAY, path: payments}
                        """,
                        "escalator.yml:8: channels[2]: Slack channel C0PAY is already bound on line 6 (channels[0]);"
                                + " bind each channel once"),
                Arguments.of(
                        "a channel on both platforms",
                        """
                        channels:
                          - {slack: C0PAY, discord: "222222222222222222", path: payments}
                        """,
                        "escalator.yml:6: channels[0]: gives both slack and discord; a channel is on exactly one"
                                + " platform, give one"),
                Arguments.of(
                        "a binding without a channel",
                        """
                        channels:
                          - {path: payments}
                        """,
                        "escalator.yml:6: channels[0]: names no channel: give slack (a channel id like C0PAY) or"
                                + " discord (a channel id like \"222222222222222222\")"),
                Arguments.of(
                        "a binding without a path",
                        """
                        channels:
                          - {slack: C0PAY}
                        """,
                        "escalator.yml:6: channels[0]: missing 'path': the name of a path"),
                Arguments.of(
                        "a Discord channel by name",
                        """
                        channels:
                          - {discord: payments, path: payments}
                        """,
                        "escalator.yml:6: channels[0].discord: expected a Discord channel id: digits, like"
                                + " \"222222222222222222\", got 'payments'"),
                Arguments.of(
                        "unknown key in a binding",
                        """
                        channels:
                          - {slack: C0PAY, path: payments, severity: 1}
                        """,
                        "escalator.yml:6: channels[0].severity: unknown key 'severity' (allowed: slack, discord, path)"),
                Arguments.of(
                        "channels as a mapping",
                        """
                        channels:
                          C0PAY: payments
                        """,
                        "escalator.yml:5: channels: expected a list of channel bindings, like [{slack: C0PAY, path:"
                                + " payments}, {discord: \"2222\", path: payments}], got a mapping"),
                Arguments.of("unknown admin", """
                        admins: [alice, root]
                        """, "escalator.yml:5: admins[1]: unknown person 'root' (known: alice)"),
                Arguments.of(
                        "admins as a single name",
                        """
                        admins: alice
                        """,
                        "escalator.yml:5: admins: expected a list of people, like [alice], got 'alice'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakesInChannelsAndAdmins")
    void aMistakeInChannelsOrAdminsIsReportedAtItsLineWithWhatIsAllowed(
            String mistake, String section, String expected) {
        assertThat(errorsOf(PEOPLE_AND_PATH + section)).containsExactly(expected);
    }
}
