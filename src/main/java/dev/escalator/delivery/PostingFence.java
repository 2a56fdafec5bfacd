package dev.escalator.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether this replica may still start a post for the delivery claims it holds. With several replicas, another one
 * takes a claim over when this replica's heartbeat has been silent long enough, and then looks for the post in doubt
 * before making it; a post this replica started later, or still had in flight, would be made twice. So a replica
 * claims under the name {@link #owner} gives it now, and starts a post only while {@link #mayPost} says that nobody
 * can have taken that claim over before the post has landed or been given up.
 *
 * <p>Not a lock: it relies on the replicas' clocks agreeing to well under a second, and on a platform carrying out a
 * call within the call's time-out or not at all. A replica alone on its store (the embedded one) is never taken over:
 * {@link #alone}.
 */
public interface PostingFence {

    /** The owner name for delivery claims taken now. */
    String owner();

    /** Whether a post for a claim taken as {@code owner} may start at {@code now}. */
    boolean mayPost(String owner, Instant now);

    /** For a replica that no other replica takes claims over from: always the same owner, always allowed. */
    static PostingFence alone(String replica) {
        Objects.requireNonNull(replica, "replica");
        return new PostingFence() {
            @Override
            public String owner() {
                return replica;
            }

            @Override
            public boolean mayPost(String owner, Instant now) {
                return true;
            }
        };
    }
}
