package dev.escalator.metrics;

import dev.escalator.chat.ChatCalls;
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
import java.util.function.Supplier;

/**
 * Counts delivery's calls through one platform's chat port by outcome: ok, rate limited (the platform said HTTP 429,
 * delivery will wait and retry) or error (anything else the port reported). One port call may be several platform
 * requests (Discord's root message and its thread); it counts once, as what delivery asked for.
 */
public final class CountedChatPort implements ChatPort {
    private final ChatPort chat;
    private final ChatCalls calls;

    public CountedChatPort(ChatPort chat, ChatCalls calls) {
        this.chat = chat;
        this.calls = calls;
    }

    @Override
    public Platform platform() {
        return chat.platform();
    }

    @Override
    public ThreadRef postRoot(Escalation escalation, PostKey key) {
        return counted("post_root", () -> chat.postRoot(escalation, key));
    }

    @Override
    public String postInThread(Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key) {
        return counted("post_in_thread", () -> chat.postInThread(escalation, thread, entries, key));
    }

    @Override
    public void refreshRoot(Escalation escalation, ThreadRef thread) {
        counted("refresh_root", () -> {
            chat.refreshRoot(escalation, thread);
            return null;
        });
    }

    @Override
    public Optional<String> rootLink(ThreadRef thread) {
        return counted("root_link", () -> chat.rootLink(thread));
    }

    @Override
    public DirectMessageRef sendDirectMessage(
            Escalation escalation, TimelineEntry tag, PersonId person, Optional<String> threadLink, PostKey key) {
        return counted("direct_message", () -> chat.sendDirectMessage(escalation, tag, person, threadLink, key));
    }

    @Override
    public void refreshDirectMessage(Escalation escalation, DirectMessageRef message, Optional<String> threadLink) {
        counted("refresh_direct_message", () -> {
            chat.refreshDirectMessage(escalation, message, threadLink);
            return null;
        });
    }

    @Override
    public String alertFallback(Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key) {
        return counted("alert_fallback", () -> chat.alertFallback(escalation, fallback, exhausted, key));
    }

    @Override
    public String postImage(ChannelRef channel, String text, ChatImage image) {
        return counted("post_image", () -> chat.postImage(channel, text, image));
    }

    private <T> T counted(String call, Supplier<T> body) {
        try {
            T result = body.get();
            calls.called(chat.platform(), call, ChatCalls.Outcome.OK);
            return result;
        } catch (RuntimeException e) {
            calls.called(chat.platform(), call, ChatCalls.outcomeOf(e));
            throw e;
        }
    }
}
