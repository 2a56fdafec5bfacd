package dev.escalator.http;

import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A crash at a named point, for the fault tests that prove SPEC §8 on a child process: with the system property
 * {@code escalator.crash=<point>} the process halts (as kill -9 would stop it: no shutdown hook, nothing flushed) the
 * first time it reaches that {@link Point}. The property is read once, when the class is loaded; unset, each point
 * is a comparison with a constant and nothing else. A name that is no point fails the start, so that a test's typo
 * cannot pass as "never reached".
 */
public final class CrashHook {
    private static final Logger log = LoggerFactory.getLogger(CrashHook.class);
    static final String PROPERTY = "escalator.crash";

    /** The points a process can be told to halt at, each by the name the property gives. */
    public enum Point {
        /**
         * Right after the first 2xx answer to a platform's request is written (Slack), Discord took the first deferred
         * reply, or a Discord reaction was recorded; meanwhile no person's action is carried out in the request's
         * wake ({@link #armed}), so what the platform was told is all that happened.
         */
        AFTER_ANSWER("after-answer"),
        /** A due step is claimed by this process, its transition not yet decided or stored. */
        AFTER_STEP_CLAIMED("after-step-claimed"),
        /** A step's transition and its effects are stored, none of them delivered yet. */
        AFTER_STEP_STORED("after-step-stored"),
        /**
         * A thread post (a tag, an announcement) or a fallback alert has gone out on the platform, the outbox has not
         * recorded it.
         */
        AFTER_POST("after-post"),
        /**
         * A Slack reaction's or button press's effect is stored with its key (or it changed nothing), before the
         * platform hears 2xx: the platform retries what it was not answered.
         */
        AFTER_ACTION_STORED("after-action-stored");

        private final String property;

        Point(String property) {
            this.property = property;
        }

        static Point named(String property) {
            return Arrays.stream(values())
                    .filter(point -> point.property.equals(property))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(PROPERTY + "=" + property
                            + " names no crash point; one of "
                            + Arrays.stream(values()).map(p -> p.property).toList()));
        }
    }

    private static final Optional<Point> ARMED =
            Optional.ofNullable(System.getProperty(PROPERTY)).map(Point::named);

    private CrashHook() {}

    /** Whether this process is to halt after its next answer to a platform: then it holds actions back. */
    public static boolean armed() {
        return ARMED.equals(Optional.of(Point.AFTER_ANSWER));
    }

    /** Halts the process if it was told to halt at {@code point}; does nothing otherwise. */
    public static void reached(Point point) {
        if (ARMED.isPresent() && ARMED.get() == point) {
            log.warn("crash hook: halting at {}", point.property);
            Runtime.getRuntime().halt(137);
        }
    }

    /**
     * Called once Discord has taken the deferred reply to an interaction, or a reaction (which has no answer) is
     * recorded: the point where the person has been told, or can no longer be told, that it was received.
     */
    public static void answeredOnDiscord(String what) {
        if (armed()) {
            log.warn("crash hook: reached after Discord's {}", what);
        }
        reached(Point.AFTER_ANSWER);
    }

    /** Called once an answer is written and the exchange closed. */
    static void answered(String route, int status) {
        if (route.startsWith("/slack") && status >= 200 && status < 300) {
            reached(Point.AFTER_ANSWER);
        }
    }
}
