package dev.escalator.testing;

import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatImage;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat platform that records what the bot posts, and fails on request (a 429, a 500, a gone channel). Like the
 * Slack adapter, it remembers each post's key and answers an uncertain post it already made with that post, without
 * posting again.
 */
public final class RecordingChat implements ChatPort {
    /** One post the bot made. {@code entries} are the timeline entries of a thread post. */
    public record Call(String kind, EscalationId escalation, List<TimelineEntry> entries, PostKey key) {}

    /** A text with an image, posted in a channel (the weekly digest). */
    public record ImagePost(ChannelRef channel, String text, ChatImage image) {}

    private final Platform platform;
    private final List<ImagePost> imagePosts = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<PostKey> found = new CopyOnWriteArrayList<>();
    private final Map<String, String> postedByKey = new ConcurrentHashMap<>();
    private final Queue<ChatFailure> failures = new ArrayDeque<>();
    private final Queue<ChatFailure> failuresAfterPosting = new ArrayDeque<>();
    private final AtomicLong messages = new AtomicLong();
    private ChatFailure failingUntilCleared;
    private int refusals;

    public RecordingChat(Platform platform) {
        this.platform = platform;
    }

    /** The next calls fail with these, in order, before anything is recorded. */
    public synchronized void failNext(ChatFailure... next) {
        failures.addAll(List.of(next));
    }

    /** Every call fails with {@code failure}, as for a revoked token, until {@link #clearFailures}. */
    public synchronized void failUntilCleared(ChatFailure failure) {
        failingUntilCleared = failure;
    }

    public synchronized void clearFailures() {
        failingUntilCleared = null;
        failures.clear();
    }

    /** Calls refused by {@link #failUntilCleared} so far. */
    public synchronized int refusals() {
        return refusals;
    }

    /** The next posts are made, and then fail with these, as when the answer is lost on its way back. */
    public synchronized void loseAnswerOfNext(ChatFailure... next) {
        failuresAfterPosting.addAll(List.of(next));
    }

    /** Every post made, in order (not the ones found again). */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The uncertain posts that had been made already, so were not made again. */
    public List<PostKey> foundAgain() {
        return List.copyOf(found);
    }

    /** Every Tagged entry posted, across all escalations. */
    public List<Event.Tagged> tags() {
        return calls.stream()
                .flatMap(call -> call.entries().stream())
                .map(TimelineEntry::event)
                .filter(Event.Tagged.class::isInstance)
                .map(Event.Tagged.class::cast)
                .toList();
    }

    public List<Call> callsFor(EscalationId id) {
        return calls.stream().filter(call -> call.escalation().equals(id)).toList();
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public ThreadRef postRoot(Escalation escalation, PostKey key) {
        String root = post(new Call("root", escalation.id(), List.of(), key));
        return new ThreadRef(escalation.home(), root, root);
    }

    @Override
    public String postInThread(Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key) {
        return post(new Call("thread", escalation.id(), List.copyOf(entries), key));
    }

    @Override
    public void refreshRoot(Escalation escalation, ThreadRef thread) {
        failIfAsked();
        calls.add(new Call("refresh", escalation.id(), List.of(), new PostKey("refresh", false)));
    }

    @Override
    public String alertFallback(Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key) {
        return post(new Call("fallback", escalation.id(), List.of(exhausted), key));
    }

    private String post(Call call) {
        failIfAsked();
        String earlier = postedByKey.get(call.key().id());
        if (call.key().uncertain() && earlier != null) {
            found.add(call.key());
            return earlier;
        }
        calls.add(call);
        String id = "m" + messages.incrementAndGet();
        postedByKey.put(call.key().id(), id);
        ChatFailure lost = pollLostAnswer();
        if (lost != null) {
            throw lost;
        }
        return id;
    }

    private synchronized ChatFailure pollLostAnswer() {
        return failuresAfterPosting.poll();
    }

    /** A direct message the bot sent: to whom, about which tag, and the key it went with. */
    public record DirectMessage(EscalationId escalation, PersonId person, int seq, PostKey key) {}

    private final List<DirectMessage> directMessages = new CopyOnWriteArrayList<>();
    private final List<DirectMessageRef> refreshed = new CopyOnWriteArrayList<>();
    private final Queue<ChatFailure> directMessageFailures = new ArrayDeque<>();

    /** The next direct messages fail with these, in order; posts in channels are not affected. */
    public synchronized void failNextDirectMessages(ChatFailure... next) {
        directMessageFailures.addAll(List.of(next));
    }

    /** Every direct message sent, in order (not the ones found again). */
    public List<DirectMessage> directMessages() {
        return List.copyOf(directMessages);
    }

    /** Every direct message refreshed, in order. */
    public List<DirectMessageRef> refreshedDirectMessages() {
        return List.copyOf(refreshed);
    }

    @Override
    public DirectMessageRef sendDirectMessage(
            Escalation escalation, TimelineEntry tag, PersonId person, Optional<String> threadLink, PostKey key) {
        ChatFailure failure;
        synchronized (this) {
            failure = directMessageFailures.poll();
        }
        if (failure != null) {
            throw failure;
        }
        var channel = new ChannelRef(platform, "D-" + person.value());
        String earlier = postedByKey.get(key.id());
        if (key.uncertain() && earlier != null) {
            found.add(key);
            return new DirectMessageRef(person, tag.seq(), channel, earlier);
        }
        directMessages.add(new DirectMessage(escalation.id(), person, tag.seq(), key));
        String id = "m" + messages.incrementAndGet();
        postedByKey.put(key.id(), id);
        return new DirectMessageRef(person, tag.seq(), channel, id);
    }

    @Override
    public void refreshDirectMessage(Escalation escalation, DirectMessageRef message, Optional<String> threadLink) {
        refreshed.add(message);
    }

    /** Every text-with-image post, in order. */
    public List<ImagePost> imagePosts() {
        return List.copyOf(imagePosts);
    }

    @Override
    public String postImage(ChannelRef channel, String text, ChatImage image) {
        failIfAsked();
        imagePosts.add(new ImagePost(channel, text, image));
        return "m" + messages.incrementAndGet();
    }

    private synchronized void failIfAsked() {
        if (failingUntilCleared != null) {
            refusals++;
            throw failingUntilCleared;
        }
        ChatFailure failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
    }
}
