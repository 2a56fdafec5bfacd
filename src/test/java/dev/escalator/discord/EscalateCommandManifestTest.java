package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.cli.ConfigSource;
import dev.escalator.cli.ExampleConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.Test;

/**
 * {@code manifests/discord/commands.json} is {@link EscalateCommand}'s definition with the example configuration's
 * paths. After changing the command, write it anew with {@code mvn test -Dtest=EscalateCommandManifestTest
 * -Descalator.writeManifest=true}.
 */
class EscalateCommandManifestTest {
    static final Path MANIFEST = Path.of("manifests/discord/commands.json");

    @Test
    void theManifestIsTheCommandTheBotRegisters() throws Exception {
        var config = ConfigSource.yamlFiles()
                .parse(ExampleConfig.text(), ExampleConfig.NAME)
                .config()
                .orElseThrow();
        SlashCommandData command =
                EscalateCommand.definition(config.directory().paths().keySet());
        String json = DataArray.empty().add(command.toData()).toPrettyString() + "\n";
        if (Boolean.getBoolean("escalator.writeManifest")) {
            Files.createDirectories(MANIFEST.getParent());
            Files.writeString(MANIFEST, json, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(MANIFEST, StandardCharsets.UTF_8))
                .as("%s is stale: regenerate it (see this test's javadoc)", MANIFEST)
                .isEqualTo(json);
    }

    @Test
    void everySubCommandOfTheSpecIsThere() {
        var command = EscalateCommand.definition(java.util.List.of());
        assertThat(command.getSubcommands())
                .extracting(sub -> sub.getName())
                .containsExactly(
                        "open",
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
                        "oncall",
                        "override",
                        "help");
    }

    @Test
    void everyOptionIsAnArgumentOfTheTable() {
        var command = EscalateCommand.definition(java.util.List.of());
        for (var sub : dev.escalator.chat.SubCommand.values()) {
            var registered = command.getSubcommands().stream()
                    .filter(data -> data.getName().equals(sub.word()))
                    .findFirst()
                    .orElseThrow();
            assertThat(registered.getOptions())
                    .extracting(option -> option.getName())
                    .containsExactlyInAnyOrderElementsOf(sub.arguments().stream()
                            .map(dev.escalator.chat.SubCommand.Argument::name)
                            .toList());
        }
    }
}
