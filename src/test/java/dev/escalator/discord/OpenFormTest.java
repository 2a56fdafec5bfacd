package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenFormTest {

    @Test
    void theSubmittedFieldsBecomeTheTitleAndTheBrief() {
        Map<String, String> typed = Map.of("title", "DB down", "wrong", "502s", "help", "a DBA", "by", "4h");

        var input = OpenForm.input(field -> Optional.ofNullable(typed.get(field)));

        assertThat(input.title()).isEqualTo("DB down");
        assertThat(input.whatIsWrong()).contains("502s");
        assertThat(input.impact()).isEmpty();
        assertThat(input.helpNeeded()).contains("a DBA");
        assertThat(input.decisionBy()).contains("4h");
    }

    @Test
    void theFormFitsDiscordsFiveFields() {
        assertThat(OpenForm.modal().getComponents()).hasSizeLessThanOrEqualTo(5);
    }
}
