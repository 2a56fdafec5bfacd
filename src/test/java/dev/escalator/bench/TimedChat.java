package dev.escalator.bench;

import dev.escalator.chat.ChatImage;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A chat platform that answers at once and notes how late each benchmarked step's post went out (in milliseconds). */
final class TimedChat implements ChatPort {
    final Samples lateness = new Samples();
    private final Map<EscalationId, Instant> due;
    private final Clock clock;
    private final Set<EscalationId> posted = ConcurrentHashMap.newKeySet();
    private final AtomicLong messages = new AtomicLong();

    TimedChat(Map<EscalationId, Instant> due, Clock clock) {
        this.due = due;
        this.clock = clock;
    }

    int posted() {
        return posted.size();
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public ThreadRef postRoot(Escalation escalation, PostKey key) {
        String root = "m" + messages.incrementAndGet();
        return new ThreadRef(escalation.home(), root, root);
    }

    @Override
    public String postInThread(Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key) {
        Instant dueAt = due.get(escalation.id());
        if (dueAt != null && posted.add(escalation.id())) {
            lateness.add(Duration.between(dueAt, clock.instant()).toMillis());
        }
        return "m" + messages.incrementAndGet();
    }

    @Override
    public void refreshRoot(Escalation escalation, ThreadRef thread) {}

    @Override
    public String alertFallback(Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key) {
        return "m" + messages.incrementAndGet();
    }

    @Override
    public String postImage(ChannelRef channel, String text, ChatImage image) {
        return "m" + messages.incrementAndGet();
    }
}
