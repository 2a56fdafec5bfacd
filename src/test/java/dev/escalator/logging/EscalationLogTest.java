package dev.escalator.logging;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.ALICE;
import static dev.escalator.testing.ScenarioData.PAY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.escalator.core.Brief;
import dev.escalator.core.Command;
import dev.escalator.core.EscalationId;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.schedule.AfterWrite;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.schedule.Reply;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The log of a scripted escalation: each line says which escalation, platform, user and action, never a body. */
class EscalationLogTest {
    static final String TITLE = "Checkout is failing for card 4242";
    static final String NOTE = "rolled back deploy 7f3a";

    final TestClock clock = new TestClock(T0);
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofMinutes(5)));
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Logger escalator = (Logger) LoggerFactory.getLogger("dev.escalator");
    Level levelBefore;
    InMemoryMongo server;
    StoreConnection connection;
    Stores stores;

    @BeforeEach
    void start() {
        server = new InMemoryMongo();
        connection = server.connect();
        stores = Stores.over(connection, clock);
        levelBefore = escalator.getLevel();
        escalator.setLevel(Level.INFO);
        captured.start();
        escalator.addAppender(captured);
    }

    @AfterEach
    void stop() {
        escalator.detachAppender(captured);
        escalator.setLevel(levelBefore);
        connection.close();
        server.close();
    }

    @Test
    void everyLineOfAnEscalationCarriesItsContextAndNoMessageText() {
        var desk = new EscalationDesk(stores.escalations(), transitions, clock, AfterWrite.none());
        var request = new OpenRequest(TITLE, Brief.EMPTY, new Severity(2), new PathId("payments"), ALICE, PAY);
        EscalationId id = ((Reply.Opened) desk.open(request)).escalation().id();
        try (var delivery =
                        new DeliverEffects(stores.outbox(), List.of(new RecordingChat(Platform.SLACK)), clock, "test");
                var scheduler = new FireDueSteps(
                        stores.steps(), stores.escalations(), transitions, clock, "test", fired -> {})) {
            delivery.deliver(id);
            clock.advance(Duration.ofMinutes(5));
            scheduler.runOnce();
            desk.act(id, new Command.Note(ALICE, NOTE));
            desk.act(id, new Command.Resolve(ALICE, Optional.of(NOTE)));
            delivery.deliver(id);
        }

        List<ILoggingEvent> lines = captured.list.stream()
                .filter(line -> line.getLevel().isGreaterOrEqual(Level.INFO))
                .toList();
        assertThat(lines)
                .as("opened, delivered, step, note, resolved, delivered")
                .hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                        .as(line.getFormattedMessage())
                        .containsEntry(LogContext.ESCALATION, id.toString())
                        .containsKey(LogContext.ACTION));
        assertThat(lines)
                .filteredOn(line -> !"step".equals(line.getMDCPropertyMap().get(LogContext.ACTION))
                        && !"deliver".equals(line.getMDCPropertyMap().get(LogContext.ACTION)))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry(LogContext.PLATFORM, "slack")
                        .containsEntry(LogContext.USER, "U0ALICE"));
        assertThat(lines)
                .filteredOn(line -> "deliver".equals(line.getMDCPropertyMap().get(LogContext.ACTION)))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap()).containsEntry(LogContext.PLATFORM, "slack"));
        assertThat(lines).noneSatisfy(line -> assertThat(text(line)).containsAnyOf(TITLE, NOTE, "4242", "7f3a"));
        assertThat(MDC.getCopyOfContextMap()).as("cleared afterwards").isNullOrEmpty();
    }

    @Test
    void aNestedContextPutsBackWhatTheOuterOneSet() {
        try (var outer = LogContext.of().platform(Platform.DISCORD).user("111").action("reaction")) {
            try (var inner = LogContext.of().escalation(new EscalationId(7)).action("acknowledge")) {
                assertThat(MDC.get(LogContext.ACTION)).isEqualTo("acknowledge");
            }
            assertThat(MDC.getCopyOfContextMap())
                    .isEqualTo(Map.of(LogContext.PLATFORM, "discord", LogContext.USER, "111", "action", "reaction"));
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    private static String text(ILoggingEvent line) {
        return line.getFormattedMessage() + " " + line.getMDCPropertyMap()
                + (line.getThrowableProxy() == null
                        ? ""
                        : line.getThrowableProxy().getMessage());
    }
}
