package dev.escalator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import dev.escalator.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The production logback.xml, loaded as the bot loads it, with LOG_FORMAT set as the deployment would set it. */
class LogFormatTest {
    private static final String LOGGER = "dev.escalator.chat.EscalationDesk";

    @Test
    void jsonFormatWritesOneObjectPerLineWithTheMdcKeys() throws JoranException {
        var mdc = Map.of("escalation", "ESC-7", "platform", "slack", "user", "U0ALICE", "action", "acknowledge");
        var event = event(mdc, "{} acknowledged by {}", "ESC-7", "U0ALICE");

        String line = render(Optional.of("json"), event);

        assertThat(line).endsWith("}\n").hasLineCount(1);
        assertThat(parse(line))
                .containsEntry("timestamp", "2024-06-03T10:00:00.123Z")
                .containsEntry("level", "INFO")
                .containsEntry("logger", LOGGER)
                .containsEntry("message", "ESC-7 acknowledged by U0ALICE")
                .containsEntry("escalation", "ESC-7")
                .containsEntry("platform", "slack")
                .containsEntry("user", "U0ALICE")
                .containsEntry("action", "acknowledge")
                .doesNotContainKey("exception");
    }

    @Test
    void jsonLineStaysOneLineWithQuotesLineBreaksAndAStackTrace() throws JoranException {
        var event = event(Map.of(), "title \"{}\"\nsecond line\t\u0001", "quoted \\ back");
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));

        String line = render(Optional.of("JSON"), event);

        assertThat(line).hasLineCount(1);
        Map<String, Object> fields = parse(line);
        assertThat(fields).containsEntry("message", "title \"quoted \\ back\"\nsecond line\t\u0001");
        assertThat(fields.get("exception"))
                .asString()
                .contains("java.lang.IllegalStateException: boom")
                .contains("at dev.escalator.logging.LogFormatTest");
    }

    @Test
    void mdcEntryNamedLikeAStandardFieldDoesNotReplaceIt() throws JoranException {
        var event = event(Map.of("message", "forged", "level", "ERROR", "escalation", "ESC-1"), "the real message");

        Map<String, Object> fields = parse(render(Optional.of("json"), event));

        assertThat(fields)
                .containsEntry("message", "the real message")
                .containsEntry("level", "INFO")
                .containsEntry("escalation", "ESC-1");
    }

    @Test
    void textFormatIsOneReadableLine() throws JoranException {
        String line = render(Optional.of("text"), event(Map.of(), "{} opened", "ESC-3"));

        assertThat(line)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.123\\S+ INFO  EscalationDesk: ESC-3 opened\n");
    }

    @Test
    void unknownFormatLogsAsTextAndSaysSoInOneLine() throws JoranException {
        var err = new java.io.ByteArrayOutputStream();
        var before = System.err;
        LoggerContext context;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            context = configured(Optional.of("yaml"));
        } finally {
            System.setErr(before);
        }

        String line = render(context, event(Map.of(), "{} opened", "ESC-3"));

        assertThat(line).endsWith("INFO  EscalationDesk: ESC-3 opened\n");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("escalator: LOG_FORMAT is 'yaml', which is neither text nor json: logging as text\n");
        // a warning status would make logback print its whole configuration log, some 26 lines, at start
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getLevel() >= Status.WARN);
    }

    private static String render(Optional<String> format, LoggingEvent event) throws JoranException {
        return render(configured(format), event);
    }

    private static String render(LoggerContext context, LoggingEvent event) {
        String text = new String(console(context).getEncoder().encode(event), StandardCharsets.UTF_8);
        context.stop();
        return text;
    }

    /** The console appender, behind the queue that root logs into. */
    @SuppressWarnings("unchecked")
    static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        var queue = (AsyncAppender)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("async");
        return (ConsoleAppender<ILoggingEvent>) queue.getAppender("console");
    }

    /** A logger context of its own, configured from src/main/resources/logback.xml as at the bot's start. */
    static LoggerContext configured(Optional<String> format) throws JoranException {
        var context = new LoggerContext();
        // logback looks variables up in the context before the environment, so this stands in for LOG_FORMAT
        format.ifPresent(value -> context.putProperty("LOG_FORMAT", value));
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
        return context;
    }

    private static LoggingEvent event(Map<String, String> mdc, String message, Object... arguments) {
        var logger = new LoggerContext().getLogger(LOGGER);
        var event = new LoggingEvent(LogFormatTest.class.getName(), logger, Level.INFO, message, null, arguments);
        event.setMDCPropertyMap(mdc);
        event.setTimeStamp(Fixtures.T0.plusMillis(123).toEpochMilli());
        return event;
    }

    private static Map<String, Object> parse(String line) {
        // JSON is YAML: the parser the project already has reads it
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(line);
    }
}
