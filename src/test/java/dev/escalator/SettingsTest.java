package dev.escalator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {
    @Test
    void emptyEnvironmentGivesTheDefaultsOfTheSpec() {
        var settings = Settings.fromEnvironment(Map.of());

        assertThat(settings.configFile()).isEqualTo(Path.of("escalator.yml"));
        assertThat(settings.configGiven()).isFalse();
        assertThat(settings.port()).isEqualTo(3000);
        assertThat(settings.mongodbUri()).isEmpty();
        assertThat(settings.dataDir()).isEqualTo(Path.of("data"));
        assertThat(settings.slackApiUrl()).isEqualTo(URI.create("https://slack.com/api/"));
        assertThat(settings.chatPlatforms()).isEmpty();
    }

    @Test
    void emptyVariableCountsAsUnset() {
        var settings = Settings.fromEnvironment(Map.of("PORT", "", "ESCALATOR_CONFIG", " ", "SLACK_BOT_TOKEN", ""));

        assertThat(settings.port()).isEqualTo(3000);
        assertThat(settings.configGiven()).isFalse();
        assertThat(settings.slackBotToken()).isEmpty();
    }

    @Test
    void toStringMasksEverySecret() {
        var settings = Settings.fromEnvironment(Map.of(
                "MONGODB_URI", "mongodb://esc:hunter2@db1:27017,db2/escalator?authSource=admin",
                "SLACK_BOT_TOKEN", "xoxb-bot-secret",
                "SLACK_SIGNING_SECRET", "signing-secret",
                "SLACK_APP_TOKEN", "xapp-app-secret",
                "DISCORD_BOT_TOKEN", "discord-secret",
                "DISCORD_GUILD_ID", "42"));

        String text = settings.toString();

        assertThat(text)
                .doesNotContain("hunter2", "esc:", "authSource", "xoxb-bot-secret", "signing-secret")
                .doesNotContain("xapp-app-secret", "discord-secret")
                .contains("MongoDB mongodb://****@db1:27017,db2/escalator?****")
                .contains("Socket Mode (bot token ****, signing secret ****, app token ****)")
                .contains("guild 42");
        assertThat(settings.slackBotToken().orElseThrow()).hasToString("****");
        assertThat(settings.slackBotToken().orElseThrow().value()).isEqualTo("xoxb-bot-secret");
    }

    @ParameterizedTest
    @CsvSource({
        "'MONGODB://esc:hunter2@db1/escalator', 'MONGODB://****@db1/escalator'",
        "'MongoDB+SRV://esc:hunter2@cluster.example.net/', 'MongoDB+SRV://****@cluster.example.net/'",
        "'mongodb://esc:hun@ter2@db1:27017/escalator', 'mongodb://****@db1:27017/escalator'",
        "'mongodb://db1:27017/escalator', 'mongodb://db1:27017/escalator'"
    })
    void theMongoDbUriIsLoggedWithoutItsCredentialsWhateverItsCase(String uri, String logged) {
        var settings = Settings.fromEnvironment(Map.of("MONGODB_URI", uri));

        assertThat(settings.toString()).contains("MongoDB " + logged).doesNotContain("hunter2", "ter2");
    }

    @ParameterizedTest
    @CsvSource({
        "xoxb, secret, '', 'Slack (HTTP mode, POST /slack/events)'",
        "xoxb, '', xapp, Slack (Socket Mode)",
        "xoxb, secret, xapp, Slack (Socket Mode)",
    })
    void slackModeFollowsWhichTokensAreSet(String bot, String signing, String app, String expected) {
        var settings = Settings.fromEnvironment(
                Map.of("SLACK_BOT_TOKEN", bot, "SLACK_SIGNING_SECRET", signing, "SLACK_APP_TOKEN", app));

        assertThat(settings.chatPlatforms()).containsExactly(expected);
        assertThat(settings.halfConfigured()).isEmpty();
    }

    @Test
    void botTokenAloneEnablesNothingAndSaysWhy() {
        var settings = Settings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb"));

        assertThat(settings.chatPlatforms()).isEmpty();
        assertThat(settings.halfConfigured()).singleElement().asString().contains("Slack stays off");
    }

    @ParameterizedTest
    @CsvSource({
        "PORT, abc",
        "PORT, 70000",
        "PORT, -1",
        "SLACK_API_URL, not a url",
        "DISCORD_API_URL, /relative",
        "DISCORD_GUILD_ID, my-server"
    })
    void malformedValueIsRefusedNamingTheVariable(String variable, String value) {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable + " must be")
                .hasMessageContaining("'" + value + "'");
    }

    @ParameterizedTest
    @CsvSource({"localhost:27017", "http://esc:hunter2@db1/escalator", "postgres://db1/escalator"})
    void aMongoDbUriThatIsNoConnectionStringIsRefusedWithoutRepeatingIt(String uri) {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MONGODB_URI", uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("MONGODB_URI must be")
                .hasMessageContaining("mongodb://")
                .hasMessageNotContaining(uri)
                .hasMessageNotContaining("hunter2");
    }
}
