package dev.escalator.alerts;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request from a monitoring source, whatever its format: the group it is about ({@code key}), what it says
 * ({@code signal}), and what people need to see. {@code labels} are what routes match; {@code severityText} is what the
 * source said about severity, when it said it outside the labels (PagerDuty's {@code payload.severity}, the generic
 * {@code severity}). {@code keyMade}: the source gave no key and one was made, to be returned (PagerDuty).
 */
record AlertEvent(
        String key,
        boolean keyMade,
        Signal signal,
        String title,
        Optional<String> description,
        Map<String, String> labels,
        Optional<String> severityText,
        List<Item> alerts,
        List<Link> links) {

    AlertEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(severityText, "severityText");
        alerts = List.copyOf(alerts);
        links = List.copyOf(links);
    }

    /** What the source says about the group. */
    enum Signal {
        FIRING,
        RESOLVED,
        ACKNOWLEDGED
    }

    /**
     * One alert of the group: {@code name} identifies it in the group (new alerts are named in the thread), {@code
     * details} are its own labels, values and summary, {@code links} its generator, runbook, dashboard and silence
     * links.
     */
    record Item(String name, boolean firing, String details, List<Link> links) {
        Item {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(details, "details");
            links = List.copyOf(links);
        }
    }

    record Link(String text, String url) {
        Link {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(url, "url");
        }
    }
}
