package dev.escalator.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A person's action as it was recorded on arrival, before the platform heard 2xx: its platform event key (a Slack
 * {@code event_id}, a trigger id, a Discord interaction id), who did it, what kind of action it is and the fields the
 * adapter decoded, as text. Enough to carry the action out later, in another process.
 */
public record InboxEntry(String key, ChatUser user, String kind, Map<String, String> fields, Instant receivedAt) {
    public InboxEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedAt, "receivedAt");
        fields = Map.copyOf(fields);
    }

    public String field(String name) {
        return fields.getOrDefault(name, "");
    }
}
