package dev.escalator.demo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What people do on the demo's Slack, sent to the bot as Slack sends it: slash commands, reactions and button presses,
 * signed with the signing secret to {@code POST /slack/events} of the bot's HTTP server.
 */
final class SlackRequests {
    private final URI events;
    private final String signingSecret;
    private final FakeSlack slack;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int sent;

    SlackRequests(int botPort, String signingSecret, FakeSlack slack) {
        this.events = URI.create("http://127.0.0.1:" + botPort + "/slack/events");
        this.signingSecret = signingSecret;
        this.slack = slack;
    }

    /**
     * {@code /escalate text} by {@code userId} in {@code #payments}; the bot's immediate answer, if it gave one with
     * text, and whether that answer is for everyone in the channel.
     */
    Optional<Answer> command(String userId, String text) {
        var form = new LinkedHashMap<String, String>();
        form.put("team_id", "T0DEMO");
        form.put("channel_id", Workspace.CHANNEL);
        form.put("channel_name", Workspace.channelName(Workspace.CHANNEL));
        form.put("user_id", userId);
        form.put("user_name", Workspace.name(userId));
        form.put("command", "/escalate");
        form.put("text", text);
        form.put("response_url", slack.responseUrl(userId));
        form.put("trigger_id", "trigger-" + ++sent);
        return answer(post(form(form), "application/x-www-form-urlencoded"));
    }

    /** A reaction {@code emoji} (Slack's name for it) by {@code userId} on the message {@code ts} in #payments. */
    void reaction(String userId, String ts, String emoji) {
        var item = new JsonObject();
        item.addProperty("type", "message");
        item.addProperty("channel", Workspace.CHANNEL);
        item.addProperty("ts", ts);
        var event = new JsonObject();
        event.addProperty("type", "reaction_added");
        event.addProperty("user", userId);
        event.addProperty("reaction", emoji);
        event.addProperty("item_user", FakeSlack.BOT_USER_ID);
        event.add("item", item);
        event.addProperty("event_ts", Instant.now().getEpochSecond() + ".000100");
        var envelope = new JsonObject();
        envelope.addProperty("team_id", "T0DEMO");
        envelope.addProperty("api_app_id", "A0DEMO");
        envelope.addProperty("type", "event_callback");
        envelope.addProperty("event_id", "Ev" + ++sent);
        envelope.addProperty("event_time", Instant.now().getEpochSecond());
        envelope.add("event", event);
        post(envelope.toString(), "application/json");
    }

    /** A press by {@code userId} on the button {@code actionId} of escalation {@code number}'s message. */
    Optional<Answer> press(String userId, String actionId, long number) {
        var payload = new JsonObject();
        payload.addProperty("type", "block_actions");
        var team = new JsonObject();
        team.addProperty("id", "T0DEMO");
        payload.add("team", team);
        var user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("team_id", "T0DEMO");
        payload.add("user", user);
        payload.addProperty("api_app_id", "A0DEMO");
        payload.addProperty("trigger_id", "trigger-" + ++sent);
        var container = new JsonObject();
        container.addProperty("type", "message");
        payload.add("container", container);
        var channel = new JsonObject();
        channel.addProperty("id", Workspace.CHANNEL);
        channel.addProperty("name", Workspace.channelName(Workspace.CHANNEL));
        payload.add("channel", channel);
        payload.addProperty("response_url", slack.responseUrl(userId));
        var action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", "escalator_actions");
        action.addProperty("type", "button");
        action.addProperty("value", Long.toString(number));
        action.addProperty("action_ts", Instant.now().getEpochSecond() + ".000200");
        var actions = new com.google.gson.JsonArray();
        actions.add(action);
        payload.add("actions", actions);
        return answer(post(form(Map.of("payload", payload.toString())), "application/x-www-form-urlencoded"));
    }

    /**
     * The escalation form submitted by {@code userId} in #payments: {@code fields} maps the form's block ids to what
     * was typed, or chosen for {@code severity} and {@code path}.
     */
    void submitForm(String userId, Map<String, String> fields) {
        var values = new JsonObject();
        fields.forEach((block, value) -> {
            var element = new JsonObject();
            if (block.equals("severity") || block.equals("path")) {
                element.addProperty("type", "static_select");
                var option = new JsonObject();
                option.addProperty("value", value);
                element.add("selected_option", option);
            } else {
                element.addProperty("type", "plain_text_input");
                element.addProperty("value", value);
            }
            var byAction = new JsonObject();
            byAction.add("value", element);
            values.add(block, byAction);
        });
        var state = new JsonObject();
        state.add("values", values);
        var view = new JsonObject();
        view.addProperty("id", "V0DEMO");
        view.addProperty("type", "modal");
        view.addProperty("callback_id", "escalator_open");
        view.addProperty("private_metadata", Workspace.CHANNEL);
        view.add("state", state);
        var payload = new JsonObject();
        payload.addProperty("type", "view_submission");
        var team = new JsonObject();
        team.addProperty("id", "T0DEMO");
        payload.add("team", team);
        var user = new JsonObject();
        user.addProperty("id", userId);
        payload.add("user", user);
        payload.addProperty("api_app_id", "A0DEMO");
        payload.add("view", view);
        post(form(Map.of("payload", payload.toString())), "application/x-www-form-urlencoded");
    }

    /** An immediate answer with text; {@code inChannel} when everyone in the channel sees it. */
    record Answer(String text, boolean inChannel) {}

    private static Optional<Answer> answer(HttpResponse<String> response) {
        String body = response.body().strip();
        if (!body.startsWith("{")) {
            return body.isEmpty() || response.statusCode() == 200
                    ? Optional.empty()
                    : Optional.of(new Answer("(Slack would show an error: HTTP " + response.statusCode() + ")", false));
        }
        JsonObject json = JsonParser.parseString(body).getAsJsonObject();
        if (!json.has("text") || json.get("text").getAsString().isBlank()) {
            return Optional.empty();
        }
        boolean inChannel = json.has("response_type")
                && json.get("response_type").getAsString().equals("in_channel");
        return Optional.of(new Answer(json.get("text").getAsString(), inChannel));
    }

    private HttpResponse<String> post(String body, String contentType) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        var request = HttpRequest.newBuilder(events)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The bot did not answer the demo's Slack: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the bot answered the demo's Slack", e);
        }
    }

    /** Slack's signature: {@code v0=} and the hex HMAC-SHA256 of {@code v0:timestamp:body}. */
    private String signature(String timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
