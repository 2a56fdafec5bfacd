package dev.escalator.testing;

import dev.escalator.core.Actor;
import dev.escalator.core.Brief;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Directory;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.Level;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Outcome;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import dev.escalator.core.Target;
import dev.escalator.core.Transitions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small world for store, scheduler and delivery tests: alice (level 1) and bob (level 2) on a path {@code payments}
 * with the given ack timeout per level and a fallback channel, and a way to open an escalation straight into a store.
 */
public final class ScenarioData {
    public static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    public static final ChannelRef PAY = new ChannelRef(Platform.SLACK, "C0PAY");
    public static final ChannelRef LEADS = new ChannelRef(Platform.SLACK, "C0LEADS");
    public static final Actor.User ALICE =
            Actor.User.known(new ChatUser(Platform.SLACK, "U0ALICE"), new PersonId("alice"));
    public static final Actor.User BOB = Actor.User.known(new ChatUser(Platform.SLACK, "U0BOB"), new PersonId("bob"));

    private ScenarioData() {}

    /** Two levels (alice, then bob), {@code ackTimeout} each, no repeat, fallback to {@link #LEADS}. */
    public static Directory twoLevels(Duration ackTimeout) {
        return twoLevels(ackTimeout, Optional.of(LEADS));
    }

    /** Two levels (alice, then bob), {@code ackTimeout} each, no repeat. */
    public static Directory twoLevels(Duration ackTimeout, Optional<ChannelRef> fallback) {
        return Directory.of(
                List.of(
                        new Person(new PersonId("alice"), Map.of(Platform.SLACK, "U0ALICE"), Optional.empty()),
                        new Person(new PersonId("bob"), Map.of(Platform.SLACK, "U0BOB"), Optional.empty())),
                List.of(),
                List.of(new Path(
                        new PathId("payments"),
                        List.of(
                                new Level(List.of(new Target.Individual(new PersonId("alice"))), ackTimeout),
                                new Level(List.of(new Target.Individual(new PersonId("bob"))), ackTimeout)),
                        0,
                        Map.of(),
                        Optional.empty(),
                        Path.DEFAULT_STALE_AFTER,
                        fallback)),
                Set.of());
    }

    /** Opens an escalation by alice in {@code channel} and stores it with its effects. */
    public static Escalation open(EscalationStore store, Transitions transitions, Instant now, ChannelRef channel) {
        var request = new OpenRequest(
                "Checkout is failing", Brief.EMPTY, Severity.DEFAULT, new PathId("payments"), ALICE, channel);
        var applied = (Outcome.Applied) transitions.open(store.nextId(), request, now);
        store.create(applied.escalation(), applied.effects());
        return applied.escalation();
    }
}
