package dev.escalator.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * One run of {@code escalator demo}: a temporary folder for the embedded store, the fake Slack, the bot started on
 * them by the caller (the process's one assembly), then the script or the console; everything stopped and the folder
 * deleted at the end, however it ends.
 */
public final class Demonstration {
    /** The configuration the bot runs with in the demo: its workspace's people, path and channel. */
    public static final String CONFIG = Workspace.CONFIG;

    /** Starts the bot for the demo: Slack in HTTP mode at {@code slackApi}, the embedded store in {@code dataDir}. */
    @FunctionalInterface
    public interface BotStart {
        RunningBot start(Clock clock, URI slackApi, String signingSecret, Path dataDir) throws IOException;
    }

    /** The bot while the demo runs: where its HTTP server listens, and how to stop it (store closed included). */
    public interface RunningBot extends AutoCloseable {
        int httpPort();

        @Override
        void close();
    }

    private Demonstration() {}

    /**
     * Plays the demo, or the console with {@code interactive}; the store lives in a new folder under {@code
     * tempParent}, deleted at exit. Returns the exit code: 0, or 1 when the bot did not do what the script waits for.
     */
    public static int play(
            boolean interactive, double speed, PrintWriter out, BufferedReader in, Path tempParent, BotStart bots)
            throws IOException {
        var printer = new ThreadPrinter(out);
        var clock = new ScaledClock(speed);
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path folder = Files.createTempDirectory(tempParent, "escalator-demo-");
        try (var slack = FakeSlack.start(printer::show);
                var bot = bots.start(clock, slack.methodsUrl(), secret, folder.resolve("data"))) {
            printer.plain("Escalator demo: the real bot against a fake Slack in this process. No account, no"
                    + " configuration, nothing sent anywhere; its store lives in " + folder
                    + " until the demo ends.");
            printer.plain("#payments follows the path `payments`: level 1 is bob (10s to acknowledge), level 2 alice"
                    + " and dave (30s)" + (speed == 1 ? "." : ", the clock running " + speed + "x fast."));
            var stage = new Stage(slack, new SlackRequests(bot.httpPort(), secret, slack), printer, clock);
            if (interactive) {
                new Console(stage, in).run();
                return 0;
            }
            boolean played = new Script(stage).play();
            printer.narrate(
                    played
                            ? "That was one escalation. Type your own: bin/escalator demo --interactive"
                            : "The demo stopped early.");
            return played ? 0 : 1;
        } finally {
            delete(folder);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the demo's folder " + folder, e);
        }
    }
}
