package dev.escalator.slack;

import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.escalator.testing.Eventually;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode end on loopback: says hello to the bot when it connects, sends it envelopes, and keeps what the
 * bot sends back (the acknowledgements).
 */
final class FakeSocketMode extends WebSocketServer implements AutoCloseable {
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch disconnected = new CountDownLatch(1);
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private volatile WebSocket bot;

    FakeSocketMode() throws InterruptedException {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        setReuseAddr(true);
        start();
        if (!started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake Socket Mode server did not start");
        }
    }

    String url() {
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=test";
    }

    /** Sends an envelope of {@code type} carrying {@code payload} (JSON) once the bot is connected. */
    void send(String envelopeId, String type, String payload) {
        await(connected, "the bot to connect");
        bot.send("{\"envelope_id\":\"%s\",\"type\":\"%s\",\"accepts_response_payload\":%s,\"payload\":%s}"
                .formatted(envelopeId, type, !type.equals("events_api"), payload));
    }

    /** Waits, with {@link Eventually}'s bound, for the bot's acknowledgement of {@code envelopeId}. */
    JsonObject awaitAck(String envelopeId) {
        return Eventually.found(
                "the acknowledgement of " + envelopeId + "; received " + received,
                () -> received.stream()
                        .filter(message -> message.has("envelope_id")
                                && message.get("envelope_id").getAsString().equals(envelopeId))
                        .findFirst());
    }

    /** Whether the bot has acknowledged {@code envelopeId} so far. */
    boolean acknowledged(String envelopeId) {
        return received.stream()
                .anyMatch(message -> message.has("envelope_id")
                        && message.get("envelope_id").getAsString().equals(envelopeId));
    }

    void awaitDisconnect() {
        await(disconnected, "the bot to disconnect");
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        bot = connection;
        connection.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0APP\"}}");
        connected.countDown();
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        disconnected.countDown();
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        received.add(JsonParser.parseString(message).getAsJsonObject());
    }

    @Override
    public void onError(WebSocket connection, Exception e) {
        // the test sees the missing acknowledgement
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                fail("waited 5 s for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for " + what);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(1_000);
    }
}
