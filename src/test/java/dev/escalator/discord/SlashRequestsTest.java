package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.escalator.chat.ChatRequest;
import dev.escalator.core.EscalationId;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlashRequestsTest {
    static final Optional<EscalationId> ESC_12 = Optional.of(new EscalationId(12));

    @Test
    void openWithEveryOptionBecomesAnOpenRequest() {
        var request = SlashRequests.from(
                "open", Map.of("title", "Checkout is failing", "severity", "1", "path", "payments", "by", "4h"));

        assertThat(request)
                .isEqualTo(new ChatRequest.Open(
                        "Checkout is failing",
                        Severity.of(1),
                        Optional.of(new PathId("payments")),
                        Optional.of(new ChatRequest.DecisionBy.In(Duration.ofHours(4)))));
    }

    @Test
    void openWithoutATitleAsksForTheForm() {
        assertThat(SlashRequests.from("open", Map.of("severity", "2"))).isEqualTo(new ChatRequest.OpenForm());
    }

    @Test
    void aDecisionTimeCanBeAnInstant() {
        var request = (ChatRequest.Open) SlashRequests.from("open", Map.of("title", "x", "by", "2026-11-24T17:00Z"));
        assertThat(request.by()).contains(new ChatRequest.DecisionBy.At(Instant.parse("2026-11-24T17:00:00Z")));
    }

    @Test
    void eachSubCommandCarriesItsOptions() {
        assertThat(SlashRequests.from("ack", Map.of("id", "ESC-12"))).isEqualTo(new ChatRequest.Acknowledge(ESC_12));
        assertThat(SlashRequests.from("resolve", Map.of("id", "12", "note", "rolled back")))
                .isEqualTo(new ChatRequest.Resolve(ESC_12, Optional.of("rolled back")));
        assertThat(SlashRequests.from("up", Map.of("id", "esc-12", "level", "3", "reason", "db")))
                .isEqualTo(new ChatRequest.Escalate(ESC_12, OptionalInt.of(3), Optional.of("db")));
        assertThat(SlashRequests.from("decline", Map.of("reason", "on holiday")))
                .isEqualTo(new ChatRequest.Decline(Optional.empty(), Optional.of("on holiday")));
        assertThat(SlashRequests.from("reassign", Map.of("id", "ESC-12", "user", "333333333333333333")))
                .isEqualTo(new ChatRequest.Reassign(ESC_12, "<@333333333333333333>"));
        assertThat(SlashRequests.from("snooze", Map.of("for", "1h30m")))
                .isEqualTo(new ChatRequest.Snooze(Optional.empty(), Duration.ofMinutes(90)));
        assertThat(SlashRequests.from("note", Map.of("text", "seeing 502s")))
                .isEqualTo(new ChatRequest.Note(Optional.empty(), "seeing 502s"));
        assertThat(SlashRequests.from("reopen", Map.of())).isEqualTo(new ChatRequest.Reopen(Optional.empty()));
        assertThat(SlashRequests.from("status", Map.of("id", "ESC-12"))).isEqualTo(new ChatRequest.Status(ESC_12));
        assertThat(SlashRequests.from("timeline", Map.of())).isEqualTo(new ChatRequest.Timeline(Optional.empty()));
        assertThat(SlashRequests.from("list", Map.of()))
                .isEqualTo(new ChatRequest.ListEscalations(ChatRequest.Scope.CHANNEL));
        assertThat(SlashRequests.from("list", Map.of("scope", "stale")))
                .isEqualTo(new ChatRequest.ListEscalations(ChatRequest.Scope.STALE));
        assertThat(SlashRequests.from("stats", Map.of("path", "payments", "window", "7d")))
                .isEqualTo(new ChatRequest.Stats(Optional.of(new PathId("payments")), Duration.ofDays(7)));
        assertThat(SlashRequests.from("help", Map.of())).isEqualTo(new ChatRequest.Help());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ack      | id  | twelve | is not an escalation id",
                "snooze   | for | soon   | takes a duration",
                "open     | by  | later  | takes a duration",
            })
    void badValuesGetASpecificMessage(String subcommand, String option, String value, String message) {
        var options = new java.util.HashMap<>(Map.of(option, value));
        options.put("title", "x");
        assertThat(SlashRequests.from(subcommand, options))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.type(ChatRequest.Invalid.class))
                .extracting(ChatRequest.Invalid::message)
                .asString()
                .contains(message);
    }

    @Test
    void optionsAreReadFromTheEventAsText() {
        var event = mock(SlashCommandInteractionEvent.class);
        var title = option("title", "Checkout is failing");
        var user = option("user", "333333333333333333");
        when(event.getOptions()).thenReturn(List.of(title, user));

        assertThat(DiscordListener.options(event))
                .isEqualTo(Map.of("title", "Checkout is failing", "user", "333333333333333333"));
    }

    private static OptionMapping option(String name, String value) {
        var option = mock(OptionMapping.class);
        when(option.getName()).thenReturn(name);
        when(option.getAsString()).thenReturn(value);
        return option;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"999d", "soon", "0d"})
    void aStatsWindowDiscordDidNotOfferIsRefusedInDiscordsSyntax(String window) {
        assertThat(SlashRequests.from("stats", Map.of("window", window)))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.type(ChatRequest.Invalid.class))
                .extracting(ChatRequest.Invalid::message)
                .asString()
                .contains("/escalate stats [path:NAME] [window:7d|30d|90d]");
    }

    @Test
    void aListScopeDiscordDidNotOfferIsRefused() {
        assertThat(SlashRequests.from("list", Map.of("scope", "everything"))).isInstanceOf(ChatRequest.Invalid.class);
    }

    @Test
    void whatToWriteIsSaidInDiscordsSyntax() {
        assertThat(SlashRequests.from("snooze", Map.of("for", "soon")))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.type(ChatRequest.Invalid.class))
                .extracting(ChatRequest.Invalid::message)
                .asString()
                .contains("`/escalate snooze id:ESC-12 for:30m`");
    }
}
