package dev.escalator.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.escalator.AssembledBot;
import dev.escalator.cli.ConfigFixtures;
import dev.escalator.cli.ConfigSource;
import dev.escalator.config.Config;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.CuttableProxy;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeSlackApi;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bot on Slack for real, around a fake Web API: started through the production assembly, so the Bolt app behind
 * {@code POST /slack/events} on the bot's own HTTP server, the chat commands, desk, scheduler, delivery and metrics
 * are wired as in {@code main}, on an in-memory MongoDB (reached through a proxy a test can cut) and a test clock. Requests are signed as Slack signs them. The configuration is SPEC §2's: at {@link
 * Fixtures#IN_BOBS_WEEK} bob ({@code U0BOB}) is on call for level 1 of {@code payments}, bound to {@code C0PAY}.
 * Posts go out unpaced ({@link AssembledBot.Builder#unpaced}) but in the world {@link #pacedAsSlackAsks}.
 */
final class SlackWorld implements AutoCloseable {
    static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String CHANNEL = "C0PAY";
    static final String REPORTER = "U0REPORTER";
    static final String BOB = "U0BOB";
    static final String ALICE = "U0ALICE";
    static final String STRANGER = "U0STRANGER";

    final TestClock clock = new TestClock(Fixtures.IN_BOBS_WEEK);
    final FakeSlackApi api;
    final InMemoryMongo mongo;
    final CuttableProxy storeLink;
    final Config config;
    /** The bot as {@code main} wires it, its job loops left to {@link #advance} and {@link #deliver}. */
    final AssembledBot assembled;

    final Stores stores;
    final SlackBot bot;
    final DeliverEffects delivery;
    final FireDueSteps steps;
    private final HttpClient client = HttpClient.newHttpClient();
    private int requests;
    private String lastResponseUrl = "";

    SlackWorld() throws Exception {
        this(Optional.empty(), fake -> {});
    }

    /** HTTP mode, posts to a channel kept to Slack's pace as in {@code main}: about one a second after a burst. */
    static SlackWorld pacedAsSlackAsks() throws Exception {
        return new SlackWorld(Optional.empty(), fake -> {}, new InMemoryMongo(), paymentsConfig(), true);
    }

    /** Socket Mode instead of HTTP mode: an app token, and {@code apps.connections.open} hands out {@code url}. */
    static SlackWorld overSocketMode(String url) throws Exception {
        return new SlackWorld(Optional.of(url), fake -> {});
    }

    /** Socket Mode, with the fake Web API {@code arranged} before the bot starts. */
    static SlackWorld overSocketMode(String url, Consumer<FakeSlackApi> arranged) throws Exception {
        return new SlackWorld(Optional.of(url), arranged);
    }

    /** HTTP mode on a store that already holds data (a restored backup); the world closes it. */
    static SlackWorld over(InMemoryMongo restored) throws Exception {
        return new SlackWorld(Optional.empty(), fake -> {}, restored, paymentsConfig(), false);
    }

    /** HTTP mode with the configuration {@code yaml} instead of SPEC §2's (its channel bound should be {@link #CHANNEL}). */
    static SlackWorld withConfig(String yaml) throws Exception {
        Config config =
                ConfigSource.yamlFiles().parse(yaml, "test.yml").config().orElseThrow();
        return new SlackWorld(Optional.empty(), fake -> {}, new InMemoryMongo(), config, false);
    }

    private SlackWorld(Optional<String> socketUrl, Consumer<FakeSlackApi> arranged) throws Exception {
        this(socketUrl, arranged, new InMemoryMongo(), paymentsConfig(), false);
    }

    private static Config paymentsConfig() {
        return ConfigFixtures.paymentsConfig(Path.of("escalator.yml"));
    }

    private SlackWorld(
            Optional<String> socketUrl,
            Consumer<FakeSlackApi> arranged,
            InMemoryMongo mongo,
            Config config,
            boolean paced)
            throws Exception {
        this.config = config;
        Optional<String> appToken = socketUrl.map(url -> "xapp-test-token");
        api = new FakeSlackApi();
        socketUrl.ifPresent(api::socketUrl);
        arranged.accept(api);
        this.mongo = mongo;
        storeLink = new CuttableProxy(mongo.port());
        var options = new SlackOptions(
                "xoxb-test-token",
                appToken.isPresent() ? Optional.empty() : Optional.of(SIGNING_SECRET),
                appToken,
                URI.create(api.methodsUrl()));
        try {
            var store = StoreConnection.connect("mongodb://127.0.0.1:" + storeLink.port() + "/escalator");
            var builder = AssembledBot.builder(config, clock, store).slack(options);
            assembled = (paced ? builder : builder.unpaced()).start();
        } catch (Exception e) {
            // a test of a refused start still leaves nothing running: the assembly closed what it had started
            storeLink.close();
            mongo.close();
            api.close();
            throw e;
        }
        stores = assembled.stores();
        bot = assembled.slack();
        delivery = assembled.delivery();
        steps = assembled.steps();
    }

    /**
     * A second replica on this world's store and the same fake Web API, in HTTP mode on a port of its own; its job
     * loops left to the test, as this one's.
     */
    AssembledBot replica(String name) throws Exception {
        var options = new SlackOptions(
                "xoxb-test-token", Optional.of(SIGNING_SECRET), Optional.empty(), URI.create(api.methodsUrl()));
        var store = StoreConnection.connect("mongodb://127.0.0.1:" + mongo.port() + "/escalator");
        return AssembledBot.builder(config, clock, store)
                .slack(options)
                .replica(name)
                .unpaced()
                .start();
    }

    // ---- what Slack sends

    /** {@code /escalate text} by {@code user} in {@link #CHANNEL}. */
    HttpResponse<String> command(String user, String text) {
        return command(user, CHANNEL, text);
    }

    /** {@code /escalate text} by {@code user} in {@code channel}. */
    HttpResponse<String> command(String user, String channel, String text) {
        lastResponseUrl = api.responseUrl("command-" + (++requests));
        return post(commandForm(user, channel, text, lastResponseUrl, "trigger-" + requests));
    }

    /** The form Slack posts for {@code /escalate text} by {@code user} in {@code channel}. */
    static String commandForm(String user, String channel, String text, String responseUrl, String triggerId) {
        return form(Map.of(
                "token",
                "legacy",
                "team_id",
                "T0TEAM",
                "channel_id",
                channel,
                "user_id",
                user,
                "command",
                "/escalate",
                "text",
                text,
                "response_url",
                responseUrl,
                "trigger_id",
                triggerId));
    }

    /** A {@code reaction_added} event on a message in {@link #CHANNEL}. */
    HttpResponse<String> reaction(String user, String ts, String emoji, String eventId, Map<String, String> headers) {
        return post(reactionEnvelope(user, ts, emoji, eventId).toString(), "application/json", headers, Instant.now());
    }

    /** The Events API envelope Slack sends for a {@code reaction_added} on a message in {@link #CHANNEL}. */
    static JsonObject reactionEnvelope(String user, String ts, String emoji, String eventId) {
        var item = new JsonObject();
        item.addProperty("type", "message");
        item.addProperty("channel", CHANNEL);
        item.addProperty("ts", ts);
        var event = new JsonObject();
        event.addProperty("type", "reaction_added");
        event.addProperty("user", user);
        event.addProperty("reaction", emoji);
        event.addProperty("item_user", FakeSlackApi.BOT_USER_ID);
        event.add("item", item);
        event.addProperty("event_ts", "1700000100.000100");
        var envelope = new JsonObject();
        envelope.addProperty("token", "legacy");
        envelope.addProperty("team_id", "T0TEAM");
        envelope.addProperty("api_app_id", "A0APP");
        envelope.addProperty("type", "event_callback");
        envelope.addProperty("event_id", eventId);
        envelope.addProperty("event_time", 1_700_000_100);
        envelope.add("event", event);
        return envelope;
    }

    HttpResponse<String> reaction(String user, String ts, String emoji) {
        return reaction(user, ts, emoji, "Ev" + (++requests), Map.of());
    }

    /** A click on one of the root message's buttons. */
    HttpResponse<String> press(String user, String actionId, EscalationId id, String actionTs) {
        lastResponseUrl = api.responseUrl("press-" + (++requests));
        return post(form(Map.of("payload", pressPayload(user, actionId, id, actionTs, lastResponseUrl))));
    }

    /** The {@code block_actions} payload of a click on one of the root message's buttons in {@link #CHANNEL}. */
    static String pressPayload(String user, String actionId, EscalationId id, String actionTs, String responseUrl) {
        return """
                {"type":"block_actions","team":{"id":"T0TEAM","domain":"test"},"user":{"id":"%s","team_id":"T0TEAM"},
                 "api_app_id":"A0APP","token":"legacy","trigger_id":"trigger","container":{"type":"message"},
                 "channel":{"id":"%s","name":"payments"},"response_url":"%s",
                 "actions":[{"action_id":"%s","block_id":"escalator_actions","type":"button","value":"%d",
                             "action_ts":"%s","text":{"type":"plain_text","text":"button"}}]}
                """.formatted(user, CHANNEL, responseUrl, actionId, id.number(), actionTs);
    }

    /**
     * A click on one of the buttons of the bot's direct message {@code messageTs} to {@code user}: sent from their
     * direct-message channel, as Slack sends it.
     */
    HttpResponse<String> pressInDirectMessage(
            String user, String actionId, EscalationId id, String messageTs, String actionTs) {
        String channel = FakeSlackApi.directMessageChannel(user);
        lastResponseUrl = api.responseUrl("press-" + (++requests));
        String payload =
                """
                {"type":"block_actions","team":{"id":"T0TEAM","domain":"test"},"user":{"id":"%s","team_id":"T0TEAM"},
                 "api_app_id":"A0APP","token":"legacy","trigger_id":"trigger",
                 "container":{"type":"message","message_ts":"%s","channel_id":"%s","is_ephemeral":false},
                 "channel":{"id":"%s","name":"directmessage"},"response_url":"%s",
                 "actions":[{"action_id":"%s","block_id":"escalator_dm_actions","type":"button","value":"%d",
                             "action_ts":"%s","text":{"type":"plain_text","text":"button"}}]}
                """.formatted(user, messageTs, channel, channel, lastResponseUrl, actionId, id.number(), actionTs);
        return post(form(Map.of("payload", payload)));
    }

    /** The form submitted with these fields (block id to typed text or chosen option). */
    HttpResponse<String> submitForm(String user, Map<String, String> fields) {
        return post(form(Map.of("payload", formPayload(user, fields))));
    }

    /** The {@code view_submission} payload of the form submitted in {@link #CHANNEL} with these fields. */
    static String formPayload(String user, Map<String, String> fields) {
        var values = new JsonObject();
        fields.forEach((block, value) -> {
            var element = new JsonObject();
            if (block.equals(EscalationForm.SEVERITY) || block.equals(EscalationForm.PATH)) {
                element.addProperty("type", "static_select");
                var option = new JsonObject();
                option.addProperty("value", value);
                element.add("selected_option", option);
            } else {
                element.addProperty("type", "plain_text_input");
                element.addProperty("value", value);
            }
            var byAction = new JsonObject();
            byAction.add(EscalationForm.VALUE, element);
            values.add(block, byAction);
        });
        var state = new JsonObject();
        state.add("values", values);
        var view = new JsonObject();
        view.addProperty("id", "V0FORM");
        view.addProperty("type", "modal");
        view.addProperty("callback_id", EscalationForm.CALLBACK_ID);
        view.addProperty("private_metadata", CHANNEL);
        view.add("state", state);
        var payload = new JsonObject();
        payload.addProperty("type", "view_submission");
        var team = new JsonObject();
        team.addProperty("id", "T0TEAM");
        payload.add("team", team);
        var who = new JsonObject();
        who.addProperty("id", user);
        payload.add("user", who);
        payload.addProperty("api_app_id", "A0APP");
        payload.addProperty("token", "legacy");
        payload.add("view", view);
        return payload.toString();
    }

    HttpResponse<String> post(String formBody) {
        return post(formBody, "application/x-www-form-urlencoded", Map.of(), Instant.now());
    }

    /** POSTs {@code body} to {@code /slack/events}, signed with {@link #SIGNING_SECRET} at {@code signedAt}. */
    HttpResponse<String> post(String body, String contentType, Map<String, String> headers, Instant signedAt) {
        String timestamp = Long.toString(signedAt.getEpochSecond());
        return post(body, contentType, headers, timestamp, signature(SIGNING_SECRET, timestamp, body));
    }

    HttpResponse<String> post(
            String body, String contentType, Map<String, String> headers, String timestamp, String signature) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + assembled.httpPort() + "/slack/events"))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature);
        headers.forEach(request::header);
        var built = request.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // a kept-alive connection the server closed while idle (a slow, loaded machine): the request never reached
            // the bot, so it is sent again, on a new connection
            if (String.valueOf(e.getMessage()).contains("received no bytes")) {
                try {
                    return client.send(built, HttpResponse.BodyHandlers.ofString());
                } catch (Exception again) {
                    throw new AssertionError("POST /slack/events failed", again);
                }
            }
            throw new AssertionError("POST /slack/events failed", e);
        } catch (Exception e) {
            throw new AssertionError("POST /slack/events failed", e);
        }
    }

    /** Slack's signature: {@code v0=} and the hex HMAC-SHA256 of {@code v0:timestamp:body}. */
    static String signature(String secret, String timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }

    // ---- the bot's side

    /** Delivers everything due now, on this thread. */
    void deliver() {
        for (EscalationId id : stores.outbox().waiting(clock.instant(), 100)) {
            delivery.deliver(id);
        }
    }

    /** Fires the steps due at the test clock's time, then delivers what they post. */
    void advance(Duration duration) {
        clock.advance(duration);
        steps.runOnce();
        deliver();
    }

    /** The reporter opens ESC-1, "Checkout is failing", and it is delivered; its root message's ts. */
    String openOne() {
        command(REPORTER, "Checkout is failing");
        // an opening past the answer budget is acknowledged before it is stored: wait for it before delivering
        settle();
        deliver();
        return api.await("chat.postMessage").ts();
    }

    /** Waits until the bot has finished what it took on after answering. */
    void settle() {
        Eventually.holds("the Slack adapter's work to finish", bot::idle);
    }

    /**
     * The {@code response_url} of the last command or button press this world sent: where the bot's answer to that one
     * request goes when it is late or comes after the acknowledgement ({@link FakeSlackApi#answersTo}).
     */
    String lastResponseUrl() {
        return lastResponseUrl;
    }

    /** The {@code text} of a JSON answer, as Slack would show it; empty for an empty acknowledgement. */
    static String text(HttpResponse<String> answer) {
        if (answer.body().isBlank() || !answer.body().strip().startsWith("{")) {
            return "";
        }
        var json = JsonParser.parseString(answer.body()).getAsJsonObject();
        return json.has("text") ? json.get("text").getAsString() : "";
    }

    Escalation escalation(long number) {
        return stores.escalations().find(new EscalationId(number)).orElseThrow();
    }

    /** What {@code GET /metrics} shows, as Prometheus would scrape it. */
    String metrics() {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + assembled.httpPort() + "/metrics"))
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }

    @Override
    public void close() throws Exception {
        assembled.close();
        storeLink.close();
        mongo.close();
        api.close();
    }
}
