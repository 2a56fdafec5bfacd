package dev.escalator.demo;

import com.google.gson.JsonParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a Slack Web API call as Slack reads them: the fields of a form, or the top-level fields of a JSON
 * body (a value that is not a string or number kept as its JSON). Shared by the demo's fake Slack and the tests' one.
 */
public final class SlackCallParams {
    private SlackCallParams() {}

    /** The parameters of a call with this {@code Content-Type} (empty when none was sent) and body, in their order. */
    public static Map<String, String> of(String contentType, String body) {
        var params = new LinkedHashMap<String, String>();
        if (contentType.startsWith("application/json")) {
            JsonParser.parseString(body)
                    .getAsJsonObject()
                    .entrySet()
                    .forEach(entry -> params.put(
                            entry.getKey(),
                            entry.getValue().isJsonPrimitive()
                                    ? entry.getValue().getAsString()
                                    : entry.getValue().toString()));
            return params;
        }
        for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
