package dev.escalator;

import static dev.escalator.cli.ConfigFixtures.answering;
import static dev.escalator.cli.ConfigFixtures.paymentsConfig;
import static dev.escalator.cli.ConfigFixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.escalator.cli.ConfigFixtures;
import dev.escalator.testing.InMemoryMongo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * What the bot logs from start to stop, with secrets in its environment (SPEC §3: secrets are never logged). Only
 * secrets that enable no platform by themselves are given, so that no adapter reaches out to Slack or Discord; the
 * masking of the bot tokens is SettingsTest's. Everything logged is captured, at INFO for our loggers and the driver.
 */
class StartupLogTest {
    private static final String PASSWORD = "s3cret-mongo-pw";
    private static final String SIGNING_SECRET = "8f14e45fceea167a5a36dedd4bea2543";
    private static final String APP_TOKEN = "xapp-1-A0TEST-1234-deadbeefcafe";

    /** Loggers this test turns up to INFO; production keeps the driver at WARN, so this is the stricter look. */
    private static final List<String> LOUDER = List.of("dev.escalator", "org.mongodb", "de.bwaldvogel");

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Map<String, Level> levelsBefore = new HashMap<>();

    @BeforeEach
    void captureEverythingLogged() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        captured.setContext(context);
        captured.start();
        root().addAppender(captured);
        for (String name : LOUDER) {
            Logger logger = context.getLogger(name);
            levelsBefore.put(name, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
    }

    @AfterEach
    void restoreLogging() {
        root().detachAppender(captured);
        captured.stop();
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        levelsBefore.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    @Test
    void runningBotLogsItsStoreAndPlatformsButNoSecret() throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        var settings = settings(file, Map.of("SLACK_SIGNING_SECRET", SIGNING_SECRET, "SLACK_APP_TOKEN", APP_TOKEN));

        try (var bot = Escalator.start(settings, answering(valid(paymentsConfig(file))))
                .orElseThrow()) {
            assertThat(bot.port()).isPositive();
        }

        String log = logText();
        assertThat(log).doesNotContain(SIGNING_SECRET, APP_TOKEN);
        assertThat(log)
                .contains("store: embedded, data in " + dir.resolve("data"))
                .contains("signing secret ****, app token ****")
                .contains("SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set without SLACK_BOT_TOKEN, so Slack stays off")
                .contains("No chat platform is enabled")
                .contains("Escalator is running")
                .contains("Escalator stopped");
        assertThat(captured.list)
                .filteredOn(event -> event.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage)
                .as("a first start on a new embedded store is no error")
                .isEmpty();
    }

    /**
     * mongo-java-server cannot log anyone in, so a URI with a password is a refused login: the path on which a careless
     * log line would print the URI, and what an operator with a wrong password sees.
     */
    @Test
    void refusedStoreLoginIsLoggedWithoutThePassword() throws Exception {
        try (var mongo = new InMemoryMongo()) {
            var file = ConfigFixtures.placeholderFile(dir);
            String uri = "mongodb://escalator:%s@127.0.0.1:%d/escalator?authSource=admin&w=majority"
                    .formatted(PASSWORD, mongo.port());
            var settings = settings(file, Map.of("MONGODB_URI", uri, "SLACK_APP_TOKEN", APP_TOKEN));

            var started = Escalator.start(settings, answering(valid(paymentsConfig(file))));

            assertThat(started).isEmpty();
        }
        String log = logText();
        assertThat(log).doesNotContain(PASSWORD, APP_TOKEN);
        assertThat(log)
                .contains("store=MongoDB mongodb://****@127.0.0.1:")
                .contains("store: MongoDB at 127.0.0.1:")
                .contains("Cannot start");
    }

    /**
     * An operator's mistake, or MongoDB down, is said in one line that names what to check: no stack trace, which
     * would bury it, and no password.
     */
    @ParameterizedTest
    @CsvSource({
        // nothing listens on port 1 on loopback: the driver gives up after the URI's server selection time-out
        "'mongodb://escalator:" + PASSWORD
                + "@127.0.0.1:1/escalator?serverSelectionTimeoutMS=300', 'Check MONGODB_URI'",
        "'mongodb://escalator:" + PASSWORD + "@127.0.0.1:1/escalator?connectTimeoutMS=soon', 'MONGODB_URI'"
    })
    void aStoreThatCannotBeUsedStopsTheStartWithOneLineNamingWhatToCheck(String uri, String said) throws Exception {
        var file = ConfigFixtures.placeholderFile(dir);
        var settings = settings(file, Map.of("MONGODB_URI", uri));

        var started = Escalator.start(settings, answering(valid(paymentsConfig(file))));

        assertThat(started).isEmpty();
        String log = logText();
        assertThat(log).doesNotContain(PASSWORD).contains("Cannot start").contains(said);
        assertThat(captured.list)
                .filteredOn(event -> event.getLevel() == Level.ERROR)
                .as("said in words, without a stack trace")
                .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    private Settings settings(Path configFile, Map<String, String> secrets) {
        var env = new HashMap<>(secrets);
        env.put("ESCALATOR_CONFIG", configFile.toString());
        env.put("ESCALATOR_DATA_DIR", dir.resolve("data").toString());
        env.put("PORT", "0");
        return Settings.fromEnvironment(env);
    }

    private String logText() {
        return captured.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
