package dev.escalator.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Requests to {@code POST /slack/events} signed as Slack signs them: slash commands and {@code reaction_added}. */
final class SignedSlack {
    static final String SECRET = "bench-signing-secret-0123456789ab";
    static final String CHANNEL = "C0PAY";

    private final URI endpoint;
    private final String responseUrl;

    SignedSlack(String botBaseUrl, String responseUrl) {
        this.endpoint = URI.create(botBaseUrl + "/slack/events");
        this.responseUrl = responseUrl;
    }

    HttpRequest command(String user, String text) {
        return command(user, text, CHANNEL);
    }

    HttpRequest command(String user, String text, String channel) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("token", "legacy");
        fields.put("team_id", "T0TEAM");
        fields.put("channel_id", channel);
        fields.put("user_id", user);
        fields.put("command", "/escalate");
        fields.put("text", text);
        fields.put("response_url", responseUrl);
        fields.put("trigger_id", "trigger");
        return signed(form(fields), "application/x-www-form-urlencoded");
    }

    HttpRequest reaction(String user, String ts, String emoji, String eventId) {
        return reaction(user, CHANNEL, ts, emoji, eventId);
    }

    HttpRequest reaction(String user, String channel, String ts, String emoji, String eventId) {
        String body = """
                {"token":"legacy","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback","event_id":"%s",\
                "event_time":%d,"event":{"type":"reaction_added","user":"%s","reaction":"%s","item_user":"U0BOT",\
                "item":{"type":"message","channel":"%s","ts":"%s"},"event_ts":"1700000100.000100"}}""".formatted(eventId, Instant.now().getEpochSecond(), user, emoji, channel, ts);
        return signed(body, "application/json");
    }

    private HttpRequest signed(String body, String contentType) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String signature(String timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0="
                    + HexFormat.of()
                            .formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
