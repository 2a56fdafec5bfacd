package dev.escalator.core;

/** Where an escalation stands (SPEC §1). */
public enum Status {
    /** Escalating: someone at the current level is tagged and the timer runs. */
    OPEN,
    /** Someone took it; escalation stopped. */
    ACKNOWLEDGED,
    /** Acknowledged until a given time, then escalating again from the current level. */
    SNOOZED,
    /** Closed. */
    RESOLVED,
    /** Nobody acknowledged after every level and repeat; the fallback was told; still open for acknowledgement. */
    EXHAUSTED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isUnresolved() {
        return this != RESOLVED;
    }
}
