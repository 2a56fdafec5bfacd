package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The settings the bot gives Bolt. Bolt reads its {@code auth.test} expiry from the wall clock (10 minutes by default),
 * so this checks the setting itself: with an expiry, every request arriving while the renewal is under way calls
 * {@code auth.test} on its own thread before it is answered (issue #17's ack benchmark: hundreds of calls at once).
 */
class BoltSettingsTest {
    @Test
    void boltKeepsItsAuthTestAnswerForTheLifeOfTheProcess() {
        var options = new SlackOptions(
                "xoxb-test-token", Optional.of("secret"), Optional.empty(), URI.create("http://127.0.0.1:1/api/"));
        var slack = Slack.getInstance(new SlackConfig());

        var config = SlackBot.appConfig(options, slack);

        // Bolt's SingleTeamAuthorization treats an expiry below zero as "never expires"
        assertThat(config.getAuthTestCacheExpirationMillis()).isNegative();
        assertThat(config.getSingleTeamBotToken()).isEqualTo("xoxb-test-token");
        assertThat(config.getSigningSecret()).isEqualTo("secret");
    }
}
