package dev.escalator.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Changes to how much is logged while the process runs, for commands whose output is the terminal itself. */
public final class LogLevels {
    /** Puts the level back as it was. */
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    private LogLevels() {}

    /**
     * Only warnings and errors are logged until the returned {@link Restore} is closed: {@code demo} prints a chat
     * thread, not the bot's log.
     */
    public static Restore warningsOnly() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            Level before = root.getLevel();
            root.setLevel(Level.WARN);
            return () -> root.setLevel(before);
        }
        return () -> {};
    }
}
