package dev.escalator.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The MDC keys every log line about an escalation carries ({@code escalation}, {@code platform}, {@code user},
 * {@code action}), set for the span of a try-with-resources and put back as they were when it closes, so a handler
 * that sets {@code platform} and {@code user} keeps them while the desk adds {@code escalation} and its own {@code
 * action} inside. Ids and names only: never a token or message text.
 */
public final class LogContext implements AutoCloseable {
    public static final String ESCALATION = "escalation";
    public static final String PLATFORM = "platform";
    public static final String USER = "user";
    public static final String ACTION = "action";

    private final Map<String, String> previous = new LinkedHashMap<>();

    private LogContext() {}

    public static LogContext of() {
        return new LogContext();
    }

    public LogContext escalation(Object id) {
        return put(ESCALATION, id);
    }

    /** The platform in lower case, as the metrics label it. */
    public LogContext platform(Object platform) {
        return put(PLATFORM, String.valueOf(platform).toLowerCase(java.util.Locale.ROOT));
    }

    public LogContext user(String userId) {
        return put(USER, userId);
    }

    public LogContext action(String action) {
        return put(ACTION, action);
    }

    private LogContext put(String key, Object value) {
        if (!previous.containsKey(key)) {
            previous.put(key, MDC.get(key));
        }
        MDC.put(key, String.valueOf(value));
        return this;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
