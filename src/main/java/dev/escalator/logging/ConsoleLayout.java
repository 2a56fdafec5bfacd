package dev.escalator.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import java.util.Locale;

/**
 * The console's layout, chosen once at start by {@code <format>} in logback.xml, which is {@code LOG_FORMAT}: {@code
 * json} writes {@link JsonLines}, {@code text} (the default) the {@code <pattern>}. Any other value falls back to text
 * with a warning, so that a typo in a deployment costs the format, never the log.
 */
public final class ConsoleLayout extends LayoutBase<ILoggingEvent> {
    private String format = "text";
    private String pattern = "%msg%n";

    @SuppressWarnings("NullAway.Init") // logback starts a layout before it asks it for a line
    private Layout<ILoggingEvent> chosen;

    public void setFormat(String format) {
        this.format = format == null ? "" : format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        chosen = switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> new JsonLines();
            case "text", "" -> text();
            default -> {
                // one line of our own: a status warning would make logback print its whole configuration log
                System.err.println("escalator: LOG_FORMAT is '%s', which is neither text nor json: logging as text"
                        .formatted(format));
                yield text();
            }
        };
        chosen.setContext(getContext());
        chosen.start();
        super.start();
    }

    private Layout<ILoggingEvent> text() {
        var text = new PatternLayout();
        text.setPattern(pattern);
        return text;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return chosen.doLayout(event);
    }

    @Override
    public void stop() {
        if (chosen != null) {
            chosen.stop();
        }
        super.stop();
    }
}
