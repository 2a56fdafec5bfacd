package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatRequest;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever Discord hands the decoders (options left out, text where a number or an id belongs, huge text, control
 * characters, sub-commands and button ids nobody defined): a request or a clear refusal, never an exception.
 */
class DiscordHostileInputProperties {

    @Property(tries = 500)
    void anySubcommandWithAnyOptionsDecodesWithoutThrowing(
            @ForAll("subcommands") String subcommand, @ForAll("options") Map<String, String> options) {
        ChatRequest request = SlashRequests.from(subcommand, options);

        assertThat(request).isNotNull();
        if (request instanceof ChatRequest.Invalid invalid) {
            assertThat(invalid.message()).isNotBlank();
        }
    }

    @Property(tries = 2_000)
    void anyButtonIdIsReadOrIgnoredWithoutThrowing(@ForAll("buttonIds") String customId) {
        assertThat(ButtonIds.read(customId)).isNotNull();
    }

    /** The sub-commands the bot registers with Discord, and names it does not. */
    @Provide
    Arbitrary<String> subcommands() {
        var defined = EscalateCommand.definition(List.of()).getSubcommands().stream()
                .map(SubcommandData::getName)
                .toList();
        return Arbitraries.oneOf(Arbitraries.of(defined), Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<Map<String, String>> options() {
        Arbitrary<String> names = Arbitraries.of(
                "id",
                "title",
                "severity",
                "path",
                "by",
                "note",
                "level",
                "reason",
                "user",
                "for",
                "text",
                "scope",
                "window",
                "unknown");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        " ",
                        "ESC-1",
                        "ESC-0",
                        "ESC-99999999999999999999",
                        "esc-x",
                        "-1",
                        "0",
                        "2147483648",
                        "9999999999999999999999",
                        "1.5",
                        "NaN",
                        "30m",
                        "0s",
                        "999999999w",
                        "never",
                        "<@&123>",
                        "@everyone",
                        "123456789012345678",
                        "channel",
                        "mine",
                        "stale",
                        "true",
                        "null",
                        "[]",
                        "{}"),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(8),
                Arbitraries.strings().ofMinLength(5_000).ofMaxLength(10_000));
        return Arbitraries.maps(names, values).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> buttonIds() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        "escalator",
                        "escalator:",
                        "escalator::",
                        "escalator:ack",
                        "escalator:ack:",
                        "escalator:ack:x",
                        "escalator:ack:-1",
                        "escalator:nope:1",
                        "escalator:ack:99999999999999999999",
                        "escalator:ack:1:extra",
                        ":::",
                        "escalator:ACK:1"),
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().ofMaxLength(30).map(rest -> "escalator:" + rest));
    }
}
