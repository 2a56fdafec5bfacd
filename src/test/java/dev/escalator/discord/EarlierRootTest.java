package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A root message posted by an earlier attempt is recognised by its own id at the head of the headline only. */
class EarlierRootTest {
    @Test
    void theIdIsReadFromTheHeadOfTheHeadline() {
        assertThat(DiscordChat.headlineId("**🔴 ESC-12 · sev1 · Checkout is failing**\npath payments"))
                .contains("ESC-12");
    }

    @Test
    void anotherEscalationsIdInTheTitleIsNotTakenForItsOwn() {
        String esc1 = "**🔴 ESC-1 · sev3 · Follow-up to ESC-2 · sev2 · checkout**\npath payments";

        assertThat(DiscordChat.headlineId(esc1)).contains("ESC-1");
    }

    @Test
    void aMessageThatIsNoRootHasNoId() {
        assertThat(DiscordChat.headlineId("see ESC-2 · sev2 · for details")).isEqualTo(Optional.empty());
        assertThat(DiscordChat.headlineId("")).isEmpty();
    }
}
