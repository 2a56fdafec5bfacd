package dev.escalator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import dev.escalator.core.Event;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;

/**
 * What people do to an open escalation, and what the thread, the root message and the store then show: written once,
 * run on Slack and on Discord. Given SPEC §2's configuration on a Tuesday (bob on call for level 1), the reporter
 * opens ESC-1 in the path's channel.
 */
class PeopleActingTest {

    private static ChatWorld openedCheckoutIsFailing(Platform platform) throws Exception {
        var world = Worlds.on(platform);
        world.type("reporter", "Checkout is failing");
        return world;
    }

    @OnBothPlatforms
    void openingAnswersPrivatelyPostsTheRootAndTagsLevelOneInTheThread(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            String answer = world.type("reporter", "Checkout is failing");

            assertThat(answer).contains("ESC-1");
            assertThat(world.answeredPrivately()).isTrue();
            assertThat(world.root(1)).contains("ESC-1", "Checkout is failing", "open, level 1/3");
            assertThat(world.rootButtons(1)).containsExactly(Action.ACKNOWLEDGE, Action.RESOLVE, Action.ESCALATE);
            assertThat(world.thread(1).getFirst()).startsWith("No brief given").contains(world.tag("bob"), "level 1/3");
        }
    }

    @OnBothPlatforms
    void aDecisionDeadlineAlreadyPastIsAnsweredPrivatelyAndOpensNothing(Platform platform) throws Exception {
        try (var world = Worlds.on(platform)) {
            String refused = world.type("reporter", "Checkout is failing by:2020-01-01T00:00Z");

            assertThat(refused).contains("already past", "Nothing was opened");
            assertThat(world.answeredPrivately()).isTrue();
            assertThat(world.everyPost()).isEmpty();
            assertThat(world.type("reporter", "Checkout is failing"))
                    .as("the refusal used up no id")
                    .contains("ESC-1");
        }
    }

    @OnBothPlatforms
    void aReactionBySomeoneOnThePathAcknowledgesAndTheRootShowsWhoAndTheLevel(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            world.react(world.member(), 1, "eyes");

            assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);
            assertThat(world.thread(1).getLast()).contains(world.mention(world.member()) + " acknowledged");
            assertThat(world.root(1)).contains("acknowledged by " + world.mention(world.member()), "level 1/3");
        }
    }

    @OnBothPlatforms
    void afterResolutionTheRootStillShowsWhoAcknowledgedWhoResolvedAndTheLevel(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            world.advance(java.time.Duration.ofMinutes(5));
            world.react(world.member(), 1, "eyes");
            world.react("alice", 1, "white_check_mark");

            assertThat(world.escalation(1).status()).isEqualTo(Status.RESOLVED);
            assertThat(world.root(1))
                    .contains(
                            "resolved by " + world.mention("alice"),
                            "acknowledged by " + world.mention(world.member()),
                            "level 2/3");
            assertThat(world.rootButtons(1)).isEmpty();
        }
    }

    @OnBothPlatforms
    void someoneOffThePathIsRefusedPrivatelyNeverInTheThreadAndNothingElseChanges(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            var before = world.escalation(1);
            int threadPosts = world.thread(1).size();
            int posts = world.everyPost().size();

            world.react("stranger", 1, "white_check_mark");

            assertThat(world.awaitToldPrivately("stranger"))
                    .singleElement()
                    .asString()
                    .startsWith("Sorry");
            var after = world.escalation(1);
            assertThat(after.timeline().getLast().event()).isInstanceOf(Event.Refused.class);
            assertThat(after.status()).isEqualTo(before.status());
            assertThat(after.level()).isEqualTo(before.level());
            assertThat(after.tagged()).isEqualTo(before.tagged());
            assertThat(world.thread(1)).as("nothing public in the thread").hasSize(threadPosts);
            assertThat(world.everyPost()).as("nor in the channel").hasSize(posts);
        }
    }

    @OnBothPlatforms
    void aCommandBySomeoneOffThePathIsRefusedInItsAnswer(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            String answer = world.type("stranger", "ack ESC-1");

            assertThat(answer).startsWith("Sorry");
            assertThat(world.answeredPrivately()).isTrue();
            assertThat(world.escalation(1).status()).isEqualTo(Status.OPEN);
            assertThat(world.escalation(1).timeline().getLast().event()).isInstanceOf(Event.Refused.class);
        }
    }

    @OnBothPlatforms
    void aRefusedCommandTypedAgainIsNotSaidToHaveBeenCarriedOut(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            String refused = world.type("stranger", "resolve ESC-1");
            String again = world.type("stranger", "resolve ESC-1");

            assertThat(refused).startsWith("Sorry");
            assertThat(again).contains("handled", "not done again").doesNotContain("carried");
            assertThat(world.answeredPrivately()).isTrue();
            assertThat(world.escalation(1).status()).isEqualTo(Status.OPEN);
        }
    }

    @OnBothPlatforms
    void resolvingByCommandTakesTheButtonsOffTheRootAndReopeningPutsThemBack(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            String answer = world.type(world.member(), "resolve ESC-1 rolled back the deploy");

            assertThat(answer).contains("resolved").contains("ESC-1");
            assertThat(world.answeredPrivately()).isTrue();
            assertThat(world.escalation(1).status()).isEqualTo(Status.RESOLVED);
            assertThat(world.rootButtons(1)).isEmpty();
            assertThat(world.thread(1).getLast()).contains("rolled back the deploy");

            world.type(world.member(), "reopen ESC-1");

            assertThat(world.escalation(1).status()).isEqualTo(Status.OPEN);
            assertThat(world.rootButtons(1)).containsExactly(Action.ACKNOWLEDGE, Action.RESOLVE, Action.ESCALATE);
        }
    }

    @OnBothPlatforms
    void reassignTagsThatPersonAtTheCurrentLevel(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            String answer = world.type(world.member(), "reassign ESC-1 @alice");

            assertThat(answer).contains("ESC-1");
            assertThat(world.escalation(1).tagged()).extracting(PersonId::value).containsExactly("alice");
            assertThat(world.escalation(1).level()).isEqualTo(1);
            assertThat(world.thread(1).getLast()).contains("reassigned it to " + world.mention("alice"));
        }
    }

    @OnBothPlatforms
    void declineByCommandEscalatesToTheNextLevelWithTheReason(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            world.type(world.member(), "decline ESC-1 on leave today");

            assertThat(world.escalation(1).level()).isEqualTo(2);
            assertThat(String.join("\n", world.thread(1)))
                    .contains("can't take it: on leave today")
                    .contains(world.tag("carol"), "level 2/3");
        }
    }

    @OnBothPlatforms
    void upToAJumpsToThatLevel(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            world.type(world.member(), "up ESC-1 to:3 needs a lead");

            assertThat(world.escalation(1).level()).isEqualTo(3);
            assertThat(String.join("\n", world.thread(1)))
                    .contains("escalated it to level 3: needs a lead")
                    .contains(world.tag("alice") + ": level 3/3");
            assertThat(world.root(1)).contains("level 3/3");
        }
    }

    @OnBothPlatforms
    void aSnoozeHoldsTheEscalationAndAtItsEndTheLevelIsTaggedAgain(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            world.type(world.member(), "snooze ESC-1 30m");

            assertThat(world.escalation(1).status()).isEqualTo(Status.SNOOZED);
            assertThat(world.root(1)).contains("snoozed until");
            world.advance(java.time.Duration.ofMinutes(29));
            assertThat(world.escalation(1).status()).isEqualTo(Status.SNOOZED);

            world.advance(java.time.Duration.ofMinutes(1));

            assertThat(world.escalation(1).status()).isEqualTo(Status.OPEN);
            assertThat(world.escalation(1).level()).isEqualTo(1);
            assertThat(String.join("\n", world.thread(1))).contains("The snooze is over: tagging level 1 again.");
        }
    }

    @OnBothPlatforms
    void insideTheThreadTheIdMayBeLeftOut(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            String answer = world.typeInThread(world.member(), 1, "ack");

            assertThat(answer).contains("Done", "ESC-1");
            assertThat(world.escalation(1).status()).isEqualTo(Status.ACKNOWLEDGED);
        }
    }

    @OnBothPlatforms
    void statusListStatsAndTimelineAreAnsweredPrivately(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            var opened = world.escalation(1).timeline();
            String status = world.type("alice", "status ESC-1");
            boolean statusPrivate = world.answeredPrivately();
            String list = world.type("alice", "list");
            String stats = world.type("alice", "stats");
            String timeline = world.type("alice", "timeline ESC-1");

            assertThat(statusPrivate).isTrue();
            assertThat(status).contains("ESC-1").contains("Tagged: " + world.tag("bob"));
            assertThat(list).contains("ESC-1").contains("Checkout is failing");
            assertThat(stats).contains("`payments`: 1 escalation");
            assertThat(timeline).contains("opened ESC-1").contains("level 1/3");
            assertThat(world.answeredPrivately()).isTrue();
            assertThat(world.escalation(1).timeline())
                    .as("reading records nothing")
                    .isEqualTo(opened);
        }
    }

    @OnBothPlatforms
    void statusLinksToTheRootMessage(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            String status = world.type(world.member(), "status ESC-1");

            assertThat(status).contains(world.rootMessageLink(1));
        }
    }

    @OnBothPlatforms
    void theTimelineTellsEveryStepWithWhoDidIt(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            world.advance(java.time.Duration.ofMinutes(5));
            world.type(world.member(), "note ESC-1 looking at the payment provider");
            world.react(world.member(), 1, "eyes");

            String timeline = world.type(world.member(), "timeline ESC-1");

            assertThat(timeline)
                    .contains("opened ESC-1")
                    .contains("Nobody acknowledged level 1 in time: escalating to level 2.")
                    .contains(world.mention(world.member()) + ": looking at the payment provider")
                    .contains(world.mention(world.member()) + " acknowledged");
            assertThat(timeline.indexOf("opened ESC-1")).isLessThan(timeline.indexOf("acknowledged. Escalation"));
        }
    }

    @OnBothPlatforms
    void statsCountTimesToAcknowledgeAndResolvePerPath(Platform platform) throws Exception {
        try (var world = openedCheckoutIsFailing(platform)) {
            world.advance(java.time.Duration.ofMinutes(4));
            world.react(world.member(), 1, "eyes");
            world.advance(java.time.Duration.ofMinutes(6));
            world.react(world.member(), 1, "white_check_mark");
            world.type("reporter", "Refunds are slow");

            String stats = world.type("alice", "stats payments 7d");

            assertThat(stats)
                    .contains("`payments`: 2 escalations")
                    .contains("4m")
                    .contains("10m");
        }
    }
}
