package dev.escalator.chat;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.anOpenRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.Reactions;
import dev.escalator.core.Action;
import dev.escalator.core.Actor;
import dev.escalator.core.Brief;
import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Outcome;
import dev.escalator.core.Platform;
import dev.escalator.core.TimelineEntry;
import dev.escalator.core.Transitions;
import dev.escalator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the thread says, on each platform. */
class NarratorTest {
    final Transitions transitions = new Transitions(Fixtures.payments());

    @Test
    void aTagMentionsEachPersonSaysTheLevelWhatToDoAndWhenItEscalates() {
        Escalation atLevelTwo = climbToLevelTwo();
        var slack = new Narrator(Fixtures.payments(), Markup.SLACK);

        String post = slack.entry(atLevelTwo, atLevelTwo.timeline().getLast());

        assertThat(post)
                .contains("<@U0BOB>")
                .contains("carol (no Slack account; reached by direct message on Discord)")
                .contains("level 2/3")
                .contains("React 👀 to acknowledge")
                .contains("<!date^" + T0.plus(Duration.ofMinutes(15)).getEpochSecond())
                .contains("level 3 follows");
    }

    @Test
    void someoneWhoseOnlyPlatformIsNotConnectedIsNamedAsNotReachedRatherThanReachedThere() {
        Escalation atLevelTwo = climbToLevelTwo();
        var slackOnly = new Narrator(Fixtures.payments().connectedTo(Set.of(Platform.SLACK)), Markup.SLACK);

        String post = slackOnly.entry(atLevelTwo, atLevelTwo.timeline().getLast());

        assertThat(post)
                .contains("<@U0BOB>")
                .contains("carol (no Slack account and Discord is not connected)")
                .doesNotContain("reached by direct message");
    }

    @Test
    void aDecisionReminderTagsThePeopleAndSaysWhenTheDecisionIsNeeded() {
        Escalation atLevelTwo = climbToLevelTwo();
        Instant deadline = T0.plus(Duration.ofHours(4));
        var reminder = new Event.DecisionReminder(deadline, atLevelTwo.tagged());
        var slack = new Narrator(Fixtures.payments(), Markup.SLACK);

        String halfway =
                slack.entry(atLevelTwo, new TimelineEntry(9, T0.plus(Duration.ofHours(2)), Actor.BOT, reminder));
        String due = slack.entry(atLevelTwo, new TimelineEntry(9, deadline, Actor.BOT, reminder));

        assertThat(halfway)
                .startsWith(
                        "⏰ <@U0BOB> carol (no Slack account; reached by direct message on Discord): a decision is needed by ")
                .contains("<!date^" + deadline.getEpochSecond())
                .endsWith(", in 2h.");
        assertThat(due).contains("a decision was needed by now");
    }

    @Test
    void statusSaysByWhenTheDecisionIsNeededAndWhenTheThreadIsRemindedNext() {
        Instant deadline = T0.plus(Duration.ofHours(4));
        var brief = new Brief(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(deadline));
        var opened = (Outcome.Applied) transitions.open(
                new EscalationId(7),
                anOpenRequest().titled("Pick a provider").brief(brief).build(),
                T0);
        var slack = new Narrator(Fixtures.payments(), Markup.SLACK);

        String status = slack.status(opened.escalation());

        assertThat(status)
                .contains("Decision needed by <!date^" + deadline.getEpochSecond())
                .contains("; the thread is reminded at <!date^"
                        + T0.plus(Duration.ofHours(2)).getEpochSecond());
    }

    @Test
    void aTagNamesTheReactionsTheConfigurationGivesNotTheDefaults() {
        Escalation atLevelTwo = climbToLevelTwo();
        var reactions = new Reactions(Map.of(
                Action.ACKNOWLEDGE, List.of("raised_hands"),
                Action.RESOLVE, List.of("heavy_check_mark"),
                Action.DECLINE, List.of("shipit")));
        var slack = new Narrator(Fixtures.payments(), reactions, Markup.SLACK);

        String post = slack.entry(atLevelTwo, atLevelTwo.timeline().getLast());

        assertThat(post)
                .contains("React 🙌 to acknowledge, ✔️ to resolve, :shipit: to decline.")
                .doesNotContain("👀")
                .doesNotContain("to escalate");
    }

    @Test
    void onDiscordTheSameTagUsesDiscordIdsAndTimestamps() {
        Escalation atLevelTwo = climbToLevelTwo();
        var discord = new Narrator(Fixtures.payments(), Markup.DISCORD);

        String post = discord.entry(atLevelTwo, atLevelTwo.timeline().getLast());

        assertThat(post)
                .contains("bob (no Discord account; reached by direct message on Slack)")
                .contains("<@333333333333333333>")
                .contains("<t:");
    }

    @Test
    void theHeadlineCarriesIdSeverityAndTitleWithBroadMentionsNeutralised() {
        var opened = open("Checkout <!channel> is failing");

        String headline = new Narrator(Fixtures.payments(), Markup.SLACK).headline(opened);

        assertThat(headline).startsWith("🔴 ESC-7 · sev3 · Checkout").doesNotContain("<!channel>");
    }

    @Test
    void anEmptyBriefInvitesANote() {
        assertThat(new Narrator(Fixtures.payments(), Markup.SLACK).brief(open("x")))
                .contains("note ESC-7");
    }

    private Escalation climbToLevelTwo() {
        Escalation opened = open("Checkout is failing");
        var climbed =
                (Outcome.Applied) transitions.decide(opened, new Command.StepDue(), T0.plus(Duration.ofMinutes(5)));
        return climbed.escalation();
    }

    private Escalation open(String title) {
        var applied = (Outcome.Applied) transitions.open(
                new EscalationId(7), anOpenRequest().titled(title).build(), T0);
        return applied.escalation();
    }
}
