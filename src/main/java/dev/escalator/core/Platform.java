package dev.escalator.core;

/** The chat platforms a person can have an account on and an escalation can live on. */
public enum Platform {
    SLACK("Slack"),
    DISCORD("Discord");

    private final String displayName;

    Platform(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
