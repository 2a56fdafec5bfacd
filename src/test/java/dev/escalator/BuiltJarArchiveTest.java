package dev.escalator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.Eventually;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's AppCDS archive (Dockerfile, issue #17), made on the jar the build just packaged, so that the image build
 * cannot break silently where no Docker daemon runs: {@code bin/train-cds} writes an archive, and the bot started the
 * way the image's ENTRYPOINT starts it maps its classes from that archive and gets ready, and the image's HEALTHCHECK
 * command, which maps the same archive, finds it healthy. Tagged {@value #TAG}: Surefire
 * runs it in {@code integration-test}, after {@code package} (pom.xml), not with the other tests.
 */
@Tag(BuiltJarArchiveTest.TAG)
class BuiltJarArchiveTest {
    static final String TAG = "built-jar";
    private static final Path JAR = Path.of("target", "escalator.jar").toAbsolutePath();
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void theImageTrainsItsArchiveAndTheBotAndItsHealthcheckStartedAsTheImageStartsThemMapIt() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("RUN sh /usr/local/bin/train-cds /app/escalator.jar /app/escalator.jsa");
        assertThat(Files.readString(Path.of(".dockerignore"))).contains("!bin/train-cds");
        List<String> entrypoint = entrypoint(dockerfile);
        assertThat(entrypoint).contains("-XX:SharedArchiveFile=/app/escalator.jsa");
        List<String> options = entrypoint.subList(1, entrypoint.indexOf("-jar")).stream()
                .filter(option -> !option.startsWith("-XX:SharedArchiveFile="))
                .toList();
        var defaults = Pattern.compile("options=\\$\\{JAVA_OPTIONS:-([^}]*)}")
                .matcher(Files.readString(Path.of("bin", "train-cds")));
        assertThat(defaults.find()).as("train-cds's default options").isTrue();
        assertThat(List.of(defaults.group(1).split(" ")))
                .as("train-cds trains with the options the image starts with")
                .isEqualTo(options);
        // named relative to the build's directory, as bench/run.sh names it: the script runs the bot elsewhere
        Path relativeArchive = Path.of("target", "built-jar-test", "escalator.jsa");
        Files.createDirectories(relativeArchive.getParent());
        Files.deleteIfExists(relativeArchive);
        Path archive = relativeArchive.toAbsolutePath();

        // the training run, on the script's default options
        var train = new ProcessBuilder("sh", "bin/train-cds", JAR.toString(), relativeArchive.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("train.log").toFile());
        train.environment().put("JAVA", JAVA);
        train.environment().put("PORT", Integer.toString(freePort()));
        Process training = start(train);
        assertThat(training.waitFor(4, TimeUnit.MINUTES))
                .as("the training ends")
                .isTrue();
        assertThat(training.exitValue())
                .as("train-cds's exit status; its output:%n%s", Files.readString(dir.resolve("train.log")))
                .isZero();
        assertThat(archive).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("train.log")))
                .as("the options the image starts with")
                .doesNotContain("Unrecognized");
        // trained with Slack named (out of reach): a Slack bot's Bolt app and HTTP client come from the archive too
        var printed = new ProcessBuilder(
                        JAVA,
                        "-XX:SharedArchiveFile=" + archive,
                        "-XX:+PrintSharedArchiveAndExit",
                        "-jar",
                        JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("archived.txt").toFile());
        assertThat(start(printed).waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(dir.resolve("archived.txt")))
                .as("the classes in the archive")
                .containsPattern("dev\\.escalator\\.Escalator\\s")
                .containsPattern("com\\.slack\\.api\\.bolt\\.App\\s")
                .containsPattern("okhttp3\\.OkHttpClient\\s");

        // the start the image makes, with the archive in place of /app/escalator.jsa
        Path work = Files.createDirectories(dir.resolve("run"));
        int port = freePort();
        var command = new ArrayList<String>(List.of(JAVA));
        command.addAll(options);
        command.addAll(List.of(
                "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + work.resolve("classes.log"),
                "-jar",
                JAR.toString()));
        var run = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("bot.log").toFile());
        run.environment()
                .keySet()
                .removeIf(name -> name.startsWith("SLACK_")
                        || name.startsWith("DISCORD_")
                        || name.equals("ESCALATOR_CONFIG")
                        || name.equals("MONGODB_URI")
                        || name.equals("JAVA_TOOL_OPTIONS"));
        run.environment().put("ESCALATOR_DATA_DIR", work.resolve("data").toString());
        run.environment().put("PORT", Integer.toString(port));
        Process bot = start(run);
        awaitReady(bot, port, work.resolve("bot.log"));

        // the image's HEALTHCHECK, with the archive in place of /app/escalator.jsa, asks the running bot
        List<String> healthcheck = healthcheck(dockerfile);
        assertThat(healthcheck)
                .as("the healthcheck maps the archive the image trained")
                .contains("-XX:SharedArchiveFile=/app/escalator.jsa")
                .contains("/app/escalator.jar");
        var probeCommand = new ArrayList<String>();
        for (String part : healthcheck) {
            if (part.equals("java")) {
                probeCommand.add(JAVA);
            } else if (part.equals("-jar")) {
                probeCommand.add("-Xlog:class+load=info:file=" + work.resolve("probe-classes.log"));
                probeCommand.add(part);
            } else {
                probeCommand.add(part.replace("/app/escalator.jsa", archive.toString())
                        .replace("/app/escalator.jar", JAR.toString()));
            }
        }
        var probeRun = new ProcessBuilder(probeCommand)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("probe.log").toFile());
        probeRun.environment().remove("JAVA_TOOL_OPTIONS");
        probeRun.environment().put("PORT", Integer.toString(port));
        Process probe = start(probeRun);
        assertThat(probe.waitFor(1, TimeUnit.MINUTES))
                .as("the healthcheck ends")
                .isTrue();
        String probeLog = Files.readString(work.resolve("probe.log"));
        assertThat(probe.exitValue())
                .as("the healthcheck's exit status; its output:%n%s", probeLog)
                .isZero();
        assertThat(probeLog)
                .as("no warning that the archive does not fit the healthcheck's options")
                .doesNotContainIgnoringCase("shared archive")
                .doesNotContain("[cds]");
        assertThat(Files.readString(work.resolve("probe-classes.log")))
                .as("the healthcheck's JVM maps the jar's classes from the archive")
                .contains("dev.escalator.Escalator source: shared objects file (top)");

        bot.destroy(); // SIGTERM
        assertThat(bot.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bot.exitValue()).isZero();

        String loaded = Files.readString(work.resolve("classes.log"));
        assertThat(loaded)
                .as("the bot's own classes come from the archive, not the jar")
                .contains("dev.escalator.Escalator source: shared objects file (top)");
        assertThat(Files.readString(work.resolve("bot.log")))
                .as("no warning that the archive does not fit")
                .doesNotContainIgnoringCase("shared archive")
                .doesNotContain("[cds]");
    }

    /** The exec form of the Dockerfile's ENTRYPOINT, as its list of strings. */
    static List<String> entrypoint(String dockerfile) {
        return execForm(dockerfile, "^ENTRYPOINT \\[(.*?)]", "an exec-form ENTRYPOINT");
    }

    /** The exec form of the command of the Dockerfile's HEALTHCHECK, as its list of strings. */
    static List<String> healthcheck(String dockerfile) {
        return execForm(dockerfile, "^HEALTHCHECK [^\\[]*CMD \\[(.*?)]", "an exec-form HEALTHCHECK CMD");
    }

    private static List<String> execForm(String dockerfile, String instruction, String what) {
        var matcher = Pattern.compile(instruction, Pattern.MULTILINE | Pattern.DOTALL)
                .matcher(dockerfile.replace("\\\n", " "));
        assertThat(matcher.find()).as(what).isTrue();
        var strings = Pattern.compile("\"([^\"]*)\"").matcher(matcher.group(1));
        var parts = new ArrayList<String>();
        while (strings.find()) {
            parts.add(strings.group(1));
        }
        return parts;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static void awaitReady(Process bot, int port, Path log) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try (var client = HttpClient.newHttpClient()) {
            Eventually.holds("the bot answers /readyz 200 (see " + log + ")", Duration.ofMinutes(2), () -> {
                assertThat(bot.isAlive()).as("the bot runs; its log: %s", log).isTrue();
                try {
                    return client.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
