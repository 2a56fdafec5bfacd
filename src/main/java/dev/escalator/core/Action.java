package dev.escalator.core;

import java.util.Locale;

/** What a user can do to an escalation; the words are the sub-commands and reaction names. */
public enum Action {
    ACKNOWLEDGE("ack"),
    RESOLVE("resolve"),
    ESCALATE("up"),
    DECLINE("decline"),
    REASSIGN("reassign"),
    SNOOZE("snooze"),
    NOTE("note"),
    REOPEN("reopen");

    private final String command;

    Action(String command) {
        this.command = command;
    }

    /** The sub-command that does this, e.g. {@code ack}. */
    public String command() {
        return command;
    }

    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }
}
