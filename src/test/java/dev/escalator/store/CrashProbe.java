package dev.escalator.store;

import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Platform;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.ScenarioData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The bot's store and scheduler in a child JVM, for {@link KillNineTest}. {@code open DIR}: opens an escalation on the
 * embedded store in DIR, prints {@code CONFIRMED ESC-n} once the store confirmed it, then waits to be killed. {@code
 * resume DIR}: starts on the same data, fires what is due, delivers it, and prints the escalation's tags.
 */
final class CrashProbe {
    private CrashProbe() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[1]);
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        var transitions = new Transitions(ScenarioData.twoLevels(Duration.ofSeconds(1), Optional.empty()));
        try (var connection = StoreConnection.open(Optional.empty(), dataDir)) {
            Stores stores = Stores.over(connection, clock);
            switch (args[0]) {
                case "open" -> {
                    Escalation e =
                            ScenarioData.open(stores.escalations(), transitions, clock.instant(), ScenarioData.PAY);
                    System.out.println("CONFIRMED " + e.id());
                    System.out.flush();
                    Thread.sleep(Duration.ofMinutes(5));
                }
                case "resume" -> {
                    var chat = new RecordingChat(Platform.SLACK);
                    try (var steps = new FireDueSteps(
                                    stores.steps(), stores.escalations(), transitions, clock, "second", f -> {});
                            var delivery = new DeliverEffects(stores.outbox(), List.of(chat), clock, "second")) {
                        EscalationId id = new EscalationId(Long.parseLong(args[2]));
                        steps.runOnce();
                        delivery.deliver(id);
                        Escalation e = stores.escalations().find(id).orElseThrow();
                        long tags = e.timeline().stream()
                                .filter(entry -> entry.event() instanceof Event.Tagged)
                                .count();
                        System.out.println("FOUND " + e.id() + " level " + e.level() + " tags " + tags + " posted tags "
                                + chat.tags().size());
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }
}
