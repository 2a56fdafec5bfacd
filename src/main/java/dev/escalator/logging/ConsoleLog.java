package dev.escalator.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * The end of the console log: logback.xml queues each line for a thread of its own, so lines still queued when the
 * process exits would be lost. The process calls {@link #flush} last, after everything it stopped has logged.
 */
public final class ConsoleLog {
    private ConsoleLog() {}

    /**
     * Writes every line still queued (waiting up to logback.xml's {@code maxFlushTime}) and stops logging: later lines
     * are not written. For the last moment of a process only.
     */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            flush(context);
        }
    }

    static void flush(LoggerContext context) {
        context.stop();
    }
}
