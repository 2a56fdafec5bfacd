package dev.escalator.alerts;

import dev.escalator.core.EscalationId;
import java.util.Objects;
import java.util.Optional;

/** What became of one alert request: the escalation it went to (if any) and under which key. */
record Receipt(Outcome outcome, String key, Optional<EscalationId> escalation) {
    Receipt {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(escalation, "escalation");
    }

    /** The outcomes, as the {@code outcome} tag of {@code escalator_alerts_received_total} names them. */
    enum Outcome {
        /** A new escalation. */
        OPENED("opened"),
        /** A re-fire that brought alerts new in the group. */
        GROUPED("grouped"),
        /** A re-fire of what was already known. */
        REFIRED("refired"),
        RESOLVED("resolved"),
        /** A resolved alert with {@code auto_resolve: false}: the thread heard of it. */
        NOTED("noted"),
        ACKNOWLEDGED("acknowledged"),
        /** A new group past the integration's limit: it joined the alert storm escalation. */
        STORM("storm"),
        /** A resolve or acknowledge for a key with no unresolved escalation. */
        NOTHING_OPEN("nothing_open"),
        /** The request was refused: bad token, bad payload, unknown integration. */
        REFUSED("refused"),
        /** The store could not be reached, or the key stayed busy: the sender should retry. */
        UNAVAILABLE("unavailable");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }
}
