package dev.escalator.metrics;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.ALICE;
import static dev.escalator.testing.ScenarioData.PAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatFailure;
import dev.escalator.core.Actor;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Command;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Platform;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.ChannelPacer;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.delivery.PostingFence;
import dev.escalator.schedule.AfterWrite;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.schedule.Reply;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import dev.escalator.testing.Together;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A scripted escalation through the real desk, scheduler, delivery and store, then a scrape of what it counted. */
class EscalationMetricsTest {
    static final Actor.User STRANGER = Actor.User.stranger(new ChatUser(Platform.SLACK, "U0STRANGER"));

    final TestClock clock = new TestClock(T0);
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofMinutes(5)));
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    InMemoryMongo server;
    StoreConnection connection;
    Stores stores;
    EscalationMetrics metrics;
    EscalationDesk desk;
    FireDueSteps scheduler;
    DeliverEffects delivery;

    @BeforeEach
    void start() {
        server = new InMemoryMongo();
        connection = server.connect();
        connection.calls().observeWith(new StoreMetrics(registry));
        stores = Stores.over(connection, clock);
        // one escalation left open by an earlier run: the gauge starts from the store's count
        ScenarioData.open(stores.escalations(), transitions, clock.instant(), PAY);
        metrics = new EscalationMetrics(registry, stores.escalations().countUnresolved());
        // the listener the bot's desk and scheduler share (dev.escalator.Assembly), without its wake-ups
        AfterWrite afterWrite = metrics.andThen(new StepLateness(registry));
        desk = new EscalationDesk(stores.escalations(), transitions, clock, afterWrite);
        scheduler = new FireDueSteps(stores.steps(), stores.escalations(), transitions, clock, "test", afterWrite);
        // unpaced: the test clock moves by minutes in a moment, and a pace kept in real time would only be waited out
        delivery = new DeliverEffects(
                stores.outbox(),
                List.of(new CountedChatPort(slack, new ChatCallCounter(registry))),
                clock,
                PostingFence.alone("test"),
                ChannelPacer.unpaced());
    }

    @AfterEach
    void stop() {
        delivery.close();
        scheduler.close();
        connection.close();
        server.close();
    }

    @Test
    void aScriptedEscalationShowsUpInEveryMetric() {
        EscalationId exhausting = opened(2);
        EscalationId handled = opened(3);
        slack.failNext(ChatFailure.rateLimited(Duration.ofSeconds(1)));
        deliverWhatIsWaiting();
        clock.advance(Duration.ofSeconds(1));
        deliverWhatIsWaiting();

        clock.advance(Duration.ofMinutes(2));
        act(handled, new Command.Acknowledge(STRANGER));
        act(handled, new Command.Acknowledge(ALICE));
        clock.advance(Duration.ofMinutes(3).minusSeconds(1).plusMillis(300));
        scheduler.runOnce(); // the earlier escalation and the exhausting one reach bob, 0.3 s late
        clock.advance(Duration.ofMinutes(5));
        scheduler.runOnce(); // both exhausted
        act(handled, new Command.Resolve(ALICE, Optional.of("rolled back the deploy")));
        deliverWhatIsWaiting();

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("escalator_escalations_opened_total{path=\"payments\",severity=\"2\"} 1.0")
                .contains("escalator_escalations_opened_total{path=\"payments\",severity=\"3\"} 1.0")
                .contains("escalator_escalations_acknowledged_total{path=\"payments\",severity=\"3\"} 1.0")
                .contains("escalator_escalations_resolved_total{path=\"payments\",severity=\"3\"} 1.0")
                .contains("escalator_escalations_exhausted_total{path=\"payments\",severity=\"2\"} 1.0")
                .contains("escalator_escalations_exhausted_total{path=\"payments\",severity=\"3\"} 1.0")
                .contains("escalator_escalations_refused_total{action=\"acknowledge\"} 1.0")
                .contains("escalator_time_to_acknowledge_seconds_bucket{path=\"payments\",le=\"60.0\"} 0")
                .contains("escalator_time_to_acknowledge_seconds_bucket{path=\"payments\",le=\"300.0\"} 1")
                .contains("escalator_time_to_acknowledge_seconds_sum{path=\"payments\"} 121.0")
                .contains("escalator_time_to_resolve_seconds_bucket{path=\"payments\",le=\"900.0\"} 1")
                .contains("escalator_time_to_resolve_seconds_count{path=\"payments\"} 1")
                .contains("escalator_time_to_resolve_seconds_bucket{path=\"payments\",le=\"86400.0\"} 1")
                .contains("escalator_step_lateness_seconds_bucket{le=\"0.25\"} 2")
                .contains("escalator_step_lateness_seconds_bucket{le=\"0.5\"} 4")
                .contains("escalator_step_lateness_seconds_count 4")
                // the earlier escalation and the exhausted one are still unresolved
                .contains("escalator_open_escalations 2.0")
                .contains(
                        "escalator_chat_calls_total{call=\"post_root\",outcome=\"rate_limited\",platform=\"slack\"} 1.0")
                // every root posted once: the one refused with a 429 a second later
                .contains("escalator_chat_calls_total{call=\"post_root\",outcome=\"ok\",platform=\"slack\"} 3.0")
                .contains("escalator_chat_calls_total{call=\"post_in_thread\",outcome=\"ok\",platform=\"slack\"}")
                .contains("escalator_store_calls_seconds_count{kind=\"read\"}")
                .contains("escalator_store_calls_seconds_count{kind=\"write\"}")
                .contains("escalator_store_errors_total 0.0");
    }

    @Test
    void aChangeIsCountedOnceEvenWhenTwoSchedulersRaceForTheStep() {
        EscalationId id = opened(2);
        try (var other = new FireDueSteps(stores.steps(), stores.escalations(), transitions, clock, "other", metrics)) {
            for (int step = 0; step < 2; step++) {
                clock.advance(Duration.ofMinutes(5));
                Together.run(scheduler::runOnce, other::runOnce);
            }
        }

        assertThat(stores.escalations().find(id).orElseThrow().status().word()).isEqualTo("exhausted");
        assertThat(registry.scrape())
                .contains("escalator_escalations_exhausted_total{path=\"payments\",severity=\"2\"} 1.0");
    }

    @Test
    void aRecountTakesInChangesOtherReplicasStored() {
        var otherReplica = new EscalationDesk(stores.escalations(), transitions, clock, AfterWrite.none());
        otherReplica.open(
                Fixtures.anOpenRequest().titled("Search is slow").by(ALICE).build());
        assertThat(registry.scrape()).contains("escalator_open_escalations 1.0");

        new RecountOpenEscalations(stores.escalations()::countUnresolved, metrics).runOnce();

        assertThat(registry.scrape()).contains("escalator_open_escalations 2.0");
    }

    @Test
    void duplicateInboundEventsAreCountedAsDropped() {
        var inbound = new CountedInboundEvents(stores.inbound(), registry, Platform.DISCORD);

        inbound.firstTime("reaction:1", Duration.ofHours(1));
        inbound.firstTime("reaction:1", Duration.ofHours(1));

        assertThat(registry.scrape())
                .contains("escalator_inbound_events_total{outcome=\"first\",platform=\"discord\"} 1.0")
                .contains("escalator_inbound_events_total{outcome=\"duplicate\",platform=\"discord\"} 1.0");
    }

    @Test
    void anUnreachableStoreCountsAsAStoreError() {
        server.close();

        try {
            stores.escalations().find(new EscalationId(1));
        } catch (RuntimeException expected) {
            // the caller hears "cannot record this right now"; the metric is what this test is about
        }

        assertThat(registry.scrape())
                .as("the meter is there and counted the failure")
                .containsPattern("(?m)^escalator_store_errors_total(\\{[^}]*\\})? [1-9][0-9]*\\.0$");
    }

    /**
     * Delivers everything waiting now on this thread, as the delivery loop's workers would: the loop's
     * {@code runOnce} hands each escalation to a worker and returns, and a scrape right after it raced those workers.
     */
    private void deliverWhatIsWaiting() {
        stores.outbox().waiting(clock.instant(), 100).forEach(delivery::deliver);
    }

    private EscalationId opened(int severity) {
        var request = Fixtures.anOpenRequest().by(ALICE).severity(severity).build();
        return ((Reply.Opened) desk.open(request)).escalation().id();
    }

    private void act(EscalationId id, Command command) {
        desk.act(id, command);
    }
}
