package dev.escalator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.escalator.AssembledBot;
import dev.escalator.config.Config;
import dev.escalator.config.ConfigLoader;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.slack.SlackOptions;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.CuttableProxy;
import dev.escalator.testing.FakeSlackApi;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bot with its alert intake for real: the HTTP server with the alert routes, the desk, delivery to a fake Slack
 * Web API, on an in-memory MongoDB reached through a proxy a test can cut, with a test clock. More replicas can be
 * added over the same MongoDB. Integrations: {@code prom} (Alertmanager, team=checkout routed to {@code checkout}),
 * {@code graf} (Grafana), {@code pd} (PagerDuty), {@code hook} (generic, no auto-resolve), {@code noisy} (generic,
 * at most 3 new groups a minute). {@code payments} is bound to Slack {@code C0PAY}, {@code checkout} to {@code C0CHK}.
 */
final class AlertWorld implements AutoCloseable {
    static final Map<String, String> TOKENS = Map.of(
            "PROM_TOKEN", "prom-secret",
            "GRAF_TOKEN", "graf-secret",
            "PD_TOKEN", "pd-routing-key-0123456789abcdef",
            "HOOK_TOKEN", "hook-secret",
            "NOISY_TOKEN", "noisy-secret");

    static final String CONFIG = """
            people:
              alice: {slack: U0ALICE}
              bob: {slack: U0BOB}
            paths:
              payments: {levels: [{notify: [bob], ack_timeout: 5m}, {notify: [alice], ack_timeout: 10m}]}
              checkout: {levels: [{notify: [alice], ack_timeout: 5m}]}
            channels:
              - {slack: C0PAY, path: payments}
              - {slack: C0CHK, path: checkout}
            admins: [alice]
            integrations:
              prom:
                kind: alertmanager
                token_env: PROM_TOKEN
                path: payments
                routes:
                  - {match: {team: checkout}, path: checkout}
              graf: {kind: grafana, token_env: GRAF_TOKEN, path: payments}
              pd: {kind: pagerduty, token_env: PD_TOKEN, path: payments}
              hook: {kind: generic, token_env: HOOK_TOKEN, path: payments, auto_resolve: false}
              noisy: {kind: generic, token_env: NOISY_TOKEN, path: payments, max_new_per_minute: 3}
            """;

    final TestClock clock = new TestClock(Fixtures.IN_BOBS_WEEK);
    final Config config;
    final Transitions transitions;
    final FakeSlackApi api;
    final InMemoryMongo mongo;
    final CuttableProxy storeLink;
    final Replica replica;
    final DeliverEffects delivery;
    private final List<Replica> replicas = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    AlertWorld() throws Exception {
        this(CONFIG);
    }

    /** The same world with another configuration, written with the same tokens. */
    AlertWorld(String yaml) throws Exception {
        config = ConfigLoader.parse(yaml, "escalator.yml", TOKENS).config().orElseThrow();
        transitions = new Transitions(config.directory());
        api = new FakeSlackApi();
        mongo = new InMemoryMongo();
        storeLink = new CuttableProxy(mongo.port());
        replica = addReplica("replica-a");
        delivery = replica.bot.delivery();
    }

    /**
     * One bot process, built by the assembly as main builds it (the alert routes on its HTTP server, its desk, Slack in
     * HTTP mode), with its own store connection through the cuttable link.
     */
    final class Replica implements AutoCloseable {
        final StoreConnection store;
        final AssembledBot bot;
        final Stores stores;
        final EscalationDesk desk;

        private Replica(String name) throws IOException {
            store = StoreConnection.connect("mongodb://127.0.0.1:" + storeLink.port() + "/escalator");
            var options = new SlackOptions(
                    "xoxb-test-token", Optional.of("signing-secret"), Optional.empty(), URI.create(api.methodsUrl()));
            bot = AssembledBot.builder(config, clock, store)
                    .replica(name)
                    .slack(options)
                    .start();
            stores = bot.stores();
            desk = bot.desk();
        }

        HttpResponse<String> post(String path, String body, Optional<String> token) {
            return send(path, body, token.map(value -> "Bearer " + value));
        }

        /** With {@code authorization} as the whole header, scheme and all. */
        HttpResponse<String> postAuthorized(String path, String body, String authorization) {
            return send(path, body, Optional.of(authorization));
        }

        private HttpResponse<String> send(String path, String body, Optional<String> authorization) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot.httpPort() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            authorization.ifPresent(value -> request.header("Authorization", value));
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            bot.close();
        }
    }

    Replica addReplica(String name) throws IOException {
        var added = new Replica(name);
        replicas.add(added);
        return added;
    }

    // ---- what monitoring sends

    /** {@code POST /alerts/NAME} with that integration's token. */
    HttpResponse<String> alert(String integration, String body) {
        return replica.post(
                "/alerts/" + integration, body, Optional.of(TOKENS.get(integration.toUpperCase() + "_TOKEN")));
    }

    HttpResponse<String> enqueue(String body) {
        return replica.post("/v2/enqueue", body, Optional.empty());
    }

    static String fixture(String name) {
        try (InputStream in = AlertWorld.class.getResourceAsStream("/alerts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generic alert for {@code key}. */
    static String generic(String key, String status) {
        var body = new JsonObject();
        body.addProperty("key", key);
        body.addProperty("status", status);
        body.addProperty("title", "Problem " + key);
        return body.toString();
    }

    static JsonObject json(HttpResponse<String> answer) {
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    /** The escalation a {@code 202} names. */
    Escalation escalationOf(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String id = json(answer).get("escalation").getAsString();
        return escalation(EscalationId.parse(id).orElseThrow());
    }

    Escalation escalation(EscalationId id) {
        return replica.stores.escalations().find(id).orElseThrow();
    }

    long unresolved() {
        return replica.stores.escalations().countUnresolved();
    }

    /** Delivers everything due now, on this thread. */
    void deliver() {
        for (EscalationId id : replica.stores.outbox().waiting(clock.instant(), 100)) {
            delivery.deliver(id);
        }
    }

    /** What was posted in {@code channel} (roots and thread replies), in order. */
    List<String> posted(String channel) {
        return api.calls("chat.postMessage").stream()
                .filter(call -> channel.equals(call.param("channel")))
                .map(call -> call.text() + "\n" + String.join("\n", blocksText(call)))
                .toList();
    }

    private static List<String> blocksText(FakeSlackApi.Call call) {
        return call.params().containsKey("blocks") ? call.sectionTexts() : List.of();
    }

    @Override
    public void close() throws Exception {
        for (var each : replicas) {
            each.close();
        }
        storeLink.close();
        mongo.close();
        api.close();
    }

    /** What the first replica's {@code GET /metrics} says, in Prometheus text. */
    String metrics() {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.bot.httpPort() + "/metrics"))
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
