package dev.escalator.chat;

import dev.escalator.core.InboxEntry;
import dev.escalator.jobs.Job;
import dev.escalator.logging.LogContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out people's actions that were recorded and then left: the process that recorded one died (kill -9, a lost
 * node) or let go of it when its effect failed. Each is claimed with a lease, carried out once (the effect and the
 * action's key are one write), and the person is answered through the platform where it can be done.
 *
 * <p>On the embedded store the first round takes over every action in the inbox without waiting for leases to lapse:
 * the store's file lock proves the process that held them is gone (SPEC §8).
 */
public final class CarryOutRecordedActions implements Job {
    private static final Logger log = LoggerFactory.getLogger(CarryOutRecordedActions.class);
    static final int BATCH = 20;
    /** Far enough ahead that every lease a dead process took has lapsed by then. */
    private static final Duration PAST_EVERY_LEASE = Duration.ofDays(1);

    private final RecordedActions actions;
    private boolean takeOverAll;

    /** {@code soleWriter}: this process is the store's only writer (the embedded store), so no lease is still held. */
    public CarryOutRecordedActions(RecordedActions actions, boolean soleWriter) {
        this.actions = actions;
        this.takeOverAll = soleWriter;
    }

    @Override
    public String name() {
        return "carry-out-actions";
    }

    @Override
    public Optional<Instant> runOnce() {
        Instant now = actions.clock().instant();
        Instant freeBy = takeOverAll ? now.plus(PAST_EVERY_LEASE) : now;
        List<String> keys = actions.inbox().unclaimed(freeBy, BATCH);
        takeOverAll = false;
        for (String key : keys) {
            actions.takeOver(key, freeBy).ifPresent(this::carryOut);
        }
        return Optional.empty();
    }

    private void carryOut(InboxEntry entry) {
        try (var context = LogContext.of()
                .platform(entry.user().platform())
                .user(entry.user().userId())
                .action(entry.kind())) {
            log.info(
                    "{}: carrying out action {} recorded at {}",
                    entry.user().platform(),
                    entry.key(),
                    entry.receivedAt());
            actions.carryOutTakenOver(entry).ifPresent(answer -> actions.answerLater(entry, answer));
        }
    }
}
