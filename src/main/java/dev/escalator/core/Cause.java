package dev.escalator.core;

/** Why an escalation moved to another level. */
public enum Cause {
    /** Nobody acknowledged before the level's ack timeout. */
    TIMEOUT,
    /** Someone asked for the next level (command, button or reaction). */
    MANUAL,
    /** Someone tagged said they cannot take it. */
    DECLINED,
    /** A snooze ran out. */
    SNOOZE_ENDED,
    /** Acknowledged but left unresolved longer than the path's {@code reescalate_after_ack}. */
    ACK_EXPIRED
}
