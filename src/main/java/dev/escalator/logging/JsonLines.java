package dev.escalator.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object per line, for log shippers: {@code timestamp} (ISO-8601, UTC, milliseconds), {@code level}, {@code
 * logger}, {@code message} with its arguments filled in, then the event's MDC entries and SLF4J key-value pairs as
 * top-level string fields ({@code escalation}, {@code platform}, {@code user}, {@code action}), and {@code exception}
 * with the stack trace when there is one. An entry named like one of the standard fields is left out: the standard
 * field is what a query relies on.
 */
final class JsonLines extends LayoutBase<ILoggingEvent> {
    private static final Set<String> STANDARD = Set.of("timestamp", "level", "logger", "message", "exception");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    @Override
    public String doLayout(ILoggingEvent event) {
        var json = new StringBuilder(256).append('{');
        field(json, "timestamp", TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
        field(json, "level", event.getLevel().toString());
        field(json, "logger", event.getLoggerName());
        field(json, "message", event.getFormattedMessage());
        context(event).forEach((key, value) -> field(json, key, value));
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            field(json, "exception", ThrowableProxyUtil.asString(thrown));
        }
        json.setCharAt(json.length() - 1, '}');
        return json.append('\n').toString();
    }

    /** MDC first, then key-value pairs, which win on the same key: they were given for this very line. */
    private static Map<String, String> context(ILoggingEvent event) {
        var context = new LinkedHashMap<String, String>();
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            context.putAll(mdc);
        }
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> context.put(pair.key, String.valueOf(pair.value)));
        }
        context.keySet().removeAll(STANDARD);
        return context;
    }

    private static void field(StringBuilder json, String key, String value) {
        string(json, key);
        json.append(':');
        string(json, value == null ? "" : value);
        json.append(',');
    }

    /** A JSON string; control characters are escaped, so a message with line breaks stays on one line. */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append("\\u%04x".formatted((int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
