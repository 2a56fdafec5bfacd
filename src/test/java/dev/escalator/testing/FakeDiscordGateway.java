package dev.escalator.testing;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Discord's gateway on a loopback port, plain JSON without compression: HELLO, READY and GUILD_CREATE after IDENTIFY,
 * heartbeat ACKs, and whatever dispatch a test sends.
 */
public final class FakeDiscordGateway extends WebSocketServer implements AutoCloseable {
    private final FakeDiscord.Ids ids;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile WebSocket session;

    public FakeDiscordGateway(FakeDiscord.Ids ids) throws InterruptedException {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.ids = ids;
        setReuseAddr(true);
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake gateway did not start");
        }
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/";
    }

    /** Sends an event (op 0) to the connected bot. */
    public void dispatch(String type, DataObject data) {
        WebSocket connected = session;
        if (connected == null) {
            throw new IllegalStateException("no bot is connected");
        }
        connected.send(DataObject.empty()
                .put("op", 0)
                .put("t", type)
                .put("s", sequence.incrementAndGet())
                .put("d", data)
                .toString());
    }

    /** Tells the bot its session is gone (op 9, not resumable): it connects and identifies anew. */
    public void invalidateSession() {
        WebSocket connected = session;
        if (connected == null) {
            throw new IllegalStateException("no bot is connected");
        }
        connected.send(DataObject.empty().put("op", 9).put("d", false).toString());
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.send(DataObject.empty()
                .put("op", 10)
                .put("d", DataObject.empty().put("heartbeat_interval", 45_000))
                .toString());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        DataObject payload = DataObject.fromJson(message);
        switch (payload.getInt("op")) {
            case 1 -> conn.send(DataObject.empty().put("op", 11).toString());
            case 2 -> {
                session = conn;
                dispatch("READY", FakeDiscord.ready(ids, url()));
                dispatch("GUILD_CREATE", FakeDiscord.guild(ids));
            }
            default -> {
                // presence updates, member requests: nothing to answer
            }
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (conn == session) {
            session = null;
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // the client sees the closed connection; a test waiting on a condition reports what it missed
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
