package dev.escalator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.ChildJvm;
import dev.escalator.testing.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's listen queue ({@link HttpService#BACKLOG}) holds a burst of new connections while the server is too busy
 * to accept them: the kernel completes their handshakes itself, up to the queue's length, and drops the SYNs past it,
 * which the clients send again only after a second. Here the server's whole process is stopped (SIGSTOP), so nothing in
 * it accepts: every connection of the burst must still be connected, by the kernel, while it is stopped. With the
 * JDK's default queue of 50, the 52nd and later would wait for the process to run again.
 */
class ListenQueueTest {
    /** Well past the JDK's default of 50, well within 1,024 and Linux's usual cap ({@code somaxconn}, 4,096). */
    private static final int BURST = 300;

    private Process server;
    private final List<SocketChannel> connections = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (var connection : connections) {
            connection.close();
        }
        if (server != null) {
            signal("CONT");
            server.getOutputStream().close();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void aBurstOfNewConnectionsIsConnectedByTheKernelWhileTheServerAcceptsNone() throws Exception {
        int port = startServer();
        signal("STOP");
        Eventually.holds("the server's process stopped", () -> state() == 'T');

        for (int i = 0; i < BURST; i++) {
            var connection = SocketChannel.open();
            connection.configureBlocking(false);
            connection.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            connections.add(connection);
        }

        Eventually.holds(
                "all " + BURST + " connections connected while the server's process is stopped",
                Duration.ofSeconds(30),
                () -> connections.stream().allMatch(ListenQueueTest::connected));
        assertThat(state()).as("still stopped: the kernel did it all").isEqualTo('T');
    }

    private int startServer() throws IOException {
        var command = ChildJvm.command(
                ChildJvm.Archive.SHARED, List.of("-Xmx64m"), LoneHttpService.class.getName(), List.of());
        server = new ProcessBuilder(command).redirectErrorStream(true).start();
        var printed = new StringBuilder();
        var reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("LISTENING ")) {
                return Integer.parseInt(line.substring("LISTENING ".length()).strip());
            }
            printed.append(line).append('\n');
        }
        throw new AssertionError("the server ended without listening:\n" + printed);
    }

    private static boolean connected(SocketChannel connection) {
        try {
            return connection.finishConnect();
        } catch (IOException e) {
            throw new UncheckedIOException("a connection of the burst failed", e);
        }
    }

    /** Sends the server's process (this test's own child, by its pid) {@code SIGname}. */
    private void signal(String name) throws IOException, InterruptedException {
        var kill = new ProcessBuilder("kill", "-" + name, Long.toString(server.pid()))
                .redirectErrorStream(true)
                .start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** The process's state letter from {@code /proc/<pid>/stat}: {@code T} when stopped. */
    private char state() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
