package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.REPORTER;
import static dev.escalator.slack.SlackWorld.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.FakeSlackApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6: {@code status} links to the root message. On Slack the link is {@code chat.getPermalink}'s, asked once
 * and kept on the escalation; when Slack cannot give it, {@code status} answers without it. (That the link is there
 * on both platforms is the scenario suite's {@code PeopleActingTest}.)
 */
class StatusLinkOnSlackTest {
    final SlackWorld world;
    String root;

    StatusLinkOnSlackTest() throws Exception {
        world = new SlackWorld();
    }

    @BeforeEach
    void openOne() {
        root = world.openOne();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void thePermalinkIsAskedOfSlackOnceAndKeptOnTheEscalation() {
        String first = text(world.command(SlackWorld.ALICE, "status ESC-1"));
        String second = text(world.command(SlackWorld.BOB, "status ESC-1"));

        String link = FakeSlackApi.permalink(SlackWorld.CHANNEL, root);
        assertThat(first).contains("<" + link + "|ESC-1>");
        assertThat(second).contains("<" + link + "|ESC-1>");
        var asked = world.api.calls("chat.getPermalink");
        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst().param("channel")).isEqualTo(SlackWorld.CHANNEL);
        assertThat(asked.getFirst().param("message_ts")).isEqualTo(root);
        assertThat(world.stores.escalations().rootLink(new dev.escalator.core.EscalationId(1)))
                .contains(link);
    }

    @Test
    void whenSlackCannotGiveThePermalinkStatusAnswersWithoutItAndAsksAgainNextTime() {
        // a second escalation, delivered while Slack refuses: its direct message goes without the link, none is kept
        world.api.refuseUntilStopped("chat.getPermalink", "message_not_found");
        world.command(REPORTER, "Payouts are late");
        world.deliver();
        String secondRoot = world.api
                .await(
                        "chat.postMessage",
                        call -> call.text().contains("ESC-2")
                                && call.param("channel").startsWith("C"))
                .ts();

        String without = text(world.command(SlackWorld.ALICE, "status ESC-2"));
        world.api.stopRefusing("chat.getPermalink");
        String with = text(world.command(SlackWorld.ALICE, "status ESC-2"));

        assertThat(without).contains("ESC-2", "Tagged:").doesNotContain("slack.com/archives");
        assertThat(with).contains(FakeSlackApi.permalink(SlackWorld.CHANNEL, secondRoot));
    }
}
