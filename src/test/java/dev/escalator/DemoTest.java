package dev.escalator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code escalator demo} run as a user runs it, ten times faster: the real bot against the demo's fake Slack, the
 * thread printed, nothing left behind.
 */
class DemoTest {
    @TempDir
    Path temp;

    @Test
    void theDemoPlaysOneEscalationThroughTwoLevelsToItsAcknowledgementAndLeavesNothingBehind() throws IOException {
        var out = new StringWriter();

        int code = DemoBot.play(false, 10, new PrintWriter(out, true), new BufferedReader(new StringReader("")), temp);

        String thread = out.toString();
        assertThat(code).as(thread).isZero();
        assertThat(thread)
                .contains("ESC-1")
                .contains("What is wrong: Card payments fail")
                .contains("@bob: level 1/2")
                .contains("✉ Escalator → bob:")
                .contains("Nobody acknowledged level 1 in time")
                .contains("@alice @dave: level 2/2")
                .contains("alice reacts 👀")
                .contains("@alice acknowledged")
                .contains("📝 @alice: card processor rotated its TLS cert")
                .contains("@alice resolved it")
                .contains("Last 30d:")
                .doesNotContain("{\"")
                .doesNotContain("<@U");
        assertThat(leftIn(temp)).as("files left behind").isZero();
    }

    @Test
    void theInteractiveDemoDoesWhatIsTyped() throws IOException {
        var out = new StringWriter();
        var typed = """
                help
                /escalate
                /escalate Search is slow sev:3
                wait 30s
                react alice 👀
                press nobody ack
                dance
                press alice resolve
                quit
                """;

        int code =
                DemoBot.play(true, 10, new PrintWriter(out, true), new BufferedReader(new StringReader(typed)), temp);

        String thread = out.toString();
        assertThat(code).as(thread).isZero();
        assertThat(thread)
                .contains("react NAME EMOJI")
                .contains("/escalate alone opens a form")
                .contains("carol:      /escalate Search is slow sev:3")
                .contains("ESC-1")
                .contains("@bob: level 1/2")
                .contains("@alice @dave: level 2/2")
                .contains("@alice acknowledged")
                .contains("Nobody called nobody here")
                .contains("Not a demo command: dance")
                .contains("@alice resolved it");
        assertThat(leftIn(temp)).as("files left behind").isZero();
    }

    private static long leftIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
