package dev.escalator.testing;

import dev.escalator.core.Actor;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Directory;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Outcome;
import dev.escalator.core.Person;
import dev.escalator.core.Platform;
import dev.escalator.core.Transitions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Fixtures}' world cut down for store, scheduler and delivery tests: alice (level 1) and bob (level 2), each on
 * Slack only, on the path {@code payments} with the given ack timeout per level and the payments fallback channel, and
 * a way to open an escalation straight into a store. Its channels and people are {@link Fixtures}', and its tests start
 * at {@link Fixtures#T0}.
 */
public final class ScenarioData {
    public static final ChannelRef PAY = Fixtures.PAYMENTS_CHANNEL;
    public static final ChannelRef LEADS = Fixtures.LEADS_CHANNEL;
    public static final Actor.User ALICE = Fixtures.alice();
    public static final Actor.User BOB = Fixtures.bob();

    private ScenarioData() {}

    /** Two levels (alice, then bob), {@code ackTimeout} each, no repeat, fallback to {@link #LEADS}. */
    public static Directory twoLevels(Duration ackTimeout) {
        return twoLevels(ackTimeout, Optional.of(LEADS));
    }

    /** Two levels (alice, then bob), {@code ackTimeout} each, no repeat. */
    public static Directory twoLevels(Duration ackTimeout, Optional<ChannelRef> fallback) {
        var payments = Fixtures.aPath("payments")
                .level(ackTimeout, Fixtures.person("alice"))
                .level(ackTimeout, Fixtures.person("bob"));
        fallback.ifPresent(payments::fallback);
        return Directory.of(
                List.of(
                        new Person(Fixtures.ALICE, Map.of(Platform.SLACK, "U0ALICE"), Optional.empty()),
                        new Person(Fixtures.BOB, Map.of(Platform.SLACK, "U0BOB"), Optional.empty())),
                List.of(),
                List.of(payments.build()),
                Set.of());
    }

    /**
     * The same world as a configuration file, for a bot in a child JVM: alice, then bob, each with an account on the
     * platform of {@code channel} only, {@code levelOne} and {@code levelTwo} to acknowledge (e.g. {@code 1h}), no
     * repeat, no fallback, the path bound to {@code channel}.
     */
    public static String twoLevelsConfig(ChannelRef channel, String levelOne, String levelTwo) {
        var accounts = switch (channel.platform()) {
            case SLACK -> List.of("U0ALICE", "U0BOB");
            case DISCORD -> List.of("111111111111111111", "222222222222222222");
        };
        return """
                people:
                  alice: {%1$s: "%2$s"}
                  bob: {%1$s: "%3$s"}
                paths:
                  payments:
                    levels:
                      - {notify: [alice], ack_timeout: %5$s}
                      - {notify: [bob], ack_timeout: %6$s}
                    repeat: 0
                channels:
                  - {%1$s: "%4$s", path: payments}
                """.formatted(
                        channel.platform().name().toLowerCase(Locale.ROOT),
                        accounts.get(0),
                        accounts.get(1),
                        channel.channelId(),
                        levelOne,
                        levelTwo);
    }

    /** alice's request to open "Checkout is failing" on payments, severity 3, in {@code channel}. */
    public static OpenRequest checkoutFailing(ChannelRef channel) {
        return Fixtures.anOpenRequest().by(ALICE).in(channel).build();
    }

    /** The escalation {@code id} that {@link #checkoutFailing} in {@link #PAY} opens at {@code now}; not stored. */
    public static Escalation opened(Transitions transitions, EscalationId id, Instant now) {
        return ((Outcome.Applied) transitions.open(id, checkoutFailing(PAY), now)).escalation();
    }

    /** Opens an escalation by alice in {@code channel} and stores it with its effects. */
    public static Escalation open(EscalationStore store, Transitions transitions, Instant now, ChannelRef channel) {
        var applied = (Outcome.Applied) transitions.open(store.nextId(), checkoutFailing(channel), now);
        store.create(applied.escalation(), applied.effects());
        return applied.escalation();
    }
}
