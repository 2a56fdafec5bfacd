package dev.escalator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * What syncing the embedded store's file costs one commit: an H2 MVStore in a temp directory, one 2 kB document written
 * and committed at a time, with and without {@link MVStore#sync} after the commit (twice each, alternating, so a
 * warm-up or a burst of load from other processes shows as a difference between the two rounds); each round prints
 * p50 / p90 / p99 of a commit and the commits per second it kept up, one writer at a time. Run with the bench
 * class path, e.g. {@code java -cp "$CLASSPATH" dev.escalator.bench.FileSyncCost 500}; see docs/benchmarks.md.
 */
public final class FileSyncCost {
    private FileSyncCost() {}

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dir = Files.createTempDirectory("escalator-fsync");
        try (MVStore store =
                new MVStore.Builder().fileName(dir.resolve("x.mv").toString()).open()) {
            MVMap<Integer, String> documents = store.openMap("documents");
            String document = "x".repeat(2_000);
            for (boolean sync : new boolean[] {false, true, false, true}) {
                long[] nanos = new long[commits];
                long roundStarted = System.nanoTime();
                for (int i = 0; i < commits; i++) {
                    documents.put(i, document + i);
                    long started = System.nanoTime();
                    store.commit();
                    if (sync) {
                        store.sync();
                    }
                    nanos[i] = System.nanoTime() - started;
                }
                double seconds = (System.nanoTime() - roundStarted) / 1e9;
                Arrays.sort(nanos);
                System.out.printf(
                        "%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms (%d commits, %.0f commits/s)%n",
                        sync ? "commit + sync" : "commit only  ",
                        nanos[commits / 2] / 1e6,
                        nanos[commits * 9 / 10] / 1e6,
                        nanos[commits * 99 / 100] / 1e6,
                        commits,
                        commits / seconds);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
