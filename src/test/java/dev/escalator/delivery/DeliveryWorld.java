package dev.escalator.delivery;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.PAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatPort;
import dev.escalator.core.Command;
import dev.escalator.core.Directory;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Outcome;
import dev.escalator.core.Platform;
import dev.escalator.core.Transitions;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivery's test world: an outbox on an in-memory MongoDB, a recording chat for Slack and one for Discord, a test
 * clock at {@link dev.escalator.testing.Fixtures#T0}, and the transitions that queue what delivery carries out. A test
 * opens an escalation in {@code #pay}, acts on it (each action decided and stored with its effects, as the desk does)
 * and runs {@link DeliverEffects#deliver} by hand: no job loop, no real waits. Deliveries it makes are unpaced (the
 * pace is {@link ChannelPacerTest}'s, and one case's own) and are closed with the world.
 */
final class DeliveryWorld implements AutoCloseable {
    /** The owner name of a replica's deliveries unless a test names another. */
    static final String REPLICA = "replica-a";

    final TestClock clock = new TestClock(T0);
    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    final RecordingChat discord = new RecordingChat(Platform.DISCORD);
    final Transitions transitions;
    final Stores stores;
    private final InMemoryMongo server = new InMemoryMongo();
    private final StoreConnection connection;
    private final List<DeliverEffects> deliveries = new ArrayList<>();

    /** {@link ScenarioData#twoLevels}: alice then bob, five minutes each, both on Slack; the fallback {@code #leads}. */
    DeliveryWorld() {
        this(ScenarioData.twoLevels(Duration.ofMinutes(5)));
    }

    /** The people and paths of {@code directory}, the escalations opened on its path {@code payments}. */
    DeliveryWorld(Directory directory) {
        transitions = new Transitions(directory);
        connection = server.connect();
        stores = Stores.over(connection, clock);
    }

    /** {@link #REPLICA}'s delivery through {@code chats}, on the world's outbox. */
    DeliverEffects delivering(ChatPort... chats) {
        return delivering(stores.outbox(), REPLICA, chats);
    }

    /** The delivery of the replica {@code owner} through {@code chats}, on {@code outbox} (the world's, or a wrapper). */
    DeliverEffects delivering(Outbox outbox, String owner, ChatPort... chats) {
        var delivery = new DeliverEffects(outbox, List.of(chats), clock, owner, unpaced());
        deliveries.add(delivery);
        return delivery;
    }

    static ChannelPacer unpaced() {
        return new ChannelPacer(Duration.ZERO, 1);
    }

    /** An escalation opened in {@code #pay} now, its level 1 tagged; its root, brief and tag are queued. */
    Escalation open() {
        return ScenarioData.open(stores.escalations(), transitions, clock.instant(), PAY);
    }

    /** {@code command} decided on {@code e} now and stored with the effects it queues; the escalation it made. */
    Escalation apply(Escalation e, Command command) {
        var applied = decided(e, command);
        assertThat(stores.escalations().save(applied.escalation(), applied.effects()))
                .isTrue();
        return applied.escalation();
    }

    /** {@code command} decided on the escalation as stored now, and stored; the escalation it made. */
    Escalation applyToStored(EscalationId id, Command command) {
        return apply(stored(id), command);
    }

    /** {@code command} decided on {@code e} and stored as queuing {@code effect} alone. */
    Escalation applyQueuing(Escalation e, Command command, Effect effect) {
        var applied = decided(e, command);
        assertThat(stores.escalations().save(applied.escalation(), List.of(effect)))
                .isTrue();
        return applied.escalation();
    }

    private Outcome.Applied decided(Escalation e, Command command) {
        return (Outcome.Applied) transitions.decide(e, command, clock.instant());
    }

    Escalation stored(EscalationId id) {
        return stores.escalations().find(id).orElseThrow();
    }

    /** The escalations with effects ready to deliver now. */
    List<EscalationId> waitingNow() {
        return waitingWithin(Duration.ZERO);
    }

    /** The escalations with effects ready to deliver within {@code time}: nothing left after a success, back-offs too. */
    List<EscalationId> waitingWithin(Duration time) {
        return stores.outbox().waiting(clock.instant().plus(time), 10);
    }

    @Override
    public void close() {
        deliveries.forEach(DeliverEffects::close);
        connection.close();
        server.close();
    }
}
