package dev.escalator.alerts;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.escalator.config.Integration;
import dev.escalator.http.HttpService;
import dev.escalator.http.Request;
import dev.escalator.http.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's HTTP side (SPEC §10): {@code POST /alerts/NAME} for each integration that is not PagerDuty, {@code POST
 * /v2/enqueue} for those that are. Answers {@code 202} only once the effect is stored, {@code 400} naming the field,
 * {@code 401} (nothing stored) for a missing or wrong token, {@code 503} when the store is unreachable. An unknown
 * integration is the server's {@code 404}, a body over 1 MB its {@code 413}; the server tells of those, and they are
 * counted and logged here like the other refusals: one line with the reason, never the token.
 */
public final class AlertRoutes {
    private static final Logger log = LoggerFactory.getLogger(AlertRoutes.class);
    private static final String JSON = "application/json";
    /** What a sender's retry should wait for: about as long as a store failover takes. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private static final String ALERTS = "/alerts/";
    private static final String ENQUEUE = "/v2/enqueue";
    /** The integration tag of a request to a name no integration has: the name is a stranger's text, not a label. */
    static final String UNKNOWN = "unknown";

    private final AlertIntake intake;

    private AlertRoutes(AlertIntake intake) {
        this.intake = intake;
    }

    /** Mounts a route for every configured integration. */
    public static void mount(HttpService http, AlertIntake intake) {
        var routes = new AlertRoutes(intake);
        boolean pagerDuty = false;
        for (var integration : intake.integrations()) {
            if (integration.kind() == Integration.Kind.PAGERDUTY) {
                pagerDuty = true;
            } else {
                http.mount("POST", integration.urlPath(), request -> routes.alert(integration, request));
            }
        }
        if (pagerDuty) {
            http.mount("POST", ENQUEUE, routes::enqueue);
        }
        http.onRefusal(ALERTS, routes::refusedByServer);
        http.onRefusal(ENQUEUE, routes::refusedByServer);
    }

    /** A request the server answered 404 (no integration of that name) or 413 (a body over 1 MB) itself. */
    private void refusedByServer(String path, int status) {
        Optional<Integration> integration = intake.integrations().stream()
                .filter(known -> known.urlPath().equals(path))
                .findFirst();
        String name = integration
                .map(known -> known.kind() == Integration.Kind.PAGERDUTY ? "pagerduty" : known.name())
                .orElse(UNKNOWN);
        if (status == 413) {
            refusal(name, status, "too_large", "the body is over 1 MB");
        } else if (path.startsWith(ALERTS)) {
            refusal(name, status, "unknown_integration", "no integration named '" + shown(path) + "'");
        } else {
            refusal(name, status, "unknown_integration", "no integration of kind pagerduty");
        }
    }

    /** The name asked for, cut and with only plain characters kept: it goes into a log line. */
    private static String shown(String path) {
        String name = path.substring(ALERTS.length());
        String plain = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return plain.length() > 64 ? plain.substring(0, 64) + "…" : plain;
    }

    private Response alert(Integration integration, Request request) {
        Optional<String> token = request.header("Authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip());
        if (token.isEmpty() || !sameSecret(token.get(), integration.token())) {
            return refused(
                    integration.name(),
                    401,
                    token.isEmpty() ? "missing_token" : "wrong_token",
                    error(token.isEmpty() ? "missing token" : "wrong token", "Authorization"));
        }
        AlertEvent alert;
        try {
            alert = AlertFormat.of(integration).read(Json.object(request.bodyText()));
        } catch (BadAlert bad) {
            return refused(integration.name(), 400, "bad_payload", error(bad.getMessage(), bad.field()));
        }
        Receipt receipt = intake.receive(integration, alert);
        if (receipt.outcome() == Receipt.Outcome.UNAVAILABLE) {
            return unavailable(error("cannot record this right now; retry", "store"));
        }
        if (receipt.outcome() == Receipt.Outcome.REFUSED) {
            return json(422, error("the alert could not open an escalation; see the bot's log", "path"));
        }
        var body = new JsonObject();
        body.addProperty("status", "accepted");
        body.addProperty("outcome", receipt.outcome().tag());
        body.addProperty(
                "escalation", receipt.escalation().map(Object::toString).orElse(null));
        body.addProperty("key", receipt.key());
        return json(202, body);
    }

    private Response enqueue(Request request) {
        JsonObject event;
        try {
            event = Json.object(request.bodyText());
        } catch (BadAlert bad) {
            return refused("pagerduty", 400, "bad_payload", invalidEvent(bad));
        }
        Optional<String> routingKey;
        try {
            routingKey = Json.text(event, "routing_key", "routing_key");
        } catch (BadAlert bad) {
            return refused("pagerduty", 400, "bad_payload", invalidEvent(bad));
        }
        Optional<Integration> integration = routingKey.flatMap(this::byRoutingKey);
        if (integration.isEmpty()) {
            var body = new JsonObject();
            body.addProperty("status", "unauthorized");
            body.addProperty("message", routingKey.isEmpty() ? "routing_key is missing" : "routing_key is not known");
            body.addProperty("field", "routing_key");
            return refused("pagerduty", 401, routingKey.isEmpty() ? "missing_token" : "wrong_token", body);
        }
        AlertEvent alert;
        try {
            alert = new PagerDutyFormat().read(event);
        } catch (BadAlert bad) {
            return refused(integration.get().name(), 400, "bad_payload", invalidEvent(bad));
        }
        Receipt receipt = intake.receive(integration.get(), alert);
        if (receipt.outcome() == Receipt.Outcome.UNAVAILABLE) {
            var body = new JsonObject();
            body.addProperty("status", "unavailable");
            body.addProperty("message", "cannot record this right now; retry");
            return unavailable(body);
        }
        var body = new JsonObject();
        body.addProperty("status", "success");
        body.addProperty("message", "Event processed");
        body.addProperty("dedup_key", receipt.key());
        body.addProperty(
                "escalation", receipt.escalation().map(Object::toString).orElse(null));
        return json(202, body);
    }

    /** The PagerDuty integration whose token this is; every one is compared, in constant time. */
    private Optional<Integration> byRoutingKey(String routingKey) {
        Optional<Integration> found = Optional.empty();
        for (var integration : intake.integrations()) {
            if (integration.kind() == Integration.Kind.PAGERDUTY && sameSecret(routingKey, integration.token())) {
                found = Optional.of(integration);
            }
        }
        return found;
    }

    /** Digests first, so that neither the content nor the length of the secret shows in the time taken. */
    static boolean sameSecret(String given, String secret) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(secret.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Response refused(String integration, int status, String reasonTag, JsonObject body) {
        String reason = body.has("error")
                ? body.get("error").getAsString()
                : body.get("message").getAsString();
        if (body.has("errors")) {
            reason = body.getAsJsonArray("errors").get(0).getAsString();
        }
        refusal(integration, status, reasonTag, reason);
        return json(status, body);
    }

    /** Counts a refused request by integration and reason, and logs one line with the reason (never the token). */
    private void refusal(String integration, int status, String reasonTag, String reason) {
        intake.metrics().refused(integration, reasonTag);
        log.warn("Alert for {} refused with {}: {}", integration, status, reason);
    }

    private static JsonObject error(String message, String field) {
        var body = new JsonObject();
        body.addProperty("error", message);
        body.addProperty("field", field);
        return body;
    }

    /** PagerDuty's own shape of a refused event, with the field named. */
    private static JsonObject invalidEvent(BadAlert bad) {
        var body = new JsonObject();
        body.addProperty("status", "invalid event");
        body.addProperty("message", "Event object is invalid");
        var errors = new JsonArray();
        errors.add(bad.getMessage());
        body.add("errors", errors);
        body.addProperty("field", bad.field());
        return body;
    }

    private static Response unavailable(JsonObject body) {
        return json(503, body).withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }

    private static Response json(int status, JsonObject body) {
        return Response.of(status, JSON, body.toString());
    }
}
