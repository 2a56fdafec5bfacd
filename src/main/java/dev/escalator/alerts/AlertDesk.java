package dev.escalator.alerts;

import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Problem;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.schedule.Reply;

/**
 * The alert intake's one way into the application path: it opens and acts through the same desk as people's commands
 * (decide, guarded write, one listener for metrics and wake-ups), and turns its replies into the few results the
 * intake needs. The only class of this package that knows the desk.
 */
final class AlertDesk {
    private final EscalationDesk desk;
    private final EscalationStore store;

    AlertDesk(EscalationDesk desk, EscalationStore store) {
        this.desk = desk;
        this.store = store;
    }

    sealed interface Result {
        /** Stored durably: a kill -9 from now on loses nothing. */
        record Stored(Escalation escalation) implements Result {}

        /** Opened under this id before, by an opener that went quiet and was taken over: nothing new stored. */
        record OpenedBefore(Escalation escalation) implements Result {}

        record Missing() implements Result {}

        record Rejected(Problem problem) implements Result {}

        record Unavailable() implements Result {}
    }

    /** Throws {@link dev.escalator.core.StoreUnavailableException} when the store cannot be reached. */
    EscalationId nextId() {
        return store.nextId();
    }

    /** Opens under {@code id}, unless an escalation with that id was already created (by an opener that then died). */
    Result open(EscalationId id, OpenRequest request) {
        var existing = store.find(id);
        if (existing.isPresent()) {
            return new Result.OpenedBefore(existing.get());
        }
        return switch (desk.open(id, request)) {
            case Reply.Opened opened when opened.before() -> new Result.OpenedBefore(opened.escalation());
            case Reply reply -> result(reply);
        };
    }

    Result act(EscalationId id, Command command) {
        return result(desk.act(id, command));
    }

    private static Result result(Reply reply) {
        return switch (reply) {
            case Reply.Opened opened -> new Result.Stored(opened.escalation());
            case Reply.Done done -> new Result.Stored(done.escalation());
            case Reply.NotFound ignored -> new Result.Missing();
            case Reply.Rejected rejected -> new Result.Rejected(rejected.problem());
            case Reply.Refused refused -> new Result.Rejected(new Problem(Problem.Kind.BAD_ARGUMENT, refused.reason()));
            case Reply.Unavailable ignored -> new Result.Unavailable();
        };
    }
}
