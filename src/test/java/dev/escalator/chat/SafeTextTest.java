package dev.escalator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ping <!channel> now       | <!channel>
            ping <!here> now          | <!here>
            ping <!everyone> now      | <!everyone>
            ping <!here|here> now     | <!here
            ping <!subteam^S0DBA|@dba> | <!subteam
            <!date^1392734382^{date}|x> | <!date
            @channel look             | @channel
            @here look                | @here
            """)
    void userTextNeverMentionsAWholeSlackChannelOrGroup(String text, String forbidden) {
        String safe = SafeText.neutralise(text, Platform.SLACK);

        assertThat(safe).doesNotContain(forbidden);
    }

    @Test
    void slackPersonMentionsStayMentions() {
        assertThat(SafeText.neutralise("ask <@U0BOB>", Platform.SLACK)).isEqualTo("ask <@U0BOB>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hey @everyone          | @everyone
            hey @here              | @here
            hey <@&123456789> team | <@&
            """)
    void userTextNeverMentionsEveryoneOrARoleOnDiscord(String text, String forbidden) {
        assertThat(SafeText.neutralise(text, Platform.DISCORD)).doesNotContain(forbidden);
    }

    @Test
    void neutralisedWordsStayReadable() {
        assertThat(SafeText.neutralise("hey @everyone", Platform.DISCORD).replace("\u2060", ""))
                .isEqualTo("hey @everyone");
    }

    @Test
    void longTextIsCutWithAVisibleEllipsisToExactlyTheLimit() {
        String cut = TextLimit.SLACK_BLOCK.cut("x".repeat(5_000));

        assertThat(cut).hasSize(TextLimit.SLACK_BLOCK.chars()).endsWith("…");
    }

    @Test
    void shortTextIsLeftAlone() {
        assertThat(SafeText.cut("fine", 10)).isEqualTo("fine");
    }

    @Test
    void cuttingNeverSplitsAnEmoji() {
        String cut = SafeText.cut("a" + "😀".repeat(10), 4);

        assertThat(cut).isEqualTo("a😀…");
    }
}
