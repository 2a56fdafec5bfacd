package dev.escalator.bench;

import dev.escalator.testing.FakeSlackApi;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the ack benchmark can read of the machine at one moment, so that the difference of two, around a ladder step,
 * says what shared the two cores during it: the machine's CPU ({@code /proc/stat}), this benchmark JVM's by kind of
 * thread ({@code /proc/self/task}), each app's child JVM, this JVM's collections and heap, the kernel's listen queue
 * overflows and the connections open to each app. Readings that fail (a child that has exited) count as zero.
 */
record MachineSnapshot(
        long nanos,
        long machineBusy,
        long machineNice,
        Map<String, Long> benchTicks,
        Map<String, long[]> appTicks,
        long collections,
        long collectionMillis,
        long heapUsed,
        long oldUsed,
        long overflows,
        Map<String, Integer> connections) {

    /** The benchmark JVM's threads, by kind: the names the JDK, the load generator and the fake Slack give them. */
    static final List<String> KINDS = List.of("load loop", "HttpClient", "fake Slack", "GC", "JIT", "other");

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** The child apps to read, by the name the report gives them, with their pid and the port they serve. */
    record App(String name, long pid, int port) {}

    static MachineSnapshot take(String loadThread, List<App> apps) {
        long[] cpu = machineCpu();
        var bench = new HashMap<String, Long>();
        long benchTotal = processTicks("self");
        threads("self").forEach((name, ticks) -> bench.merge(kind(name, loadThread), ticks, Long::sum));
        long named = bench.values().stream().mapToLong(Long::longValue).sum();
        // threads that ended since the JVM started (the JIT's come and go) are in the process's total only
        bench.merge("other", Math.max(0, benchTotal - named), Long::sum);
        var appTicks = new HashMap<String, long[]>();
        var connections = new HashMap<String, Integer>();
        for (App app : apps) {
            long total = processTicks(Long.toString(app.pid()));
            long jit = threads(Long.toString(app.pid())).entrySet().stream()
                    .filter(thread -> isCompiler(thread.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            appTicks.put(app.name(), new long[] {total, jit});
            connections.put(app.name(), connectionsTo(app.port()));
        }
        long collections = 0;
        long collectionMillis = 0;
        var collectors = ManagementFactory.getGarbageCollectorMXBeans();
        // ZGC has a bean for its pauses and one for its concurrent cycles: only the pauses stop the load generator
        boolean pausesApart = collectors.stream().anyMatch(c -> c.getName().contains("Pauses"));
        for (var collector : collectors) {
            if (!pausesApart || collector.getName().contains("Pauses")) {
                collections += Math.max(0, collector.getCollectionCount());
                collectionMillis += Math.max(0, collector.getCollectionTime());
            }
        }
        long old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool ->
                        pool.getType() == MemoryType.HEAP && pool.getName().contains("Old"))
                .mapToLong(pool -> pool.getUsage().getUsed())
                .sum();
        return new MachineSnapshot(
                System.nanoTime(),
                cpu[0],
                cpu[1],
                bench,
                appTicks,
                collections,
                collectionMillis,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                old,
                AckPathBenchmark.listenOverflows(),
                connections);
    }

    static final String HEADER = """
            | round | app | rate | p99 ms | held | machine busy, cores (of it niced) | outside the benchmark's JVMs, cores | \
            bot JVM, cores (its JIT) | bare app JVM, cores (its JIT) | benchmark JVM, cores: load loop · HttpClient · \
            fake Slack · GC · JIT · other | benchmark JVM, ms per request (JIT left out) | benchmark JVM: collections, \
            ms paused | heap / old gen after, MB | fake Slack calls kept / counted | listen overflows | connections \
            open to the app |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |""";

    /**
     * One row of {@link #HEADER}: what happened between {@code this} and {@code later}, a step of {@code result} into
     * {@code app}.
     */
    String row(
            MachineSnapshot later,
            int round,
            String app,
            OpenLoopLoad.Result result,
            boolean held,
            FakeSlackApi slack) {
        double seconds = (later.nanos - nanos) / 1e9;
        double busy = cores(later.machineBusy - machineBusy, seconds);
        var bench = new StringBuilder();
        double benchCores = 0;
        double benchJit = 0;
        for (String kind : KINDS) {
            double used = cores(later.benchTicks.getOrDefault(kind, 0L) - benchTicks.getOrDefault(kind, 0L), seconds);
            benchCores += used;
            if (kind.equals("JIT")) {
                benchJit = used;
            }
            bench.append(bench.isEmpty() ? "" : " · ").append("%.2f".formatted(used));
        }
        double apps = 0;
        var appColumns = new StringBuilder();
        for (String name : List.of("bot", "bare")) {
            long[] before = appTicks.get(name);
            long[] after = later.appTicks.get(name);
            if (before == null || after == null) {
                appColumns.append(" — |");
                continue;
            }
            double total = cores(after[0] - before[0], seconds);
            apps += total;
            appColumns.append(" %.2f (%.2f) |".formatted(total, cores(after[1] - before[1], seconds)));
        }
        double requests = result.sent();
        return "| %d | %s | %,d/s | %.1f | %s | %.2f (%.2f) | %.2f |%s %s | %.2f | %d, %d | %d / %d | %,d / %,d | %d | %s |"
                .formatted(
                        round,
                        app,
                        result.rate(),
                        result.p99Millis(),
                        held ? "yes" : "**no**",
                        busy,
                        cores(later.machineNice - machineNice, seconds),
                        Math.max(0, busy - benchCores - apps),
                        appColumns,
                        bench,
                        requests == 0 ? 0 : 1000 * (benchCores - benchJit) * seconds / requests,
                        later.collections - collections,
                        later.collectionMillis - collectionMillis,
                        later.heapUsed >> 20,
                        later.oldUsed >> 20,
                        slack.callsKept(),
                        slack.counted().values().stream()
                                .mapToLong(Long::longValue)
                                .sum(),
                        later.overflows < 0 || overflows < 0 ? -1 : later.overflows - overflows,
                        later.connections.getOrDefault(app, 0));
    }

    private static double cores(long ticks, double seconds) {
        return seconds <= 0 ? 0 : ticks / TICKS_PER_SECOND / seconds;
    }

    private static String kind(String thread, String loadThread) {
        if (thread.equals(loadThread)) {
            return "load loop";
        }
        if (thread.startsWith("HttpClient-") || thread.startsWith(OpenLoopLoad.THREAD_PREFIX)) {
            return "HttpClient";
        }
        if (thread.startsWith(FakeSlackApi.THREAD_PREFIX) || thread.equals("HTTP-Dispatcher")) {
            return "fake Slack";
        }
        if (thread.startsWith("GC Thread")
                || thread.startsWith("G1 ")
                || thread.startsWith("ZWorker")
                || thread.startsWith("ZDriver")
                || thread.startsWith("ZDirector")) {
            return "GC";
        }
        return isCompiler(thread) ? "JIT" : "other";
    }

    private static boolean isCompiler(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    /** user + system ticks of each live thread of process {@code pid} ("self" for this one), by the thread's name. */
    private static Map<String, Long> threads(String pid) {
        var ticks = new HashMap<String, Long>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", pid, "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    ticks.merge(name, ticks(Files.readString(task.resolve("stat"))), Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended meanwhile: its time is in the process's total
                }
            });
        } catch (IOException | RuntimeException gone) {
            return Map.of();
        }
        return ticks;
    }

    private static long processTicks(String pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", pid, "stat")));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** utime + stime of a {@code stat} line: fields 14 and 15, counted after the command's name in parentheses. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The machine's busy ticks (all but idle and iowait) and its niced ticks, from {@code /proc/stat}. */
    private static long[] machineCpu() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return new long[] {busy, Long.parseLong(fields[2])};
        } catch (IOException | RuntimeException unreadable) {
            return new long[] {0, 0};
        }
    }

    /** Established TCP connections from this machine to {@code port} on loopback (the client's ends). */
    private static int connectionsTo(int port) {
        String remote = ":%04X ".formatted(port);
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                count += (int) lines.skip(1)
                        .map(String::trim)
                        .map(line -> line.split("\\s+"))
                        .filter(fields -> fields.length > 3 && fields[3].equals("01"))
                        .filter(fields -> (fields[2] + " ").endsWith(remote))
                        .count();
            } catch (IOException | RuntimeException unreadable) {
                // counted as none
            }
        }
        return count;
    }
}
