package dev.escalator.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A crash at a named point, for the fault tests that prove SPEC §8 on a child process: with the system property
 * {@code escalator.crash=after-answer} the process halts (as kill -9 would stop it: no shutdown hook, nothing flushed)
 * right after it has written its first 2xx answer to a platform's request, and meanwhile carries out no person's
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

    /** Called once an answer is written and the exchange closed. */
    static void answered(String route, int status) {
        if (ARMED && route.startsWith("/slack") && status >= 200 && status < 300) {
            log.warn("crash hook: halting after answering {} with {}", route, status);
            Runtime.getRuntime().halt(137);
        }
    }
}
