package dev.escalator.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: the same Bolt app, fed over a WebSocket Slack hands out for the app token, so the bot needs no public
 * URL. Envelopes are acknowledged with the listener's answer, which the listeners give at once; one whose handling
 * failed (an event not recorded) is not acknowledged, so Slack sends it again. Connected means the
 * socket has not closed since it opened, or Slack has spoken on it since; the SDK reconnects on its own.
 */
final class SocketModeConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);

    private final SocketModeApp socketMode;
    private volatile boolean connected;

    private SocketModeConnection(SocketModeApp socketMode) {
        this.socketMode = socketMode;
    }

    static SocketModeConnection open(App app, String appToken) throws Exception {
        // Java-WebSocket: a plain client library, where Tyrus would bring a javax.websocket container along
        var connection = new SocketModeConnection(new SocketModeApp(
                appToken, app, SocketModeClient.Backend.JavaWebSocket, SocketModeConnection::notAcknowledged));
        connection.start();
        return connection;
    }

    /**
     * An envelope whose handling failed, above all an event that could not be recorded ({@link NotRecorded}): it must
     * not be acknowledged, so that Slack sends it again, as it retries an HTTP event answered 503. Bolt acknowledges
     * any answer this returns, even one without a body; throwing is the one way to send none.
     */
    private static Response notAcknowledged(SocketModeApp.ErrorContext context) {
        Exception failure = context.getException();
        if (NotRecorded.among(failure)) {
            log.warn("slack: envelope not acknowledged, so Slack sends it again: {}", failure.getMessage());
        } else {
            log.error("slack: envelope not acknowledged after a failure", failure);
        }
        throw new EnvelopeNotAcknowledged(failure);
    }

    /** Ends Bolt's handling of an envelope without an acknowledgement. */
    static final class EnvelopeNotAcknowledged extends RuntimeException {
        EnvelopeNotAcknowledged(Exception cause) {
            super("envelope not acknowledged", cause, false, false);
        }
    }

    private void start() throws Exception {
        socketMode.startAsync();
        SocketModeClient client = socketMode.getClient();
        if (client == null) {
            throw new IOException("Slack refused a Socket Mode connection (is SLACK_APP_TOKEN an app-level token?)");
        }
        connected = true;
        client.addWebSocketMessageListener(message -> {
            if (!connected) {
                connected = true;
                log.info("slack: Socket Mode connected again");
            }
        });
        client.addWebSocketCloseListener((code, reason) -> {
            connected = false;
            log.warn("slack: Socket Mode connection closed ({}); reconnecting", code);
        });
    }

    boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        connected = false;
        // SocketModeApp.close() forgets its client without closing it, and that client's session monitor goes on
        // reconnecting for the life of the JVM; closing the client first turns reconnection off and stops its threads
        SocketModeClient client = socketMode.getClient();
        try {
            if (client != null) {
                client.close();
            }
            socketMode.close();
        } catch (Exception e) {
            log.warn("slack: Socket Mode did not close cleanly: {}", e.getMessage());
        }
    }
}
