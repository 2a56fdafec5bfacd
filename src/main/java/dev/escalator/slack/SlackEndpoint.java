package dev.escalator.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.escalator.http.Request;
import dev.escalator.http.RequestHandler;
import dev.escalator.http.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events} in HTTP mode: slash commands, events and interactivity all arrive here. Bolt parses the
 * request and checks its signature and timestamp (401 when either is wrong), then runs the listener, which answers
 * at once; its answer becomes ours. A request of the wrong shape stores nothing: an event is answered 200 (Slack
 * retries an event answered otherwise, and it would not improve), a command or interaction 400.
 */
final class SlackEndpoint implements RequestHandler {
    static final String PATH = "/slack/events";

    private static final Logger log = LoggerFactory.getLogger(SlackEndpoint.class);
    /** A {@code "user"} key whose value is an object, anywhere in a JSON body (JSON allows whitespace around ':'). */
    private static final Pattern USER_OBJECT = Pattern.compile("\"user\"\\s*:\\s*\\{");

    private final App app;
    private final SlackRequestParser parser;

    SlackEndpoint(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    public Response handle(Request request) {
        com.slack.api.bolt.request.Request<?> slackRequest;
        try {
            var raw = SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.path())
                    .queryString(query(request.query()))
                    .requestBody(request.bodyText())
                    .headers(new RequestHeaders(request.headers()))
                    .build();
            slackRequest = parser.parse(raw);
        } catch (RuntimeException e) {
            // Bolt's parser throws on JSON of the wrong types (a null "type") and on broken percent-encoding: that is
            // the sender's mistake, not ours, and the body may hold anything, so it is not logged
            log.warn(
                    "slack: refused a request Bolt cannot parse: {}",
                    e.getClass().getSimpleName());
            return Response.text(400, "not a Slack request");
        }
        if (slackRequest == null) {
            return Response.text(400, "not a Slack request");
        }
        if (slackRequest.getRequestType() == RequestType.Event && userWithoutId(request.bodyText())) {
            // Bolt's filter of the bot's own events reads event.user.id of a user object without checking it is there,
            // and would throw a NullPointerException for {"user": {}}
            return wrongShape(slackRequest.getRequestType());
        }
        com.slack.api.bolt.response.Response answer;
        try {
            answer = app.run(slackRequest);
        } catch (Exception e) {
            if (NotRecorded.among(e)) {
                return Response.text(503, "not recorded; please retry");
            }
            if (wrongJsonTypes(e)) {
                // Bolt reads the payload lazily: a field of the wrong JSON type (null or an array for a user id)
                // surfaces here, thrown by Gson; the sender's mistake, not ours
                return wrongShape(slackRequest.getRequestType());
            }
            log.error("slack: {} failed", slackRequest.getRequestType(), e);
            return Response.text(500, "internal error");
        }
        if (answer.getStatusCode() == 401) {
            log.warn(
                    "slack: refused a {} whose signature or timestamp did not check out",
                    slackRequest.getRequestType());
        }
        String contentType = answer.getContentType() != null ? answer.getContentType() : Response.TEXT;
        String body = answer.getBody() != null ? answer.getBody() : "";
        var response = Response.of(answer.getStatusCode(), contentType, body);
        if (answer.getHeaders() != null) {
            for (var header : answer.getHeaders().entrySet()) {
                if (!header.getValue().isEmpty() && !header.getKey().equalsIgnoreCase("content-type")) {
                    response = response.withHeader(
                            header.getKey(), header.getValue().getFirst());
                }
            }
        }
        return response;
    }

    private static Response wrongShape(RequestType type) {
        log.warn("slack: refused a {} whose fields have the wrong types", type);
        return type == RequestType.Event
                ? Response.text(200, "malformed event ignored")
                : Response.text(400, "malformed Slack payload");
    }

    /**
     * Whether the event's {@code user} is an object without an {@code id}; the body was already parsed by Bolt, so it is
     * parsed again only when some {@code "user"} in it is an object at all (never in a reaction event), or when a key
     * might be spelled with escapes.
     */
    private static boolean userWithoutId(String body) {
        if (!body.contains("\\u") && !USER_OBJECT.matcher(body).find()) {
            return false;
        }
        try {
            JsonElement event = JsonParser.parseString(body).getAsJsonObject().get("event");
            return event instanceof JsonObject fields
                    && fields.get("user") instanceof JsonObject user
                    && !user.has("id");
        } catch (RuntimeException e) {
            return false; // not an object: Bolt's own reading refuses it
        }
    }

    private static boolean wrongJsonTypes(Exception e) {
        if (e instanceof JsonParseException) {
            return true;
        }
        StackTraceElement[] trace = e.getStackTrace();
        return (e instanceof UnsupportedOperationException || e instanceof IllegalStateException)
                && trace.length > 0
                && trace[0].getClassName().startsWith("com.google.gson.");
    }

    private static Map<String, List<String>> query(String query) {
        var values = new LinkedHashMap<String, List<String>>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        return values;
    }
}
