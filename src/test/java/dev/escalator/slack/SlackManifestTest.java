package dev.escalator.slack;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.MethodsClient;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The app manifest an admin pastes into Slack asks for what the code needs, no more and no less. */
class SlackManifestTest {
    static final Path MANIFEST = Path.of("manifests/slack/manifest.yml");

    @Test
    void theManifestAsksForExactlyTheBotScopesOfTheMethodsAndEventsTheCodeUses() throws IOException {
        var needed = Stream.concat(
                        Arrays.stream(SlackMethod.values()).flatMap(method -> method.scopes().stream()),
                        Arrays.stream(SlackSubscription.values()).map(SlackSubscription::scope))
                .collect(Collectors.toSet());

        assertThat(botScopes()).containsExactlyInAnyOrderElementsOf(needed);
    }

    @Test
    void onlySlackWebApiCallsTheWebApiSoItsMethodListIsComplete() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.escalator");

        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(SlackWebApi.class.getName())
                .should()
                .callMethodWhere(target(owner(assignableTo(MethodsClient.class))))
                .check(classes);
    }

    @Test
    void theManifestSendsTheCommandEventsAndClicksToTheOneEndpoint() throws IOException {
        Map<String, Object> manifest = manifest();
        Map<String, Object> features = map(manifest, "features");
        Map<String, Object> settings = map(manifest, "settings");
        @SuppressWarnings("unchecked")
        var command = ((List<Map<String, Object>>) features.get("slash_commands")).getFirst();

        assertThat(command.get("command")).isEqualTo(EscalateCommand.COMMAND);
        // "@alice" must arrive as <@U0ALICE|alice>: a handle is not a person's id, a user id is
        assertThat(command.get("should_escape")).isEqualTo(true);
        assertThat((String) command.get("url")).endsWith(SlackEndpoint.PATH);
        assertThat((String) map(settings, "event_subscriptions").get("request_url"))
                .endsWith(SlackEndpoint.PATH);
        assertThat(map(settings, "event_subscriptions").get("bot_events")).isEqualTo(List.of("reaction_added"));
        assertThat(map(settings, "interactivity").get("is_enabled")).isEqualTo(true);
        assertThat((String) map(settings, "interactivity").get("request_url")).endsWith(SlackEndpoint.PATH);
        assertThat(settings.get("socket_mode_enabled")).isEqualTo(false);
    }

    @SuppressWarnings("unchecked")
    private static List<String> botScopes() throws IOException {
        return (List<String>) map(map(manifest(), "oauth_config"), "scopes").get("bot");
    }

    private static Map<String, Object> manifest() throws IOException {
        return new Yaml().load(Files.readString(MANIFEST));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }
}
