package dev.escalator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.AssembledBot;
import dev.escalator.config.Config;
import dev.escalator.config.ConfigLoader;
import dev.escalator.core.Actor;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Status;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.discord.DiscordBot;
import dev.escalator.store.Stores;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An alert whose path is bound to a Discord channel opens there, through the real JDA client and the fake Discord. */
class AlertsOnDiscordTest {
    private static final String CONFIG = """
            people:
              alice: {discord: "111111111111111111"}
            paths:
              payments: {levels: [{notify: [alice], ack_timeout: 5m}]}
            channels:
              - {discord: "500000000000000001", path: payments}
            integrations:
              graf: {kind: grafana, token_env: GRAF_TOKEN, path: payments}
            """;

    private final FakeDiscord.Ids ids = FakeDiscord.Ids.standard();
    private final TestClock clock = new TestClock(Fixtures.IN_BOBS_WEEK);
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private FakeDiscordRest rest;
    private Stores stores;
    private DeliverEffects delivery;
    private int httpPort;

    @BeforeEach
    void start() throws Exception {
        rest = running(new FakeDiscordRest(ids));
        var gateway = running(new FakeDiscordGateway(ids));
        var mongo = running(new InMemoryMongo());
        Config config = ConfigLoader.parse(CONFIG, "test.yml", Map.of("GRAF_TOKEN", "graf-secret"))
                .config()
                .orElseThrow();
        // the bot as main builds it: intake, desk, Discord and delivery through the one assembly
        var bot = running(AssembledBot.builder(config, clock, mongo.connect())
                .discord(new DiscordBot.Connection(
                        "fake-token",
                        Optional.of(URI.create(rest.baseUrl())),
                        Optional.of(URI.create(gateway.url())),
                        Optional.of(ids.guild())))
                .start());
        stores = bot.stores();
        delivery = bot.delivery();
        httpPort = bot.httpPort();
        Eventually.holds("connected", () -> bot.discord().connected());
    }

    @AfterEach
    void stop() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }

    @Test
    void aGrafanaAlertOpensInTheDiscordChannelAndItsResolveResolves() throws Exception {
        var opened = post(AlertWorld.fixture("grafana-firing.json"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
        var id = EscalationId.parse(AlertWorld.json(opened).get("escalation").getAsString())
                .orElseThrow();

        delivery.deliver(id);

        assertThat(rest.postsIn(ids.channel()))
                .anyMatch(post -> post.content().contains("High memory usage")
                        && post.content().contains("`graf` integration"));
        assertThat(stores.escalations().find(id).orElseThrow().reporter()).isEqualTo(new Actor.Integration("graf"));

        var resolved = post(AlertWorld.fixture("grafana-resolved.json"));
        assertThat(resolved.statusCode()).isEqualTo(202);
        assertThat(stores.escalations().find(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
    }

    private HttpResponse<String> post(String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/alerts/graf"))
                .header("Authorization", "Bearer graf-secret")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T extends AutoCloseable> T running(T part) {
        started.push(part);
        return part;
    }
}
