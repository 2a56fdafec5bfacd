package dev.escalator.store;

import dev.escalator.core.Directory;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Person;
import dev.escalator.core.Platform;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.ScenarioData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bot's store and scheduler in a child JVM, for {@link KillNineTest}. {@code open DIR}: opens an escalation on the
 * embedded store in DIR, prints {@code CONFIRMED ESC-n} once the store confirmed it, then waits to be killed. {@code
 * resume DIR N}: starts on the same data, fires what is due, delivers it, and prints the escalation's tags. {@code
 * load-held DIR IDS}: starts the work queues' load as the bot does and holds it after its first bucket, fires the steps
 * due among what it loaded, prints {@code HELD n at level 2} (of the escalations IDS), then waits to be killed. {@code resume-all DIR IDS}: starts on the same data,
 * fires every step due and delivers the escalations IDS (comma-separated), and prints how many have tagged each
 * level once.
 */
final class CrashProbe {
    private CrashProbe() {}

    /** Alice for a second, then bob for an hour; no repeat, no fallback. */
    static Directory twoSpeeds() {
        return Directory.of(
                List.of(
                        new Person(Fixtures.ALICE, Map.of(Platform.SLACK, "U0ALICE"), Optional.empty()),
                        new Person(Fixtures.BOB, Map.of(Platform.SLACK, "U0BOB"), Optional.empty())),
                List.of(),
                List.of(Fixtures.aPath("payments")
                        .level(Duration.ofSeconds(1), Fixtures.person("alice"))
                        .level(Duration.ofHours(1), Fixtures.person("bob"))
                        .build()),
                Set.of());
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[1]);
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        var transitions = new Transitions(ScenarioData.twoLevels(Duration.ofSeconds(1), Optional.empty()));
        // level 1 over in a second, level 2 in an hour: nothing after level 2 comes due while a test runs
        var twoSpeeds = new Transitions(twoSpeeds());
        try (var connection = StoreConnection.open(Optional.empty(), dataDir)) {
            switch (args[0]) {
                case "open" -> {
                    Stores stores = Stores.over(connection, clock);
                    Escalation e =
                            ScenarioData.open(stores.escalations(), transitions, clock.instant(), ScenarioData.PAY);
                    System.out.println("CONFIRMED " + e.id());
                    System.out.flush();
                    Thread.sleep(Duration.ofMinutes(5));
                }
                case "resume" -> {
                    Stores stores = Stores.over(connection, clock);
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
                case "load-held" -> {
                    var held = Stores.openedBeforeLoad(connection, clock);
                    var first = new java.util.concurrent.CountDownLatch(1);
                    held.workQueueLoad().start("held", () -> {}, bucket -> {
                        first.countDown();
                        try {
                            Thread.sleep(Duration.ofMinutes(5));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    first.await();
                    try (var steps =
                            new FireDueSteps(held.steps(), held.escalations(), twoSpeeds, clock, "held", f -> {})) {
                        steps.runOnce();
                    }
                    long fired = java.util.Arrays.stream(args[2].split(","))
                            .map(n -> held.escalations()
                                    .find(new EscalationId(Long.parseLong(n)))
                                    .orElseThrow())
                            .filter(e -> e.level() == 2)
                            .count();
                    System.out.println("HELD " + fired + " at level 2");
                    System.out.flush();
                    Thread.sleep(Duration.ofMinutes(5));
                }
                case "resume-all" -> {
                    Stores stores = Stores.over(connection, clock);
                    List<Long> ids = java.util.Arrays.stream(args[2].split(","))
                            .map(Long::valueOf)
                            .toList();
                    var chat = new RecordingChat(Platform.SLACK);
                    try (var steps = new FireDueSteps(
                                    stores.steps(), stores.escalations(), twoSpeeds, clock, "second", f -> {});
                            var delivery = new DeliverEffects(stores.outbox(), List.of(chat), clock, "second")) {
                        // every step due now, the ones the killed process fired included if it fired them again
                        Instant now = clock.instant();
                        int rounds = 0;
                        while (!stores.steps().dueBy(now, now, 1).isEmpty() && rounds++ < 100) {
                            steps.runOnce();
                        }
                        long taggedTwiceAtLevelTwo = 0;
                        for (long n : ids) {
                            EscalationId id = new EscalationId(n);
                            delivery.deliver(id);
                            Escalation e = stores.escalations().find(id).orElseThrow();
                            long tags = e.timeline().stream()
                                    .filter(entry -> entry.event() instanceof Event.Tagged)
                                    .count();
                            taggedTwiceAtLevelTwo += e.level() == 2 && tags == 2 ? 1 : 0;
                        }
                        System.out.println(
                                "RESUMED " + ids.size() + " at level 2 tagged once per level " + taggedTwiceAtLevelTwo
                                        + " posted tags " + chat.tags().size());
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }
}
