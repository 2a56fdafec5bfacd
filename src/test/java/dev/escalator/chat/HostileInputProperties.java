package dev.escalator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Platform;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Whatever people type, the grammar and the text guards answer: no exception, no broad mention, no overlong post. */
class HostileInputProperties {

    @Property(tries = 2_000)
    void anyTextParsesToARequestWithoutThrowing(@ForAll("typed") String text) {
        ChatRequest request = CommandLine.parse(text);

        assertThat(request).isNotNull();
        if (request instanceof ChatRequest.Open open) {
            assertThat(open.title()).isNotBlank();
        }
        if (request instanceof ChatRequest.Invalid invalid) {
            assertThat(invalid.message()).isNotBlank();
        }
    }

    @Property(tries = 2_000)
    void slackTextNeverKeepsABroadMention(@ForAll("typed") String text) {
        String safe = SafeText.neutralise(text, Platform.SLACK).toLowerCase(java.util.Locale.ROOT);

        assertThat(safe)
                .doesNotContain("<!channel", "<!here", "<!everyone", "<!subteam")
                .doesNotContainPattern("@(channel|here|everyone)");
    }

    @Property(tries = 2_000)
    void discordTextNeverKeepsEveryoneHereOrARoleMention(@ForAll("typed") String text) {
        String safe = SafeText.neutralise(text, Platform.DISCORD);

        assertThat(safe).doesNotContain("<@&").doesNotContainPattern("(?i)@(everyone|here)");
    }

    @Property(tries = 1_000)
    void cutTextFitsTheLimitAndKeepsItsStart(
            @ForAll("typed") String text, @ForAll @IntRange(min = 2, max = 300) int limit) {
        String cut = SafeText.cut(text, limit);

        assertThat(cut.length()).isLessThanOrEqualTo(limit);
        if (text.length() <= limit) {
            assertThat(cut).isEqualTo(text);
        } else {
            assertThat(cut).endsWith(SafeText.ELLIPSIS);
            assertThat(text).startsWith(cut.substring(0, cut.length() - SafeText.ELLIPSIS.length()));
        }
    }

    @Property(tries = 50)
    void hugeTextIsHandled(@ForAll @StringLength(min = 10_000, max = 60_000) String text) {
        assertThat(CommandLine.parse(text)).isNotNull();
        assertThat(TextLimit.SLACK_MESSAGE
                        .cut(SafeText.neutralise(text, Platform.SLACK))
                        .length())
                .isLessThanOrEqualTo(TextLimit.SLACK_MESSAGE.chars());
    }

    /** Text as people and attackers type it: words of the grammar, options, mentions, control characters, emoji. */
    @Provide
    Arbitrary<String> typed() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(
                        "ack",
                        "resolve",
                        "up",
                        "decline",
                        "reassign",
                        "snooze",
                        "note",
                        "reopen",
                        "status",
                        "list",
                        "stats",
                        "timeline",
                        "help",
                        "mine",
                        "all",
                        "stale"),
                Arbitraries.of(
                        "ESC-1",
                        "esc-0",
                        "ESC-99999999999999999999",
                        "12",
                        "-3",
                        "to:2",
                        "to:x",
                        "sev:1",
                        "sev:9",
                        "path:payments",
                        "path:",
                        "by:4h",
                        "by:2026-11-24T17:00Z",
                        "by:never",
                        "30m",
                        "1h30m",
                        "0s",
                        "999999999w"),
                Arbitraries.of(
                        "<!channel>",
                        "<!here|here>",
                        "<!everyone>",
                        "<!subteam^S0DBA|@dba>",
                        "@here",
                        "@everyone",
                        "@channel",
                        "<@U0BOB>",
                        "<@&123>",
                        "<@!456>",
                        "\"",
                        "“",
                        "”",
                        "*",
                        "`",
                        "<",
                        ">",
                        "&"),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(4),
                Arbitraries.of("😀", "👀", "⬆️", "\uD83D", "\u2060", "\u200b"));
        return pieces.list().ofMaxSize(12).map(words -> String.join(" ", words));
    }
}
