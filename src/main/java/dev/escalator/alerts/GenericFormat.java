package dev.escalator.alerts;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The generic form of SPEC §10: {@code {"key", "status": "firing"|"resolved", "title", "severity", "description",
 * "labels": {}, "links": [{"url", "text"}]}}. {@code severity} is 1–4 or a word of the severity map.
 */
final class GenericFormat implements AlertFormat {
    /** Long enough for any real key, short enough to stay a small index entry. */
    private static final int LONGEST_KEY = 512;

    @Override
    public AlertEvent read(JsonObject body) throws BadAlert {
        String key = Json.required(body, "key", "key");
        if (key.length() > LONGEST_KEY) {
            throw new BadAlert("key", "longer than " + LONGEST_KEY + " characters");
        }
        var signal = switch (Json.required(body, "status", "status")) {
            case "firing" -> AlertEvent.Signal.FIRING;
            case "resolved" -> AlertEvent.Signal.RESOLVED;
            default -> throw new BadAlert("status", "expected \"firing\" or \"resolved\"");
        };
        String title = signal == AlertEvent.Signal.FIRING
                ? Json.required(body, "title", "title")
                : Json.text(body, "title", "title").orElse(key);
        var labels = Json.strings(body, "labels", "labels");
        var links = new ArrayList<AlertEvent.Link>();
        var linkObjects = Json.objects(body, "links", "links");
        for (int i = 0; i < linkObjects.size(); i++) {
            String url = Json.required(linkObjects.get(i), "url", "links[" + i + "].url");
            links.add(new AlertEvent.Link(
                    Json.text(linkObjects.get(i), "text", "links[" + i + "].text")
                            .orElse(url),
                    url));
        }
        Optional<String> description = Json.text(body, "description", "description");
        Optional<String> severity = Json.text(body, "severity", "severity");
        if (severity.isPresent()
                && severity.get().strip().matches("-?\\d+")
                && !severity.get().strip().matches("[1-4]")) {
            throw new BadAlert("severity", "expected 1 to 4 (1 is worst) or a word of the severity map, like critical");
        }
        return new AlertEvent(key, false, signal, title, description, labels, severity, List.of(), links);
    }
}
