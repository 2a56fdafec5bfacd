package dev.escalator.jobs;

import java.time.Instant;
import java.util.Optional;

/** One background job run again and again by a {@link JobLoop}: fire due steps, deliver effects, expire keys. */
public interface Job {

    /** A name for logs and the thread. */
    String name();

    /** Does one round of work; returns when it wants to run next, or empty to be polled. */
    Optional<Instant> runOnce();
}
