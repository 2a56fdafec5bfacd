package dev.escalator.chat;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What delivery needs from a chat platform; the Slack and Discord adapters implement it and do all the rendering.
 * Calls block until the platform answered, each HTTP call at most {@link #CALL_TIME_OUT}. A failure is a {@link
 * ChatFailure} saying whether and when to retry.
 *
 * <p>Each post carries its {@link PostKey}: when the key is uncertain, the adapter first looks for the post an earlier
 * attempt may have made and answers with that one instead of posting again.
 */
public interface ChatPort {
    /**
     * The longest one HTTP call to a platform takes, all in: then the adapter gives it up (its outcome unknown). A post
     * in flight lands within this or not at all, as far as this process can tell; delivery claims of a silent replica
     * are taken over only after it ({@code EndClaimsOfSilentReplicas}), so that the post is there to be found.
     */
    Duration CALL_TIME_OUT = Duration.ofSeconds(2);

    Platform platform();

    /** Posts the root message in the escalation's channel and starts its thread. */
    ThreadRef postRoot(Escalation escalation, PostKey key);

    /** Posts timeline entries (consecutive ones go together) in the thread; returns the posted message's id. */
    String postInThread(Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key);

    /** Edits the root message to show the escalation as it is now. */
    void refreshRoot(Escalation escalation, ThreadRef thread);

    /**
     * A link that opens the root message of {@code thread} (Slack's permalink, Discord's message URL); empty where the
     * platform has none. May call the platform (and fail with a {@link ChatFailure}): callers keep what it answered.
     */
    default Optional<String> rootLink(ThreadRef thread) {
        return Optional.empty();
    }

    /**
     * Sends {@code person} a direct message on this platform about the tag {@code tag} of {@code escalation} (SPEC
     * §11), with Acknowledge and Decline buttons and {@code threadLink} to the thread, where there is one; returns
     * where the message is. An uncertain {@code key} is looked for first, as for every post. A recipient who cannot get
     * it (no account here any more, direct messages closed) is a {@link ChatFailure#unreachable}.
     */
    default DirectMessageRef sendDirectMessage(
            Escalation escalation, TimelineEntry tag, PersonId person, Optional<String> threadLink, PostKey key) {
        throw ChatFailure.unreachable(
                "Escalator sends no direct messages on " + platform().displayName());
    }

    /**
     * Edits {@code message}, a direct message sent about {@code escalation}, to show it as it is now: its status, and
     * the buttons only while it asks for an answer ({@link Narrator#asksForAnswer}).
     */
    default void refreshDirectMessage(Escalation escalation, DirectMessageRef message, Optional<String> threadLink) {}

    /**
     * Tells a fallback channel what timeline entry {@code exhausted} says: that the escalation is exhausted, or that
     * one of its posts has not gone out ({@code Event.NotDelivered}); returns the posted message's id.
     */
    String alertFallback(Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key);

    /**
     * Posts {@code text} (already in the platform's markup, cut to its limits) with an image in a channel, mentioning
     * nobody; returns the posted message's or file's id. Not retried by delivery: the caller decides.
     */
    String postImage(ChannelRef channel, String text, ChatImage image);
}
