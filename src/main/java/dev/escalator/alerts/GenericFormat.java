package dev.escalator.alerts;

import com.google.gson.JsonObject;
import dev.escalator.config.Integration;
import dev.escalator.core.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The generic form of SPEC §10: {@code {"key", "status": "firing"|"resolved", "title", "severity", "description",
 * "labels": {}, "links": [{"url", "text"}]}}. {@code severity} is 1–4 or a word of the integration's severity map; any
 * other is refused, not taken as the default: a sender's typo must not quietly make a critical alert a sev 3.
 */
final class GenericFormat implements AlertFormat {
    /** Long enough for any real key, short enough to stay a small index entry. */
    private static final int LONGEST_KEY = 512;

    private final Integration.SeverityMapping severities;

    GenericFormat(Integration.SeverityMapping severities) {
        this.severities = Objects.requireNonNull(severities, "severities");
    }

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
        if (severity.isPresent() && Routing.said(severities, severity.get()).isEmpty()) {
            throw new BadAlert("severity", "expected 1 to 4 (1 is worst) or a word of the severity map: " + words());
        }
        return new AlertEvent(key, false, signal, title, description, labels, severity, List.of(), links);
    }

    /** The severity map's words, worst first. */
    private String words() {
        return severities.map().entrySet().stream()
                .sorted(Map.Entry.<String, Severity>comparingByValue(Comparator.comparingInt(Severity::value))
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
    }
}
