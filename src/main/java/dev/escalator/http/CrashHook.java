package dev.escalator.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A crash at a named point, for the fault tests that prove SPEC §8 on a child process: with the system property
 * {@code escalator.crash=after-answer} the process halts (as kill -9 would stop it: no shutdown hook, nothing flushed)
 * right after it has written its first 2xx answer to Slack's request (or Discord took its first deferred reply, or
 * a Discord reaction was recorded), and meanwhile carries out no person's
 * action in the request's wake, so what the platform was told is all that happened. Unset, it does nothing.
 */
public final class CrashHook {
    private static final Logger log = LoggerFactory.getLogger(CrashHook.class);
    static final String PROPERTY = "escalator.crash";
    static final String AFTER_ANSWER = "after-answer";

    private static final boolean ARMED = AFTER_ANSWER.equals(System.getProperty(PROPERTY));

    private CrashHook() {}

    /** Whether this process is to halt after its next answer to a platform: then it holds actions back. */
    public static boolean armed() {
        return ARMED;
    }

    /**
     * Called once Discord has taken the deferred reply to an interaction, or a reaction (which has no answer) is
     * recorded: the point where the person has been told, or can no longer be told, that it was received.
     */
    public static void answeredOnDiscord(String what) {
        if (ARMED) {
            log.warn("crash hook: halting after {}", what);
            Runtime.getRuntime().halt(137);
        }
    }

    /** Called once an answer is written and the exchange closed. */
    static void answered(String route, int status) {
        if (ARMED && route.startsWith("/slack") && status >= 200 && status < 300) {
            log.warn("crash hook: halting after answering {} with {}", route, status);
            Runtime.getRuntime().halt(137);
        }
    }
}
