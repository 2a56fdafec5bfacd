package dev.escalator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatRequest.DecisionBy;
import dev.escalator.core.EscalationId;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code /escalate} grammar of SPEC §5, as typed on Slack. */
class CommandLineTest {
    static final Optional<EscalationId> ESC_12 = Optional.of(new EscalationId(12));

    static Stream<Arguments> understood() {
        return Stream.of(
                Arguments.of("", new ChatRequest.OpenForm()),
                Arguments.of("   ", new ChatRequest.OpenForm()),
                Arguments.of("Checkout is failing", open("Checkout is failing")),
                Arguments.of(
                        "Checkout is failing sev:1 path:payments",
                        new ChatRequest.Open(
                                "Checkout is failing",
                                Severity.of(1),
                                Optional.of(new PathId("payments")),
                                Optional.empty())),
                Arguments.of(
                        "DB down by:4h",
                        new ChatRequest.Open(
                                "DB down",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(new DecisionBy.In(Duration.ofHours(4))))),
                Arguments.of(
                        "DB down by:2026-11-24T17:00Z",
                        new ChatRequest.Open(
                                "DB down",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(new DecisionBy.At(Instant.parse("2026-11-24T17:00:00Z"))))),
                Arguments.of("\"ack the alert storm\"", open("ack the alert storm")),
                Arguments.of("Help needed with the deploy", open("Help needed with the deploy")),
                Arguments.of("listing is broken", open("listing is broken")),
                Arguments.of("list exports are empty", open("list exports are empty")),
                Arguments.of("\"list everything\"", open("list everything")),
                Arguments.of("ack ESC-12", new ChatRequest.Acknowledge(ESC_12)),
                Arguments.of("ACK esc-12", new ChatRequest.Acknowledge(ESC_12)),
                Arguments.of("ack 12", new ChatRequest.Acknowledge(ESC_12)),
                Arguments.of("resolve ESC-12", new ChatRequest.Resolve(ESC_12, Optional.empty())),
                Arguments.of(
                        "resolve ESC-12 rolled back v2",
                        new ChatRequest.Resolve(ESC_12, Optional.of("rolled back v2"))),
                Arguments.of("up ESC-12", new ChatRequest.Escalate(ESC_12, OptionalInt.empty(), Optional.empty())),
                Arguments.of(
                        "up ESC-12 to:3 need a DBA",
                        new ChatRequest.Escalate(ESC_12, OptionalInt.of(3), Optional.of("need a DBA"))),
                Arguments.of(
                        "up ESC-12 nobody answers",
                        new ChatRequest.Escalate(ESC_12, OptionalInt.empty(), Optional.of("nobody answers"))),
                Arguments.of("decline ESC-12 on a plane", new ChatRequest.Decline(ESC_12, Optional.of("on a plane"))),
                Arguments.of("reassign ESC-12 <@U0BOB|bob>", new ChatRequest.Reassign(ESC_12, "<@U0BOB|bob>")),
                Arguments.of("snooze ESC-12 30m", new ChatRequest.Snooze(ESC_12, Duration.ofMinutes(30))),
                Arguments.of("snooze ESC-12 1h30m", new ChatRequest.Snooze(ESC_12, Duration.ofMinutes(90))),
                Arguments.of("note ESC-12 seeing 502s <!here>", new ChatRequest.Note(ESC_12, "seeing 502s <!here>")),
                Arguments.of("reopen ESC-12", new ChatRequest.Reopen(ESC_12)),
                Arguments.of("status ESC-12", new ChatRequest.Status(ESC_12)),
                Arguments.of("timeline ESC-12", new ChatRequest.Timeline(ESC_12)),
                Arguments.of("list", new ChatRequest.ListEscalations(ChatRequest.Scope.CHANNEL)),
                Arguments.of("list mine", new ChatRequest.ListEscalations(ChatRequest.Scope.MINE)),
                Arguments.of("list all", new ChatRequest.ListEscalations(ChatRequest.Scope.ALL)),
                Arguments.of("list stale", new ChatRequest.ListEscalations(ChatRequest.Scope.STALE)),
                Arguments.of("stats", new ChatRequest.Stats(Optional.empty(), Duration.ofDays(30))),
                Arguments.of(
                        "stats payments 7d",
                        new ChatRequest.Stats(Optional.of(new PathId("payments")), Duration.ofDays(7))),
                Arguments.of("stats 90d", new ChatRequest.Stats(Optional.empty(), Duration.ofDays(90))),
                Arguments.of("help", new ChatRequest.Help()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("understood")
    void textIsUnderstoodAsTheSpecSays(String text, ChatRequest expected) {
        assertThat(CommandLine.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "ack",
                "ack the alert",
                "resolve",
                "up ESC-12 to:three",
                "snooze ESC-12",
                "snooze ESC-12 soon",
                "snooze ESC-12 0s",
                "note ESC-12",
                "reassign ESC-12",
                "Checkout sev:5",
                "Checkout sev:x",
                "Checkout by:someday",
                "sev:2",
                "stats payments 7d extra",
                "stats 999d",
                "status ESC-0",
                "list open",
                "list everything"
            })
    void badArgumentsGetASpecificMessageAndOpenNothing(String text) {
        ChatRequest parsed = CommandLine.parse(text);

        assertThat(parsed).isInstanceOf(ChatRequest.Invalid.class);
        assertThat(((ChatRequest.Invalid) parsed).message()).isNotBlank().contains("`");
    }

    @org.junit.jupiter.api.Test
    void oneUnknownWordAfterListIsAMistypedScopeNotATitleThatWouldPagePeople() {
        ChatRequest parsed = CommandLine.parse("list open");

        assertThat(parsed)
                .isInstanceOfSatisfying(
                        ChatRequest.Invalid.class,
                        invalid -> assertThat(invalid.message())
                                .contains("`list` takes `mine`, `all` or `stale`; got `open`.")
                                .contains("put the title in quotes"));
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(
            strings = {
                "\u0000\u0001\u0007",
                "ack ESC-99999999999999999999",
                "\t\n\r",
                "sev:1 sev:2 path:a path:b t",
                "by:1h by:2h title",
                "“smart quotes”",
                "up ESC-1 to:999999999999"
            })
    void oddInputNeverThrows(String text) {
        assertThat(CommandLine.parse(text)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void aHugeTitleIsAcceptedAndLeftToBeCutWhenPosted() {
        ChatRequest parsed = CommandLine.parse("x".repeat(50_000));

        assertThat(parsed)
                .isInstanceOfSatisfying(
                        ChatRequest.Open.class, open -> assertThat(open.title()).hasSize(CommandLine.LONGEST_INPUT));
    }

    private static ChatRequest.Open open(String title) {
        return new ChatRequest.Open(title, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
