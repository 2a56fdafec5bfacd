package dev.escalator.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: the same Bolt app, fed over a WebSocket Slack hands out for the app token, so the bot needs no public
 * URL. Envelopes are acknowledged with the listener's answer, which the listeners give at once. Connected means the
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
        var connection =
                new SocketModeConnection(new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app));
        connection.start();
        return connection;
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
        try {
            socketMode.close();
        } catch (Exception e) {
            log.warn("slack: Socket Mode did not close cleanly: {}", e.getMessage());
        }
    }
}
