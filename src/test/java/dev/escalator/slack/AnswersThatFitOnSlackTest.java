package dev.escalator.slack;

import static dev.escalator.slack.SlackWorld.ALICE;
import static dev.escalator.slack.SlackWorld.REPORTER;
import static dev.escalator.slack.SlackWorld.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC §6: every text fits Slack's limits, answers given straight in the command's HTTP response included. */
class AnswersThatFitOnSlackTest {
    final SlackWorld world;

    AnswersThatFitOnSlackTest() throws Exception {
        world = new SlackWorld();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void aFortyNoteTimelineAnsweredStraightInTheHttpResponseKeepsItsNewestEntries() {
        world.command(REPORTER, "Checkout is failing");
        for (int n = 1; n <= 40; n++) {
            world.command(ALICE, "note ESC-1 note number %02d %s".formatted(n, "details ".repeat(30)));
        }

        String answer = text(world.command(ALICE, "timeline ESC-1"));

        assertThat(answer.length()).isLessThanOrEqualTo(4000);
        assertThat(answer).contains("note number 40").doesNotContain("note number 01");
        assertThat(answer.lines().findFirst().orElseThrow()).matches("… \\d+ earlier entries not shown");
    }

    @Test
    void helpOnSlackIsWrittenInSlacksSyntax() {
        String answer = text(world.command(ALICE, "help"));

        assertThat(answer).contains("`/escalate ack ESC-12`").doesNotContain("id:ESC-12");
    }
}
