package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.PathId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenFormTest {

    @Test
    void theSubmittedFieldsAndTheFirstPagesChoicesBecomeTheTitleAndTheBrief() {
        Map<String, String> typed = Map.of("title", "DB down", "wrong", "502s", "tried", "restart", "help", "a DBA");
        var draft = new OpenForm.Draft(2, Optional.of("4h"), Optional.of("payments"));

        var input = OpenForm.input(draft, field -> Optional.ofNullable(typed.get(field)));

        assertThat(input.title()).isEqualTo("DB down");
        assertThat(input.whatIsWrong()).contains("502s");
        assertThat(input.impact()).isEmpty();
        assertThat(input.tried()).contains("restart");
        assertThat(input.helpNeeded()).contains("a DBA");
        assertThat(input.decisionBy()).contains("4h");
        assertThat(input.severity()).contains("2");
        assertThat(input.path()).contains("payments");
    }

    @Test
    void theModalFitsDiscordsFiveFields() {
        assertThat(OpenForm.modal(OpenForm.Draft.EMPTY).getComponents()).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void inAChannelWithNoPathTheFirstPageAsksForOneAndWaitsForIt() {
        var start = OpenForm.start(Map.of(), List.of(new PathId("payments"), new PathId("search")));

        assertThat(start).isInstanceOf(OpenForm.Start.Page.class);
        var page = (OpenForm.Start.Page) start;
        assertThat(page.rows()).hasSize(4);
        var pathMenu = (net.dv8tion.jda.api.components.selections.StringSelectMenu)
                page.rows().get(1).getActionComponents().getFirst();
        assertThat(pathMenu.getCustomId()).startsWith("escalator-form:path:");
        assertThat(pathMenu.getOptions())
                .extracting(net.dv8tion.jda.api.components.selections.SelectOption::getValue)
                .containsExactly("payments", "search");
        assertThat(page.rows().getLast().getButtons().getFirst().isDisabled())
                .as("no path chosen yet")
                .isTrue();
        var chosen = OpenForm.page(OpenForm.Draft.EMPTY.with(OpenForm.PATH, "search"), List.of(new PathId("search")));
        assertThat(chosen.rows().getLast().getButtons().getFirst().isDisabled()).isFalse();
    }

    @Test
    void aDraftSurvivesItsCustomId() {
        var draft = new OpenForm.Draft(1, Optional.of("2026-11-24T17:00Z"), Optional.of("pay-ments"));

        assertThat(OpenForm.draftIn(OpenForm.MODAL + draft.encoded(), OpenForm.MODAL))
                .contains(draft);
        assertThat(OpenForm.pageComponent(OpenForm.PAGE + OpenForm.BY + ":" + draft.encoded()))
                .contains(Map.entry(OpenForm.BY, draft));
        assertThat(OpenForm.pageComponent("escalator:ack:1")).isEmpty();
    }

    @Test
    void aBadDeadlineTypedWithTheCommandIsToldInDiscordsSyntax() {
        assertThat(OpenForm.start(Map.of("by", "later"), List.of()))
                .isInstanceOfSatisfying(
                        OpenForm.Start.Problem.class,
                        problem -> assertThat(problem.text()).contains("/escalate open [title:…]"));
    }
}
