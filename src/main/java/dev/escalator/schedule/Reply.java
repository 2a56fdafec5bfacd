package dev.escalator.schedule;

import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Problem;

/** How a request to the {@link EscalationDesk} ended, for the person who asked. */
public sealed interface Reply {
    /**
     * Opened and stored; the root message and first tag follow through delivery. {@code before}: it was opened under
     * this id already (the same action or alert carried out again), and nothing new was stored now.
     */
    record Opened(Escalation escalation, boolean before) implements Reply {
        public Opened(Escalation escalation) {
            this(escalation, false);
        }
    }

    /** The action happened and is stored. */
    record Done(Escalation escalation) implements Reply {}

    /** The person may not do this; the refusal is in the timeline. */
    record Refused(EscalationId id, String reason) implements Reply {}

    /** Nothing changed: already done, wrong status or a bad argument. */
    record Rejected(Problem problem) implements Reply {}

    record NotFound(EscalationId id) implements Reply {}

    /** The store could not be reached; nothing was recorded. */
    record Unavailable() implements Reply {}
}
