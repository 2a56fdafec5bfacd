package dev.escalator.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The command that starts a JVM on the tests' own class path (the bot, a crash probe), made cheap to start: the kill -9
 * tests start some thirty of them, each living seconds on a 2-core machine shared with other builds, so their start
 * was most of those classes' time (docs/benchmarks.md, branch suite3). None of it changes what the child does:
 * <ul>
 *   <li>{@code -XX:TieredStopAtLevel=1}: C1 only. A child lives seconds; C2's compiles cost CPU it never earns back.
 *   <li>{@code -XX:+UseSerialGC}: the collector the image runs the bot with (Dockerfile); no gain at start was
 *       measured from it alone.
 *   <li>An AppCDS archive of the classes a child loads ({@code -XX:+AutoCreateSharedArchive}, JDK 19+): written by the
 *       first child of this test JVM that ends by itself or by its crash hook's halt (a kill -9 writes nothing), and
 *       mapped by every child after it instead of loading and verifying those classes from the jars. The JVM archives
 *       classes from jars only and refuses to write an archive while a non-empty directory is on the class path,
 *       so the class path's directories ({@code target/classes}, {@code target/test-classes}) are copied into jars
 *       once, here.
 * </ul>
 * Everything lives in {@code target/child-jvm/<pid>}, one folder per test JVM (Surefire's two forks never write one
 * archive together), deleted when that JVM ends. A fresh folder each run, because an archive is tied to its jars' time
 * stamps: JDK 25 maps no archive whose jars changed, and does not write a new one either (it logs "shared class paths
 * mismatch" and the child starts as without one), so an archive kept from an earlier build would be harmless but
 * useless.
 */
public final class ChildJvm {
    private static final Path HOME = Path.of(
                    "target", "child-jvm", Long.toString(ProcessHandle.current().pid()))
            .toAbsolutePath();

    private static String classPath;

    private ChildJvm() {}

    /** Whether a child may write the archive. */
    public enum Archive {
        /** Mapped when there, else written when the child ends by itself or halts. */
        SHARED,
        /**
         * Mapped when an earlier child wrote it, never written: for a test that times the child's own exit, which
         * writing the archive (seconds on a loaded machine) would lengthen.
         */
        READ_ONLY
    }

    /**
     * {@code java} with the cheap-start options and the {@code archive}, then {@code options}, the class path and
     * {@code main} with {@code args}.
     */
    public static List<String> command(Archive archive, List<String> options, String main, List<String> args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (archive == Archive.SHARED) {
            command.add("-XX:+AutoCreateSharedArchive");
        }
        command.addAll(List.of(
                "-XX:SharedArchiveFile=" + HOME.resolve("children.jsa"),
                // the JVM's notes on each class it leaves out of the archive, and on an archive not written yet
                "-Xlog:cds*=error"));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath(), main));
        command.addAll(args);
        return command;
    }

    /** The tests' class path with each directory replaced by a jar of it, made on the first call. */
    private static synchronized String classPath() {
        if (classPath == null) {
            try {
                Files.createDirectories(HOME);
                Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::deleteHome, "child-jvm-cleanup"));
                var entries = new ArrayList<String>();
                for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    Path path = Path.of(entry);
                    entries.add(
                            Files.isDirectory(path)
                                    ? jarOf(path, entries.size()).toString()
                                    : entry);
                }
                classPath = String.join(File.pathSeparator, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classPath;
    }

    private static Path jarOf(Path directory, int index) {
        Path jar = HOME.resolve(index + "-" + directory.getFileName() + ".jar");
        var tool = ToolProvider.findFirst("jar").orElseThrow(() -> new IllegalStateException("no jar tool"));
        int status = tool.run(
                System.out,
                System.err,
                "--create",
                "--no-compress",
                "--file",
                jar.toString(),
                "-C",
                directory.toString(),
                ".");
        if (status != 0) {
            throw new IllegalStateException("jar of " + directory + " failed: " + status);
        }
        return jar;
    }

    private static void deleteHome() {
        try (Stream<Path> files = Files.walk(HOME)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // left for mvn clean
        }
    }
}
