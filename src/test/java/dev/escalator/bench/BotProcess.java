package dev.escalator.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real bot, {@code java -jar target/escalator.jar}, as a child process with its own environment and log file.
 * Stopped by its own pid (SIGTERM, then SIGKILL after a grace), also when the benchmark fails: {@link #close}.
 */
final class BotProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient client = HttpClient.newHttpClient();
    private final long launched = System.nanoTime();

    private BotProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with {@code env} added to this process's environment and {@code PORT} set to a free port. */
    static BotProcess start(Path jar, List<String> jvmOptions, Map<String, String> env, Path log) throws IOException {
        return launch(jvmOptions, List.of("-jar", jar.toString()), env, log);
    }

    /**
     * Starts {@code mainClass} on this benchmark's own class path, the same way as the bot: the bare Bolt app that is
     * the ack path's baseline.
     */
    static BotProcess startMain(String mainClass, List<String> jvmOptions, Map<String, String> env, Path log)
            throws IOException {
        return launch(jvmOptions, List.of("-cp", System.getProperty("java.class.path"), mainClass), env, log);
    }

    private static BotProcess launch(List<String> jvmOptions, List<String> what, Map<String, String> env, Path log)
            throws IOException {
        int port = freePort();
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(what);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        var bot = new BotProcess(builder.start(), port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(bot::kill));
        return bot;
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Polls {@code GET /readyz} every 20 ms until it answers 200; the time that took. */
    Duration awaitReady(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/readyz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the bot was not ready within " + limit + "; see " + log);
    }

    /** CPU time the bot's process has used so far, user and system ({@code /proc/PID/stat}), in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        // after the command's name in parentheses: state is field 3, utime 14 and stime 15, in clock ticks
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0; // USER_HZ, 100 on Linux
    }

    /** Waits until the bot's log holds {@code text}; the time since the bot was launched (to within a poll). */
    Duration awaitLogLine(String text, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return Duration.ofNanos(System.nanoTime() - launched);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot exited with " + process.exitValue() + "; see " + log);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no '" + text + "' in " + log + " within " + limit);
    }

    /** Resident memory of the bot's process ({@code VmRSS}), in MB. */
    long rssMegabytes() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
                        .filter(line -> line.startsWith("VmRSS:"))
                        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                        .findFirst()
                        .orElse(0L)
                >> 10;
    }

    /** Heap in use after a full GC asked for with {@code jcmd GC.run}, read from the bot's own {@code /metrics}. */
    long heapAfterGcMegabytes() throws IOException, InterruptedException {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid()), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(30, TimeUnit.SECONDS);
        String metrics = metricsAfterOverload();
        double bytes = metrics.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
        return (long) bytes >> 20;
    }

    /**
     * The bot's {@code /metrics}, asked again for up to 30 s: read right after a ladder's failing step, the bot may
     * still hold more connections than it accepts (the load generator's, draining), and closes a new one unanswered.
     */
    private String metricsAfterOverload() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString())
                        .body();
            } catch (IOException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** kill -9, as a crash. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (graceful shutdown), then SIGKILL if it is still running after 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }
}
