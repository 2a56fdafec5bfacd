package dev.escalator.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.escalator.http.HttpService;
import dev.escalator.http.PrometheusMetrics;
import java.net.InetSocketAddress;

/**
 * The ack path benchmark's baseline (issue #17): a minimal Bolt {@link App} with Bolt's default middleware (its {@code
 * auth.test} answer kept for good, as the bot keeps it) and one
 * handler each for {@code /escalate} and {@code reaction_added} that only {@code ack()}, served by the bot's own HTTP
 * server and Slack endpoint, started as a child process the way the bot is. What the bot reaches as a share of this
 * is what its own work costs on the same server. Reads {@code PORT}, {@code SLACK_BOT_TOKEN}, {@code
 * SLACK_SIGNING_SECRET} and {@code SLACK_API_URL} (Bolt signs in with {@code auth.test} at start) as the bot does.
 */
public final class BareBoltApp {
    private BareBoltApp() {}

    public static void main(String[] args) throws Exception {
        var env = System.getenv();
        var slackConfig = new SlackConfig();
        String apiUrl = env.get("SLACK_API_URL");
        slackConfig.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        slackConfig.setStatsEnabled(false);
        Slack slack = Slack.getInstance(slackConfig);
        var app = new App(AppConfig.builder()
                .singleTeamBotToken(env.get("SLACK_BOT_TOKEN"))
                .signingSecret(env.get("SLACK_SIGNING_SECRET"))
                .slack(slack)
                // as the bot's (SlackBot.appConfig): Bolt's auth.test answer kept for good, so that neither app stalls
                // on a burst of auth.test calls when Bolt's 10 minutes run out in the middle of a ladder step
                .authTestCacheExpirationMillis(SlackBot.AUTH_TEST_KEPT_FOR_GOOD)
                .build());
        app.command(EscalateCommand.COMMAND, (request, context) -> context.ack());
        app.event(ReactionAddedEvent.class, (payload, context) -> context.ack());
        app.start();
        var http = HttpService.start(
                new InetSocketAddress(Integer.parseInt(env.get("PORT"))), PrometheusMetrics.withJvmMetrics());
        http.mount("POST", SlackEndpoint.PATH, new SlackEndpoint(app));
    }
}
