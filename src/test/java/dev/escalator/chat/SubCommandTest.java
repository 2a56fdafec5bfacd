package dev.escalator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.Reactions;
import dev.escalator.core.Platform;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubCommandTest {

    @ParameterizedTest
    @EnumSource(SubCommand.class)
    void everySubCommandWrittenAsSlacksUsageSaysIsUnderstoodOnSlack(SubCommand sub) {
        String typed = Usage.of(sub, Platform.SLACK)
                .substring(Usage.COMMAND.length() + 1)
                .replaceAll("\\[[^]]*]", "")
                .replace("<title>", "Checkout is failing")
                .replace("@someone", "<@U0BOB>")
                .strip();

        ChatRequest parsed = CommandLine.parse(typed);

        assertThat(parsed).isNotInstanceOf(ChatRequest.Invalid.class);
        if (sub != SubCommand.OPEN) {
            assertThat(parsed).isNotInstanceOf(ChatRequest.Open.class);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "ACK      ; SLACK   ; /escalate ack ESC-12",
                "ACK      ; DISCORD ; /escalate ack id:ESC-12",
                "UP       ; SLACK   ; /escalate up ESC-12 [to:LEVEL] [reason]",
                "UP       ; DISCORD ; /escalate up id:ESC-12 [level:LEVEL] [reason:…]",
                "REASSIGN ; SLACK   ; /escalate reassign ESC-12 @someone",
                "REASSIGN ; DISCORD ; /escalate reassign id:ESC-12 user:@someone",
                "SNOOZE   ; DISCORD ; /escalate snooze id:ESC-12 for:30m",
                "STATS    ; SLACK   ; /escalate stats [path] [7d|30d|90d]",
                "STATS    ; DISCORD ; /escalate stats [path:NAME] [window:7d|30d|90d]",
                "ONCALL   ; SLACK   ; /escalate oncall [path|rotation]",
                "ONCALL   ; DISCORD ; /escalate oncall [name:NAME]",
                "OVERRIDE ; SLACK   ; /escalate override ROTATION @someone 8h",
                "OVERRIDE ; DISCORD ; /escalate override rotation:ROTATION user:@someone for:8h",
                "OPEN     ; SLACK   ; /escalate <title> [sev:1-4] [path:NAME] [by:4h]",
                "OPEN     ; DISCORD ; /escalate open [title:…] [severity:1-4] [path:NAME] [by:4h]",
            })
    void usageIsWrittenInEachPlatformsOwnSyntax(SubCommand sub, Platform platform, String usage) {
        assertThat(Usage.of(sub, platform)).isEqualTo(usage);
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void helpNamesEverySubCommandInThatPlatformsSyntax(Platform platform) {
        String help = Usage.help(platform, Reactions.DEFAULT);

        Arrays.stream(SubCommand.values()).forEach(sub -> assertThat(help).contains(Usage.of(sub, platform)));
        assertThat(help).contains(platform == Platform.SLACK ? "`/escalate ack ESC-12`" : "`/escalate ack id:ESC-12`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7d", "30d", "90d"})
    void everyWindowOfferedIsAccepted(String window) {
        assertThat(SubCommand.STATS.argument("window").orElseThrow().chosen(window))
                .contains(window);
        assertThat(SubCommand.window(window)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0d", "999d", "soon", ""})
    void aWindowOfNothingOrOverAYearIsRefused(String window) {
        assertThat(SubCommand.window(window)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats 999d", "stats payments soon extra"})
    void slackTellsHowToWriteABadStatsWindow(String typed) {
        assertThat(CommandLine.parse(typed))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.type(ChatRequest.Invalid.class))
                .extracting(ChatRequest.Invalid::message)
                .asString()
                .contains("/escalate stats [path] [7d|30d|90d]");
    }

    @ParameterizedTest
    @EnumSource(SubCommand.class)
    void theActingSubCommandsTakeAnIdAndTheOthersDoNot(SubCommand sub) {
        boolean acts = !java.util.Set.of(
                        SubCommand.OPEN,
                        SubCommand.LIST,
                        SubCommand.STATS,
                        SubCommand.HELP,
                        SubCommand.ONCALL,
                        SubCommand.OVERRIDE)
                .contains(sub);
        assertThat(sub.needsId()).isEqualTo(acts);
        assertThat(SubCommand.named(sub.word().toUpperCase(java.util.Locale.ROOT)))
                .contains(sub);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mine", "all", "stale"})
    void everyListScopeOfferedIsUnderstoodOnSlack(String scope) {
        assertThat(CommandLine.parse("list " + scope))
                .isEqualTo(new ChatRequest.ListEscalations(ChatRequest.Scope.named(scope)));
        assertThat(SubCommand.DEFAULT_WINDOW).isEqualTo(Duration.ofDays(30));
    }
}
