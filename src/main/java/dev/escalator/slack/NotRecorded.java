package dev.escalator.slack;

/**
 * An event that could not be recorded within the budget: Bolt lets an event listener answer only 200 (any other
 * status reads as "not mine" and becomes a 404), so the listener throws this and {@link SlackEndpoint} answers 503,
 * which Slack retries. Over Socket Mode the envelope is not acknowledged ({@link SocketModeConnection}), which Slack
 * retries too.
 */
final class NotRecorded extends RuntimeException {
    NotRecorded(String key) {
        super("event " + key + " not recorded", null, false, false);
    }

    static boolean among(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotRecorded) {
                return true;
            }
        }
        return false;
    }
}
