package dev.escalator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReactionsTest {
    static Stream<Arguments> defaultReactions() {
        return Stream.of(
                Arguments.of("eyes", Action.ACKNOWLEDGE),
                Arguments.of(":eyes:", Action.ACKNOWLEDGE),
                Arguments.of("👀", Action.ACKNOWLEDGE),
                Arguments.of("white_check_mark", Action.RESOLVE),
                Arguments.of("✅", Action.RESOLVE),
                Arguments.of("arrow_up", Action.ESCALATE),
                Arguments.of("⬆\uFE0F", Action.ESCALATE),
                Arguments.of("⬆", Action.ESCALATE),
                Arguments.of("x", Action.DECLINE),
                Arguments.of("❌", Action.DECLINE));
    }

    @ParameterizedTest(name = "{0} does {1}")
    @MethodSource("defaultReactions")
    void defaultReactionsMatchSlackNamesAndDiscordUnicode(String reaction, Action action) {
        assertThat(Reactions.DEFAULT.actionFor(reaction)).contains(action);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tada", "🎉", "heavy_check_mark", "✔\uFE0F", "eye", "", "  ", ":", "rotation:eyes"})
    void otherReactionsDoNothing(String reaction) {
        assertThat(Reactions.DEFAULT.actionFor(reaction)).isEmpty();
    }

    static Stream<Arguments> configuredReactions() {
        return Stream.of(
                Arguments.of("thumbsup", Action.ACKNOWLEDGE),
                Arguments.of("+1", Action.ACKNOWLEDGE),
                Arguments.of(":+1::skin-tone-2:", Action.ACKNOWLEDGE),
                Arguments.of("thumbsup::skin-tone-5", Action.ACKNOWLEDGE),
                Arguments.of("👍", Action.ACKNOWLEDGE),
                Arguments.of("👍🏽", Action.ACKNOWLEDGE),
                Arguments.of("raised_hand", Action.ACKNOWLEDGE),
                Arguments.of("hand", Action.ACKNOWLEDGE),
                Arguments.of("✋🏿", Action.ACKNOWLEDGE),
                Arguments.of("heavy_check_mark", Action.RESOLVE),
                Arguments.of("✔\uFE0F", Action.RESOLVE),
                Arguments.of("✔", Action.RESOLVE),
                Arguments.of("ok", Action.RESOLVE),
                Arguments.of("🆗", Action.RESOLVE),
                Arguments.of("rotating_light", Action.ESCALATE),
                Arguments.of("🚨", Action.ESCALATE),
                Arguments.of("fire", Action.ESCALATE),
                Arguments.of("🔥", Action.ESCALATE),
                Arguments.of("no_entry_sign", Action.DECLINE),
                Arguments.of("🚫", Action.DECLINE),
                Arguments.of("party_parrot", Action.DECLINE),
                Arguments.of(":Party_Parrot:", Action.DECLINE));
    }

    @ParameterizedTest(name = "{0} does {1}")
    @MethodSource("configuredReactions")
    void configuredReactionsMatchAliasesSkinTonesAndUnicode(String reaction, Action action) {
        var reactions = new Reactions(Map.of(
                Action.ACKNOWLEDGE, List.of("thumbsup", "raised_hand"),
                Action.RESOLVE, List.of(":heavy_check_mark:", "ok"),
                Action.ESCALATE, List.of("rotating_light", "fire"),
                Action.DECLINE, List.of("no_entry_sign", "party_parrot")));

        assertThat(reactions.actionFor(reaction)).contains(action);
    }

    @Test
    void defaultReactionsListTheirUnicodeForDiscord() {
        assertThat(Reactions.DEFAULT.unicodeForms())
                .isEqualTo(Map.of(
                        Action.ACKNOWLEDGE, List.of("👀"),
                        Action.RESOLVE, List.of("✅"),
                        Action.ESCALATE, List.of("⬆\uFE0F"),
                        Action.DECLINE, List.of("❌")));
    }

    @Test
    void customEmojiHaveNoUnicodeAndAreLeftOutOfTheUnicodeForms() {
        var reactions = new Reactions(Map.of(Action.ACKNOWLEDGE, List.of("party_parrot", "+1", "thumbsup", "✋")));

        assertThat(reactions.unicodeFor(Action.ACKNOWLEDGE)).containsExactly("👍", "✋");
        assertThat(reactions.unicodeFor(Action.RESOLVE)).isEmpty();
        assertThat(reactions.unicodeForms()).containsOnlyKeys(Action.ACKNOWLEDGE);
        assertThat(reactions.actionFor("raised_hand")).isEqualTo(Optional.of(Action.ACKNOWLEDGE));
    }
}
