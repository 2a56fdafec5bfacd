package dev.escalator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Cause;
import dev.escalator.core.Event;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import dev.escalator.core.Status;
import java.time.Duration;
import java.time.Instant;

/**
 * What the bot does while nobody does anything, on the test clock: written once, run on Slack and on Discord. Given
 * SPEC §2's configuration ({@code payments}: the on-call of payments-primary for 5 minutes, bob and carol for 10,
 * alice for 15, once more from the top, then the fallback), starting on a Tuesday in bob's week.
 */
class TimePassingTest {
    static final Duration LEVEL_1 = Duration.ofMinutes(5);
    static final Duration LEVEL_2 = Duration.ofMinutes(10);
    static final Duration LEVEL_3 = Duration.ofMinutes(15);

    /** Lets every level's timer run out, twice (repeat: 1): the path is exhausted. */
    private static void nobodyAcknowledgesAnyLevel(ChatWorld world) {
        for (int round = 0; round < 2; round++) {
            world.advance(LEVEL_1);
            world.advance(LEVEL_2);
            world.advance(LEVEL_3);
        }
    }

    private static String threadOf(ChatWorld world, long number) {
        return String.join("\n", world.thread(number));
    }

    @OnBothPlatforms
    void whenNobodyAcknowledgesInTimeLevelTwoIsTaggedInTheThreadAndTheRootShowsIt(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Checkout is failing");
            world.advance(LEVEL_1.minusSeconds(1));
            assertThat(world.escalation(1).level()).isEqualTo(1);

            world.advance(Duration.ofSeconds(1));

            String tag = world.thread(1).getLast();
            assertThat(tag).contains(world.tag("bob"), world.tag("carol"), "level 2/3");
            assertThat(world.escalation(1).level()).isEqualTo(2);
            assertThat(world.root(1)).contains("level 2/3");
        }
    }

    @OnBothPlatforms
    void afterEveryLevelAndTheRepeatThePathIsExhaustedAndTheFallbackIsTold(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Checkout is failing");

            nobodyAcknowledgesAnyLevel(world);

            var e = world.escalation(1);
            assertThat(e.status()).isEqualTo(Status.EXHAUSTED);
            assertThat(world.thread(1))
                    .as("level 1 tagged once per round")
                    .filteredOn(post -> post.contains("level 1/3"))
                    .hasSize(2);
            assertThat(threadOf(world, 1)).contains("the path starts over", "the path is exhausted");
            assertThat(world.thread(1).getLast()).contains("Nobody acknowledged after every level");
            assertThat(world.fallbackAlerts()).singleElement().asString().contains("ESC-1", "went through every level");
            assertThat(world.root(1)).contains("exhausted");
            world.react(world.member(), 1, "eyes");

            assertThat(world.escalation(1).status())
                    .as("anyone on the path can still acknowledge")
                    .isEqualTo(Status.ACKNOWLEDGED);
        }
    }

    @OnBothPlatforms
    void anAcknowledgementLeftUnresolvedForTwoHoursEscalatesAgain(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Checkout is failing");
            world.react(world.member(), 1, "eyes");
            world.advance(Duration.ofHours(2).minusSeconds(1));
            assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);

            world.advance(Duration.ofSeconds(1));

            assertThat(world.escalation(1).status()).isEqualTo(Status.OPEN);
            assertThat(world.escalation(1).timeline())
                    .anyMatch(entry -> entry.event() instanceof Event.Escalated escalated
                            && escalated.cause() == Cause.ACK_EXPIRED);
            assertThat(threadOf(world, 1)).contains("Acknowledged but still unresolved: tagging level");
        }
    }

    @OnBothPlatforms
    void severityOneStartsAtLevelTwo(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Database is down sev:1");

            var e = world.escalation(1);
            assertThat(e.severity()).isEqualTo(new Severity(1));
            assertThat(e.level()).isEqualTo(2);
            assertThat(e.tagged()).extracting(PersonId::value).containsExactlyInAnyOrder("bob", "carol");
            assertThat(world.thread(1).getFirst()).contains(world.tag("bob"), world.tag("carol"), "level 2/3");
            assertThat(world.root(1)).contains("sev1");
        }
    }

    /**
     * Europe/Berlin moves to summer time on Sunday 30 March 2025: alice's week ends on Monday 31 March at 09:00 Berlin
     * time, which is 07:00 UTC now, not 08:00. The world's own start is in summer time, so the test moves to this one.
     */
    static final Instant BEFORE_THE_FIRST_HANDOFF_IN_SUMMER_TIME = Instant.parse("2025-03-31T06:59:00Z");

    @OnBothPlatforms
    void theRotationHandsOverAtNineBerlinTimeAcrossTheChangeToSummerTime(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.advance(Duration.between(world.now(), BEFORE_THE_FIRST_HANDOFF_IN_SUMMER_TIME));
            world.type("reporter", "Before the handoff");

            world.advance(Duration.ofMinutes(2)); // 07:01 UTC, 09:01 in Berlin
            world.type("reporter", "After the handoff");

            assertThat(world.thread(1).getFirst()).contains(world.tag("alice"), "level 1/3");
            assertThat(world.thread(2).getFirst()).contains(world.tag("bob"), "level 1/3");
            assertThat(world.escalation(2).tagged()).extracting(PersonId::value).containsExactly("bob");
        }
    }

    @OnBothPlatforms
    void anEscalationStillUnresolvedAfterThirtyDaysIsCalledStale(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Checkout is failing");
            nobodyAcknowledgesAnyLevel(world); // an hour
            world.advance(Duration.ofDays(30).minusHours(1).minusSeconds(1));
            assertThat(threadOf(world, 1)).doesNotContain("Still unresolved");

            world.advance(Duration.ofSeconds(1));

            assertThat(world.thread(1).getLast()).contains("Still unresolved after 4w2d."); // 30 days
            assertThat(world.escalation(1).timeline().getLast().event()).isInstanceOf(Event.Reminder.class);
            assertThat(world.type("alice", "list stale")).contains("ESC-1");
        }
    }

    @OnBothPlatforms
    void aDecisionDeadlineIsRemindedAtHalfTimeAnHourBeforeAndAtTheDeadline(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Pick a payment provider by:4h");
            assertThat(world.thread(1).getFirst()).contains("Decision needed by");
            nobodyAcknowledgesAnyLevel(world); // an hour: exhausted, tagging alice's level 3 last

            world.advance(Duration.ofHours(1)); // 2 h: half the time left
            world.advance(Duration.ofHours(1)); // 3 h: an hour before
            world.advance(Duration.ofHours(1)); // 4 h: the deadline
            world.advance(Duration.ofHours(1));

            assertThat(world.thread(1))
                    .filteredOn(post -> post.startsWith("⏰"))
                    .hasSize(3)
                    .satisfiesExactly(
                            half -> assertThat(half).contains(world.tag("alice"), "in 2h"),
                            hourBefore -> assertThat(hourBefore).contains("in 1h"),
                            deadline -> assertThat(deadline).contains("was needed by now"));
            assertThat(world.escalation(1).timeline())
                    .filteredOn(entry -> entry.event() instanceof Event.DecisionReminder)
                    .hasSize(3);
        }
    }

    @OnBothPlatforms
    void aResolvedEscalationGetsNoDecisionReminder(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Pick a payment provider by:4h");
            world.react(world.member(), 1, "white_check_mark");

            world.advance(Duration.ofHours(5));

            assertThat(world.escalation(1).timeline())
                    .noneMatch(entry -> entry.event() instanceof Event.DecisionReminder);
            assertThat(world.thread(1)).noneMatch(post -> post.startsWith("⏰"));
        }
    }

    @OnBothPlatforms
    void twoReplicasOnOneStoreFireADueStepOnce(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Checkout is failing");
            var second = world.secondReplica();
            world.moveClock(LEVEL_1);

            second.fireDueSteps();
            world.fireDueSteps();
            second.deliver();
            world.deliver();
            // a post that failed on one replica is retried by either after its back-off
            world.moveClock(Duration.ofMinutes(1));
            second.deliver();
            world.deliver();

            assertThat(world.escalation(1).timeline())
                    .filteredOn(entry -> entry.event() instanceof Event.Tagged tagged && tagged.level() == 2)
                    .hasSize(1);
            assertThat(world.everyPost())
                    .as(
                            "posted once: in the thread, or as a reply to the root by a replica that has not seen the thread")
                    .filteredOn(post -> post.contains("level 2/3"))
                    .hasSize(1);
        }
    }

    @OnBothPlatforms
    void twoReplicasOnOneStoreRemindOfADecisionOnce(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            world.type("reporter", "Pick a payment provider by:1h");
            world.react(world.member(), 1, "eyes"); // acknowledged: no level timer, the decision is still reminded
            var second = world.secondReplica();
            world.moveClock(Duration.ofMinutes(30)); // halfway to the deadline

            second.fireDueSteps();
            world.fireDueSteps();
            second.deliver();
            world.deliver();
            world.moveClock(Duration.ofMinutes(1));
            second.deliver();
            world.deliver();

            assertThat(world.escalation(1).timeline())
                    .filteredOn(entry -> entry.event() instanceof Event.DecisionReminder)
                    .hasSize(1);
            assertThat(world.everyPost())
                    .as("posted once, by whichever replica claimed the reminder")
                    .filteredOn(post -> post.startsWith("⏰"))
                    .singleElement()
                    .asString()
                    .contains("in 30m");
        }
    }
}
