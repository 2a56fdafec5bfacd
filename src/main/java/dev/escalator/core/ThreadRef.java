package dev.escalator.core;

import java.util.Objects;

/**
 * Where an escalation shows in chat: the root message in its channel and the thread under it. On Slack the thread id
 * is the root message's {@code ts}; on Discord it is the id of the thread channel created from the root message.
 */
public record ThreadRef(ChannelRef channel, String rootMessageId, String threadId) {
    public ThreadRef {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(rootMessageId, "rootMessageId");
        Objects.requireNonNull(threadId, "threadId");
    }
}
