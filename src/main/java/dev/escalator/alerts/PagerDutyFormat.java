package dev.escalator.alerts;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A PagerDuty Events API v2 event: {@code event_action} trigger, acknowledge or resolve, keyed by {@code dedup_key}
 * (made here when a trigger has none, and returned). Routes match {@code payload.component}, {@code group}, {@code
 * class} and the {@code custom_details}; {@code payload.severity} goes through the severity map.
 */
final class PagerDutyFormat implements AlertFormat {
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    /** PagerDuty's own limit on a dedup_key. */
    private static final int LONGEST_KEY = 255;

    @Override
    public AlertEvent read(JsonObject body) throws BadAlert {
        var signal = switch (Json.required(body, "event_action", "event_action")) {
            case "trigger" -> AlertEvent.Signal.FIRING;
            case "acknowledge" -> AlertEvent.Signal.ACKNOWLEDGED;
            case "resolve" -> AlertEvent.Signal.RESOLVED;
            default -> throw new BadAlert("event_action", "expected \"trigger\", \"acknowledge\" or \"resolve\"");
        };
        Optional<String> given = Json.text(body, "dedup_key", "dedup_key");
        if (given.isPresent() && given.get().length() > LONGEST_KEY) {
            throw new BadAlert("dedup_key", "longer than " + LONGEST_KEY + " characters");
        }
        if (signal != AlertEvent.Signal.FIRING) {
            String key = given.orElseThrow(
                    () -> new BadAlert("dedup_key", "missing: an acknowledge or resolve names the alert it is about"));
            return new AlertEvent(
                    key,
                    false,
                    signal,
                    key,
                    Optional.empty(),
                    java.util.Map.of(),
                    Optional.empty(),
                    List.of(),
                    List.of());
        }
        JsonObject payload =
                Json.child(body, "payload", "payload").orElseThrow(() -> new BadAlert("payload", "missing"));
        String summary = Json.required(payload, "summary", "payload.summary");
        String source = Json.required(payload, "source", "payload.source");
        String severity = Json.required(payload, "severity", "payload.severity");
        if (!SEVERITIES.contains(severity)) {
            throw new BadAlert("payload.severity", "expected critical, error, warning or info");
        }
        var labels = new LinkedHashMap<>(Json.strings(payload, "custom_details", "payload.custom_details"));
        for (String name : List.of("component", "group", "class")) {
            Json.text(payload, name, "payload." + name).ifPresent(value -> labels.put(name, value));
        }
        var links = new ArrayList<AlertEvent.Link>();
        var linkObjects = Json.objects(body, "links", "links");
        for (int i = 0; i < linkObjects.size(); i++) {
            String href = Json.required(linkObjects.get(i), "href", "links[" + i + "].href");
            links.add(new AlertEvent.Link(
                    Json.text(linkObjects.get(i), "text", "links[" + i + "].text")
                            .orElse(href),
                    href));
        }
        String client = Json.text(body, "client", "client").orElse("source");
        Json.text(body, "client_url", "client_url").ifPresent(url -> links.add(new AlertEvent.Link(client, url)));
        String key = given.orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
        var details = Json.strings(payload, "custom_details", "payload.custom_details");
        var item = new AlertEvent.Item(
                summary,
                true,
                "source " + source + (details.isEmpty() ? "" : "; " + AlertmanagerFormat.labelText(details)),
                List.of());
        return new AlertEvent(
                key,
                given.isEmpty(),
                signal,
                summary,
                Optional.empty(),
                labels,
                Optional.of(severity),
                List.of(item),
                links);
    }
}
