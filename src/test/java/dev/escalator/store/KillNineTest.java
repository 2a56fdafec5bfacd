package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A confirmed escalation survives kill -9 of the process on the embedded store (SPEC §8), and its due step fires once
 * in the next process.
 */
class KillNineTest {
    @TempDir
    Path dataDir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void aConfirmedEscalationSurvivesKillNineAndItsDueStepFiresOnceAfterRestart() throws Exception {
        Process first = probe("open", dataDir.toString());
        String confirmed = readLineStartingWith(first, "CONFIRMED ");
        assertThat(confirmed).isEqualTo("CONFIRMED ESC-1");

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no MVStore close
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1_100); // the level-1 timeout (1 s) passes while no bot runs

        Process second = probe("resume", dataDir.toString(), "1");
        String found = readLineStartingWith(second, "FOUND ");
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(found).isEqualTo("FOUND ESC-1 level 2 tags 2 posted tags 2");
    }

    private Process probe(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(
                List.of(java, "-cp", System.getProperty("java.class.path"), CrashProbe.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(process);
        return process;
    }

    /** Reads the child's output until a line with {@code prefix}; fails with everything it printed otherwise. */
    private static String readLineStartingWith(Process process, String prefix) throws IOException {
        var printed = new StringBuilder();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            printed.append(line).append('\n');
        }
        throw new AssertionError("child ended without printing " + prefix + ":\n" + printed);
    }
}
