package dev.escalator.core;

import java.util.Objects;

/**
 * A direct message the bot sent about an escalation (SPEC §11): to {@code person}, about the tag in timeline entry
 * {@code seq}, as message {@code messageId} in the direct-message channel {@code channel} (whose platform is the
 * message's). Kept with the escalation so that the message can be updated in place as the escalation changes.
 */
public record DirectMessageRef(PersonId person, int seq, ChannelRef channel, String messageId) {
    public DirectMessageRef {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(messageId, "messageId");
    }
}
