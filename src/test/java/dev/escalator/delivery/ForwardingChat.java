package dev.escalator.delivery;

import dev.escalator.chat.ChatImage;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import java.util.List;
import java.util.Optional;

/** A chat port that does what another does; tests override the call they watch, slow down or act during. */
class ForwardingChat implements ChatPort {
    private final ChatPort chat;

    ForwardingChat(ChatPort chat) {
        this.chat = chat;
    }

    @Override
    public Platform platform() {
        return chat.platform();
    }

    @Override
    public ThreadRef postRoot(Escalation escalation, PostKey key) {
        return chat.postRoot(escalation, key);
    }

    @Override
    public String postInThread(Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key) {
        return chat.postInThread(escalation, thread, entries, key);
    }

    @Override
    public void refreshRoot(Escalation escalation, ThreadRef thread) {
        chat.refreshRoot(escalation, thread);
    }

    @Override
    public String alertFallback(Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key) {
        return chat.alertFallback(escalation, fallback, exhausted, key);
    }

    @Override
    public String postImage(ChannelRef channel, String text, ChatImage image) {
        return chat.postImage(channel, text, image);
    }

    @Override
    public DirectMessageRef sendDirectMessage(
            Escalation escalation, TimelineEntry tag, PersonId person, Optional<String> threadLink, PostKey key) {
        return chat.sendDirectMessage(escalation, tag, person, threadLink, key);
    }

    @Override
    public void refreshDirectMessage(Escalation escalation, DirectMessageRef message, Optional<String> threadLink) {
        chat.refreshDirectMessage(escalation, message, threadLink);
    }
}
