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

    /**
     * Send {@code person} a direct message on {@code platform} about the tag in timeline entry {@code seq} (SPEC §11):
     * the escalation, its level, when the next level follows, a link to the thread, and Acknowledge and Decline
     * buttons. Queued right after that tag's {@link Announce}, for every platform where the person has an account,
     * unless their configuration says {@code dm: false}. One message per effect: delivery keeps what it sent, so that
     * {@link RefreshDirectMessages} can update it.
     */
    record DirectMessage(PersonId person, Platform platform, int seq) implements Effect {
        public DirectMessage {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(platform, "platform");
        }
    }

    /**
     * Edit every direct message the escalation sent to show it as it is now: its status, and the buttons only on the
     * messages about the current tag while there is something to acknowledge. Queued with every {@link RefreshRoot}.
     */
    record RefreshDirectMessages() implements Effect {}

    /** Tell the path's fallback channel that the escalation is exhausted (timeline entry {@code seq}). */
    record AlertFallback(ChannelRef channel, int seq) implements Effect {
        public AlertFallback {
            Objects.requireNonNull(channel, "channel");
        }
    }
}
