package dev.escalator.alerts;

import dev.escalator.core.Brief;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The brief of an escalation an alert opens: the source's description, the group's labels, each alert with its
 * details and links, and the group's links. Bounded, so that a group of thousands of alerts still makes one post.
 */
final class AlertBrief {
    /** More alerts are counted, not listed: the thread post has a platform limit anyway. */
    static final int LISTED_ALERTS = 20;

    private static final int LONGEST_TITLE = 200;

    private AlertBrief() {}

    static String title(AlertEvent alert) {
        String title = alert.title().strip().replaceAll("\\s+", " ");
        return title.length() <= LONGEST_TITLE ? title : title.substring(0, LONGEST_TITLE - 1) + "…";
    }

    static Brief of(String integration, AlertEvent alert) {
        var text = new StringBuilder();
        alert.description()
                .ifPresent(description -> text.append(description.strip()).append("\n"));
        if (!alert.labels().isEmpty()) {
            text.append("Labels: ")
                    .append(AlertmanagerFormat.labelText(new java.util.TreeMap<>(alert.labels())))
                    .append("\n");
        }
        List<AlertEvent.Item> alerts = alert.alerts();
        if (!alerts.isEmpty()) {
            text.append(alerts.size() == 1 ? "Alert:" : alerts.size() + " alerts:")
                    .append("\n");
            alerts.stream()
                    .limit(LISTED_ALERTS)
                    .forEach(item -> text.append(line(item)).append("\n"));
            if (alerts.size() > LISTED_ALERTS) {
                text.append("… and %d more\n".formatted(alerts.size() - LISTED_ALERTS));
            }
        }
        if (!alert.links().isEmpty()) {
            text.append("Links: ").append(links(alert.links())).append("\n");
        }
        text.append("Reported by the ").append(integration).append(" integration.");
        return new Brief(
                Optional.of(text.toString()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static String line(AlertEvent.Item item) {
        String details = item.details().isEmpty() ? "" : ": " + item.details();
        String links = item.links().isEmpty() ? "" : " (" + links(item.links()) + ")";
        return "• " + item.name() + (item.firing() ? "" : " [resolved]") + details + links;
    }

    private static String links(List<AlertEvent.Link> links) {
        return links.stream().map(link -> link.text() + " " + link.url()).collect(Collectors.joining(", "));
    }
}
