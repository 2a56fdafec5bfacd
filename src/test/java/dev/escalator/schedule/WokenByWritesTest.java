package dev.escalator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.AssembledBot;
import dev.escalator.config.Config;
import dev.escalator.config.Reactions;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Platform;
import dev.escalator.store.StoreConnection;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.ScenarioData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as {@code main} wires it, on the embedded store, with its job loops polling only once an hour: whatever
 * reaches chat here was woken by the write that queued it (SPEC §8: an action's visible effect within 300 ms), since no
 * poll comes within the test. The bounds are generous, for a busy machine; they are not timings.
 */
class WokenByWritesTest {
    static final Duration HOURLY = Duration.ofHours(1);
    static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    /** Real time: the loops sleep until the next step is due, so a step due a second on comes by the wall clock. */
    final Clock clock = Clock.tickMillis(ZoneOffset.UTC);

    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    AssembledBot bot;

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void aReactionsThreadPostGoesOutWithoutWaitingForAPoll() throws Exception {
        bot = startWith(Duration.ofHours(2));
        EscalationId id = open();
        Eventually.holds(
                "the root and the first tag posted", BOUND, () -> slack.tags().size() == 1);
        Eventually.holds(
                "the root message known by its id",
                BOUND,
                () -> bot.stores()
                        .escalations()
                        .findByMessage(Platform.SLACK, "m1")
                        .isPresent());

        var answer = bot.commands().react(new ChatUser(Platform.SLACK, "U0ALICE"), "m1", "eyes");

        assertThat(answer).as("the reaction means acknowledge").isPresent();
        Eventually.holds("the acknowledgement posted in the thread", BOUND, () -> posted(id, Event.Acknowledged.class));
    }

    @Test
    void aStepBroughtCloserByAnActionFiresAndPostsWithoutWaitingForAPoll() throws Exception {
        bot = startWith(Duration.ofSeconds(1));

        EscalationId id = open();

        Eventually.holds(
                "level 2 tagged a second after the opening",
                BOUND,
                () -> slack.tags().size() == 2);
        Escalation stored = bot.stores().escalations().find(id).orElseThrow();
        assertThat(stored.level()).isEqualTo(2);
    }

    private AssembledBot startWith(Duration ackTimeout) throws Exception {
        var config = new Config(
                ScenarioData.twoLevels(ackTimeout, Optional.empty()),
                List.of(),
                Reactions.DEFAULT,
                Path.of("woken.yml"));
        return AssembledBot.builder(config, clock, StoreConnection.open(Optional.empty(), dataDir))
                .chat(slack)
                .runningLoops(HOURLY)
                .start();
    }

    private EscalationId open() {
        var request = ScenarioData.checkoutFailing(ScenarioData.PAY);
        return ((Reply.Opened) bot.desk().open(request)).escalation().id();
    }

    private boolean posted(EscalationId id, Class<? extends Event> kind) {
        return slack.callsFor(id).stream()
                .filter(call -> call.kind().equals("thread"))
                .flatMap(call -> call.entries().stream())
                .anyMatch(entry -> kind.isInstance(entry.event()));
    }
}
