package dev.escalator.chat;

import dev.escalator.core.Action;
import dev.escalator.core.Actor;
import dev.escalator.core.Cause;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.TimelineEntry;

/**
 * After a platform connection was lost, the reactions still on a message are all the bot can see of what it missed,
 * with no time attached. A reaction counts as missed only if its action by that person is nowhere in the timeline
 * (done, or refused): so an old ✅ still on the message does not resolve an escalation reopened since, and a reaction
 * the bot saw is never applied twice, however long ago it was.
 */
public final class MissedReactions {
    private MissedReactions() {}

    /** True when {@code user} doing {@code action} on {@code escalation} is already in its timeline. */
    public static boolean alreadyRecorded(Escalation escalation, ChatUser user, Action action) {
        return escalation.timeline().stream()
                .filter(entry ->
                        entry.actor() instanceof Actor.User by && by.account().equals(user))
                .anyMatch(entry -> records(entry, action));
    }

    private static boolean records(TimelineEntry entry, Action action) {
        return switch (entry.event()) {
            case Event.Acknowledged ignored -> action == Action.ACKNOWLEDGE;
            case Event.Resolved ignored -> action == Action.RESOLVE;
            case Event.Escalated escalated -> action == Action.ESCALATE && escalated.cause() == Cause.MANUAL;
            case Event.Declined ignored -> action == Action.DECLINE;
            case Event.Refused refused -> refused.action() == action;
            default -> false;
        };
    }
}
