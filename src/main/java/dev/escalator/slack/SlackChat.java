package dev.escalator.slack;

import dev.escalator.chat.Narrator;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.delivery.ChatImage;
import dev.escalator.delivery.ChatPort;
import java.util.List;
import java.util.Optional;

/**
 * The Slack chat port: the root message with its buttons, and the thread under its {@code ts}, whose posts are plain
 * message text. Every text is cut to Slack's limits (3000 per block text, 4000 per message text), and the root's
 * blocks carry a plain {@code text} too, for notifications.
 */
final class SlackChat implements ChatPort {
    private final SlackWebApi api;
    private final Narrator narrator;

    SlackChat(SlackWebApi api, Narrator narrator) {
        this.api = api;
        this.narrator = narrator;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public ThreadRef postRoot(Escalation escalation) {
        String channel = escalation.home().channelId();
        String ts = api.post(
                channel,
                RootMessage.text(narrator, escalation),
                RootMessage.blocks(narrator, escalation),
                Optional.empty());
        // the brief follows as the thread's first post, delivered (and retried) like every other
        return new ThreadRef(escalation.home(), ts, ts);
    }

    @Override
    public String postInThread(Escalation escalation, ThreadRef thread, List<TimelineEntry> entries) {
        return post(thread, narrator.entries(escalation, entries));
    }

    @Override
    public void refreshRoot(Escalation escalation, ThreadRef thread) {
        api.update(
                thread.channel().channelId(),
                thread.rootMessageId(),
                RootMessage.text(narrator, escalation),
                RootMessage.blocks(narrator, escalation));
    }

    @Override
    public String alertFallback(Escalation escalation, ChannelRef fallback, TimelineEntry exhausted) {
        String text = narrator.fallbackAlert(escalation);
        return api.post(fallback.channelId(), text, List.of(), Optional.empty());
    }

    @Override
    public String postImage(ChannelRef channel, String text, ChatImage image) {
        return api.upload(channel.channelId(), text, image.fileName(), image.description(), image.png());
    }

    private String post(ThreadRef thread, String text) {
        return api.post(thread.channel().channelId(), text, List.of(), Optional.of(thread.threadId()));
    }
}
