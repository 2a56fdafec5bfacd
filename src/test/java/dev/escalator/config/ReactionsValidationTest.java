package dev.escalator.config;

import static dev.escalator.config.ConfigText.errorsOf;
import static dev.escalator.config.ConfigText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReactionsValidationTest {
    private static final String PEOPLE_AND_PATH = """
            people:
              alice: {slack: U0ALICE}
            paths:
              p: {levels: [{notify: [alice], ack_timeout: 5m}]}
            """;

    @Test
    void aReactionLeftOutOfTheConfigKeepsItsDefaultAndASingleNameNeedsNoList() {
        var result = parse(PEOPLE_AND_PATH + "reactions: {ack: raised_hand}\n");

        var reactions = result.config().orElseThrow().reactions();
        assertThat(reactions.names())
                .isEqualTo(Map.of(
                        Action.ACKNOWLEDGE, List.of("raised_hand"),
                        Action.RESOLVE, List.of("white_check_mark"),
                        Action.ESCALATE, List.of("arrow_up"),
                        Action.DECLINE, List.of("x")));
        assertThat(reactions.actionFor("eyes")).isEmpty();
    }

    static Stream<Arguments> mistakesInReactions() {
        return Stream.of(
                Arguments.of(
                        "unknown action",
                        "reactions: {ack: [eyes], snooze: [zzz]}",
                        "escalator.yml:5: reactions.snooze: unknown key 'snooze' (allowed: ack, resolve, escalate,"
                                + " decline)"),
                Arguments.of(
                        "one emoji for two actions",
                        "reactions:\n  ack: [eyes]\n  escalate: [arrow_up, \"👀\"]",
                        "escalator.yml:7: reactions.escalate[1]: '👀' already means ack (line 6); an emoji can do one"
                                + " action"),
                Arguments.of(
                        "an emoji that is also another action's default",
                        "reactions: {ack: [white_check_mark]}",
                        "escalator.yml:5: reactions.ack[0]: 'white_check_mark' is also the default resolve reaction;"
                                + " set reactions.resolve to another emoji"),
                Arguments.of(
                        "no emoji for an action",
                        "reactions: {decline: []}",
                        "escalator.yml:5: reactions.decline: is empty; expected an emoji name like eyes, or a list of"
                                + " them like [eyes, raised_hand]"),
                Arguments.of(
                        "an emoji name with a space",
                        "reactions: {ack: [white check mark]}",
                        "escalator.yml:5: reactions.ack[0]: expected an emoji name like eyes, or a list of them like"
                                + " [eyes, raised_hand], got 'white check mark'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakesInReactions")
    void aMistakeInReactionsIsReportedAtItsLine(String mistake, String reactions, String expected) {
        assertThat(errorsOf(PEOPLE_AND_PATH + reactions)).containsExactly(expected);
    }
}
