package dev.escalator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * STYLE habit 23: a class of tests that Surefire's includes do not match is compiled and never run, and the build stays
 * green. The test engines themselves (Jupiter, jqwik, ArchUnit) say which classes hold tests; every one of them must
 * match a pattern of the file Surefire reads its includes from.
 */
class EveryTestClassRunsTest {
    private static final Path SUREFIRE_INCLUDES = Path.of("src/test/surefire-includes.txt");

    @Test
    void surefirePicksUpEveryClassThatHoldsTests() throws IOException {
        var includes = includePatterns();

        var classesWithTests = classesHoldingTests();

        assertThat(classesWithTests)
                .as("the engines found the tests (this class, a jqwik property class, an ArchUnit class)")
                .contains(
                        EveryTestClassRunsTest.class.getName(),
                        "dev.escalator.slack.SlackEndpointHostileInputProperties",
                        "dev.escalator.core.ArchitectureTest");
        assertThat(classesWithTests.stream().filter(name -> !matchesAny(includes, name)))
                .as(
                        "classes holding tests that no pattern of %s matches: rename them or add a pattern",
                        SUREFIRE_INCLUDES)
                .isEmpty();
    }

    private static List<PathMatcher> includePatterns() throws IOException {
        var patterns = Files.readAllLines(SUREFIRE_INCLUDES).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern))
                .toList();
        assertThat(patterns).as("patterns in %s", SUREFIRE_INCLUDES).isNotEmpty();
        return patterns;
    }

    private static boolean matchesAny(List<PathMatcher> includes, String className) {
        var sourceFile = Path.of(className.replace('.', '/') + ".java");
        return includes.stream().anyMatch(pattern -> pattern.matches(sourceFile));
    }

    /** Top-level classes that hold at least one test, as every engine on the test classpath discovers them. */
    private static Set<String> classesHoldingTests() {
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("dev.escalator"))
                .build();
        var plan = LauncherFactory.create().discover(request);
        var names = new TreeSet<String>();
        for (var root : plan.getRoots()) {
            for (var test : plan.getDescendants(root)) {
                if (test.isTest()) {
                    className(plan, test).ifPresent(name -> names.add(topLevel(name)));
                }
            }
        }
        return names;
    }

    /** The class a test is declared in: its own source for a method, else the nearest class above it (ArchUnit rules). */
    private static Optional<String> className(TestPlan plan, TestIdentifier test) {
        for (var node = Optional.of(test); node.isPresent(); node = node.flatMap(plan::getParent)) {
            var source = node.get().getSource();
            if (source.orElse(null) instanceof MethodSource method) {
                return Optional.of(method.getClassName());
            }
            if (source.orElse(null) instanceof ClassSource type) {
                return Optional.of(type.getClassName());
            }
        }
        return Optional.empty();
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }
}
