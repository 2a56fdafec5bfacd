package dev.escalator.alerts;

import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Alertmanager webhook ({@code version} 4) and Grafana's alerting webhook, which is the same group of alerts with
 * a few more fields (a {@code title}, {@code message}, and per alert {@code silenceURL}, {@code dashboardURL}, {@code
 * panelURL}, {@code values}). One request is one alert group, keyed by {@code groupKey}; its common labels are what
 * routes match; it is resolved when its {@code status} is.
 */
final class AlertmanagerFormat implements AlertFormat {
    private final boolean grafana;

    AlertmanagerFormat(boolean grafana) {
        this.grafana = grafana;
    }

    @Override
    public AlertEvent read(JsonObject body) throws BadAlert {
        if (!grafana) {
            String version = Json.required(body, "version", "version");
            if (!version.equals("4")) {
                throw new BadAlert(
                        "version", "expected \"4\" (the Alertmanager webhook version), got \"%s\"".formatted(version));
            }
        }
        String groupKey = Json.required(body, "groupKey", "groupKey");
        var signal = switch (Json.required(body, "status", "status")) {
            case "firing" -> AlertEvent.Signal.FIRING;
            case "resolved" -> AlertEvent.Signal.RESOLVED;
            default -> throw new BadAlert("status", "expected \"firing\" or \"resolved\"");
        };
        var common = Json.strings(body, "commonLabels", "commonLabels");
        var groupLabels = Json.strings(body, "groupLabels", "groupLabels");
        var annotations = Json.strings(body, "commonAnnotations", "commonAnnotations");
        var alerts = Json.objects(body, "alerts", "alerts");
        if (alerts.isEmpty()) {
            // Alertmanager and Grafana always send the group's alerts: without them there is nothing to page about
            throw new BadAlert("alerts", "expected the group's alerts, at least one");
        }
        var items = new ArrayList<AlertEvent.Item>();
        for (int i = 0; i < alerts.size(); i++) {
            items.add(item(alerts.get(i), "alerts[" + i + "]", common));
        }
        String title = (grafana ? Json.text(body, "title", "title") : Optional.<String>empty())
                .or(() -> Optional.ofNullable(annotations.get("summary")))
                .or(() -> Optional.ofNullable(common.get("alertname")))
                .or(() -> Optional.ofNullable(groupLabels.get("alertname")))
                .orElse("Alert group " + labelText(groupLabels));
        Optional<String> message = grafana ? Json.text(body, "message", "message") : Optional.empty();
        var description = Optional.ofNullable(annotations.get("description")).or(() -> message);
        var links = new ArrayList<AlertEvent.Link>();
        Optional.ofNullable(annotations.get("runbook_url"))
                .ifPresent(url -> links.add(new AlertEvent.Link("runbook", url)));
        if (!grafana) {
            Json.text(body, "externalURL", "externalURL")
                    .ifPresent(url -> links.add(new AlertEvent.Link("silence", silenceUrl(url, groupLabels))));
        }
        return new AlertEvent(groupKey, false, signal, title, description, common, Optional.empty(), items, links);
    }

    private AlertEvent.Item item(JsonObject alert, String field, Map<String, String> common) throws BadAlert {
        var labels = Json.strings(alert, "labels", field + ".labels");
        var annotations = Json.strings(alert, "annotations", field + ".annotations");
        boolean firing =
                !"resolved".equals(Json.text(alert, "status", field + ".status").orElse("firing"));
        Map<String, String> own = labels.entrySet().stream()
                .filter(label -> !label.getValue().equals(common.get(label.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
        String name = labels.getOrDefault("alertname", "alert") + (own.isEmpty() ? "" : " " + labelText(own));
        var details = new ArrayList<String>();
        Optional.ofNullable(annotations.get("summary")).ifPresent(details::add);
        if (grafana) {
            var values = Json.strings(alert, "values", field + ".values");
            if (!values.isEmpty()) {
                details.add("values " + labelText(values));
            } else {
                Json.text(alert, "valueString", field + ".valueString").ifPresent(details::add);
            }
        }
        var links = new ArrayList<AlertEvent.Link>();
        Json.text(alert, "generatorURL", field + ".generatorURL")
                .ifPresent(url -> links.add(new AlertEvent.Link("source", url)));
        Optional.ofNullable(annotations.get("runbook_url"))
                .ifPresent(url -> links.add(new AlertEvent.Link("runbook", url)));
        if (grafana) {
            Json.text(alert, "dashboardURL", field + ".dashboardURL")
                    .ifPresent(url -> links.add(new AlertEvent.Link("dashboard", url)));
            Json.text(alert, "panelURL", field + ".panelURL")
                    .ifPresent(url -> links.add(new AlertEvent.Link("panel", url)));
            Json.text(alert, "silenceURL", field + ".silenceURL")
                    .ifPresent(url -> links.add(new AlertEvent.Link("silence", url)));
        }
        return new AlertEvent.Item(name, firing, String.join("; ", details), links);
    }

    static String labelText(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Alertmanager's own page for a new silence, filled with the group's labels. */
    private static String silenceUrl(String externalUrl, Map<String, String> groupLabels) {
        String filter = groupLabels.entrySet().stream()
                .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        String base = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
        return base + "/#/silences/new?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    static List<String> names(List<AlertEvent.Item> items) {
        return items.stream().map(AlertEvent.Item::name).toList();
    }
}
