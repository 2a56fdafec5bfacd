package dev.escalator.core;

import java.util.Objects;

/**
 * Something to carry out in chat after a transition has been stored. Effects are small and refer to the timeline by
 * sequence number, so they can be kept in the store next to the escalation and delivered later, after a crash too.
 */
public sealed interface Effect {

    /** Post the root message in the escalation's channel and start its thread with the brief. */
    record PostRoot() implements Effect {}

    /** Post timeline entry {@code seq} in the thread (a tag, an acknowledgement, a note …). */
    record Announce(int seq) implements Effect {}

    /** Edit the root message in place to show the current status and level. */
    record RefreshRoot() implements Effect {}

    /** Tell the path's fallback channel that the escalation is exhausted (timeline entry {@code seq}). */
    record AlertFallback(ChannelRef channel, int seq) implements Effect {
        public AlertFallback {
            Objects.requireNonNull(channel, "channel");
        }
    }
}
