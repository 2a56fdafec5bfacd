package dev.escalator.core;

import java.util.Objects;

/** Everything needed to open an escalation; the chat layer has already picked the path (channel binding or path:). */
public record OpenRequest(
        String title, Brief brief, Severity severity, PathId path, Actor.User reporter, ChannelRef home) {
    public OpenRequest {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(brief, "brief");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(home, "home");
    }
}
