package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Transitions;
import dev.escalator.testing.ChildJvm;
import dev.escalator.testing.ScenarioData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A confirmed escalation survives kill -9 of the process on the embedded store (SPEC §8), and its due step fires once
 * in the next process; so do steps fired while the work queues were still loading when the process was killed.
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

    @Test
    void aKillNineWhileTheWorkQueuesLoadLosesAndDoublesNoStep() throws Exception {
        // five in each of two buckets (ids 1-99 share one, 100-199 the next): the load is held after the first
        List<Long> ids = List.of(1L, 2L, 3L, 4L, 5L, 101L, 102L, 103L, 104L, 105L);
        var transitions = new Transitions(CrashProbe.twoSpeeds());
        Instant openedAt = Instant.now().minusSeconds(2); // level 1 (a second) already over
        var escalations = new ArrayList<Escalation>();
        for (long id : ids) {
            escalations.add(ScenarioData.opened(transitions, new EscalationId(id), openedAt));
        }
        try (var seed = StoreConnection.open(Optional.empty(), dataDir)) {
            BulkSeed.insert(seed, escalations);
            BulkSeed.countFrom(seed, ids.getLast());
        }

        // the first process fires the steps of what it loaded, its load held, and is killed before the load ends
        String idList = String.join(",", ids.stream().map(String::valueOf).toList());
        Process first = probe("load-held", dataDir.toString(), idList);
        assertThat(readLineStartingWith(first, "HELD "))
                .as("the steps of the bucket loaded before the hold fired, the others not yet")
                .isEqualTo("HELD 5 at level 2");
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

        Process second = probe("resume-all", dataDir.toString(), idList);
        String resumed = readLineStartingWith(second, "RESUMED ");
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // every escalation tagged level 2 exactly once, and each level-2 tag posted once (level 1's was seeded posted)
        assertThat(resumed).isEqualTo("RESUMED 10 at level 2 tagged once per level 10 posted tags 10");
    }

    private Process probe(String... args) throws IOException {
        var command = ChildJvm.command(ChildJvm.Archive.SHARED, List.of(), CrashProbe.class.getName(), List.of(args));
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
