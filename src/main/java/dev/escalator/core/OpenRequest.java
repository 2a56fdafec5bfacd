package dev.escalator.core;

import java.util.Objects;

/**
 * Everything needed to open an escalation; the chat layer (or the alert intake) has already picked the path. The
 * reporter is a chat user or an integration.
 */
public record OpenRequest(String title, Brief brief, Severity severity, PathId path, Actor reporter, ChannelRef home) {
    public OpenRequest {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(brief, "brief");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(home, "home");
    }
}
