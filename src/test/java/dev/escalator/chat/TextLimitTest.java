package dev.escalator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Platform;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TextLimitTest {

    static List<String> entries(int count, int length) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> ("entry " + n + " ").repeat(length).substring(0, length))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(TextLimit.class)
    void aTimelineThatDoesNotFitKeepsItsNewestEntriesAndSaysHowManyEarlierOnesWereLeftOut(TextLimit limit) {
        List<String> timeline = entries(40, 250);

        String fitted = limit.newestLast(timeline);

        assertThat(fitted.length()).isLessThanOrEqualTo(limit.chars());
        List<String> lines = fitted.lines().toList();
        assertThat(lines.getLast()).isEqualTo(timeline.getLast());
        int shown = lines.size() - 1;
        assertThat(lines.getFirst()).isEqualTo("… %d earlier entries not shown".formatted(40 - shown));
        List<String> whole = timeline.subList(40 - shown + 1, 40);
        assertThat(lines.subList(2, lines.size())).as("the newest, whole").isEqualTo(whole);
        String partial = lines.get(1);
        assertThat(timeline.get(40 - shown)).as("the next older one, cut").startsWith(partial.replace("…", ""));
        assertThat(partial).endsWith("…");
    }

    @Test
    void aLongBriefPostedWithItsFirstTagIsShortenedNotLost() {
        List<String> post = List.of("What is wrong: " + "x".repeat(4_000), "🔔 <@111>: level 1/2.");

        String fitted = TextLimit.DISCORD_MESSAGE.newestLast(post);

        assertThat(fitted)
                .hasSizeLessThanOrEqualTo(2000)
                .startsWith("What is wrong: xxx")
                .endsWith("level 1/2.");
        assertThat(fitted).contains("…\n🔔").doesNotContain("not shown");
    }

    @Test
    void aListNewestFirstKeepsItsHeadAndSaysHowManyOlderOnesWereLeftOut() {
        List<String> list = entries(30, 100);

        String fitted = TextLimit.DISCORD_MESSAGE.newestFirst(list);

        assertThat(fitted.length()).isLessThanOrEqualTo(2000);
        List<String> lines = fitted.lines().toList();
        assertThat(lines.getFirst()).isEqualTo(list.getFirst());
        assertThat(lines.getLast()).matches("… \\d+ older entries not shown");
    }

    @Test
    void whatFitsIsLeftAsItIs() {
        List<String> timeline = entries(3, 20);

        assertThat(TextLimit.SLACK_MESSAGE.newestLast(timeline)).isEqualTo(String.join("\n", timeline));
        assertThat(TextLimit.SLACK_MESSAGE.newestFirst(timeline)).isEqualTo(String.join("\n", timeline));
    }

    @Test
    void aNewestEntryTooLongEvenAloneIsCutWithAnEllipsis() {
        List<String> timeline = List.of("old", "x".repeat(5_000));

        String fitted = TextLimit.DISCORD_MESSAGE.newestLast(timeline);

        assertThat(fitted)
                .hasSizeLessThanOrEqualTo(2000)
                .startsWith("… 1 earlier entry not shown\nxxx")
                .endsWith("…");
    }

    @Test
    void eachPlatformHasItsMessageLimit() {
        assertThat(TextLimit.messageOn(Platform.SLACK).chars()).isEqualTo(4000);
        assertThat(TextLimit.messageOn(Platform.DISCORD).chars()).isEqualTo(2000);
        assertThat(TextLimit.SLACK_BLOCK.chars()).isEqualTo(3000);
        assertThat(TextLimit.SLACK_MESSAGE.cut("y".repeat(4001))).hasSize(4000).endsWith("…");
    }
}
