package dev.escalator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServiceTest {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private PrometheusMetrics metrics;
    private HttpService server;

    @BeforeEach
    void start() throws IOException {
        metrics = PrometheusMetrics.withJvmMetrics();
        server = HttpService.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics);
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
        metrics.close();
        client.close();
    }

    @Test
    void boundPortIsTheOneActuallyListening() {
        assertThat(server.port()).isPositive();
    }

    @Test
    void healthzAnswersOkWhileTheProcessRuns() throws Exception {
        var response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void readyzNamesTheFailingCheckUntilItPasses() throws Exception {
        var storeUp = new AtomicBoolean(false);
        server.addReadinessCheck(ReadinessCheck.of("store", storeUp::get));
        server.addReadinessCheck(ReadinessCheck.of("slack", () -> true));

        var before = get("/readyz");
        storeUp.set(true);
        var after = get("/readyz");

        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).contains("store: not ready").contains("slack: ok");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).startsWith("ready").contains("store: ok");
    }

    @Test
    void readinessCheckThatThrowsCountsAsNotReady() throws Exception {
        server.addReadinessCheck(ReadinessCheck.of("discord", () -> {
            throw new IllegalStateException("gateway gone");
        }));

        var response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("discord: not ready");
    }

    @Test
    void metricsArePrometheusTextWithJvmMeters() throws Exception {
        get("/healthz");

        var response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds")
                .contains("escalator_http_requests_seconds_count{method=\"GET\",route=\"/healthz\",status=\"200\"}");
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodIsNotAllowedAndSaysWhatIs() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/healthz"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void headIsAnsweredLikeGetWithoutBody() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void mountedHandlerGetsTheBodyAndHeaders() throws Exception {
        server.mount(
                "POST",
                "/slack/events",
                request ->
                        Response.text(200, request.header("x-slack-signature").orElse("?") + " " + request.bodyText()));

        var response = send(HttpRequest.newBuilder(uri("/slack/events"))
                .header("X-Slack-Signature", "v0=abc")
                .POST(HttpRequest.BodyPublishers.ofString("token=x"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("v0=abc token=x\n");
    }

    @Test
    void handlerThatThrowsGivesInternalErrorAndTheServerGoesOn() throws Exception {
        server.mount("GET", "/boom", request -> {
            throw new IllegalStateException("bug");
        });

        assertThat(get("/boom").statusCode()).isEqualTo(500);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void declaredBodyOverOneMegabyteIsRefusedBeforeItIsSent() throws Exception {
        server.mount("POST", "/slack/events", request -> Response.text(200, "read"));

        String head = "POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Length: %d\r\n\r\n"
                .formatted(HttpService.MAX_BODY_BYTES + 1);
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(socket.getInputStream())).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }
    }

    @Test
    void chunkedBodyOverOneMegabyteIsRefused() throws Exception {
        var handled = new AtomicBoolean();
        server.mount("POST", "/slack/events", request -> {
            handled.set(true);
            return Response.text(200, "read");
        });
        byte[] body = new byte[HttpService.MAX_BODY_BYTES + 1];

        var response = send(HttpRequest.newBuilder(uri("/slack/events"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(handled).isFalse();
    }

    @Test
    void bodyOfExactlyOneMegabyteIsAccepted() throws Exception {
        server.mount("POST", "/slack/events", request -> Response.text(200, "" + request.body().length));

        var response = send(HttpRequest.newBuilder(uri("/slack/events"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpService.MAX_BODY_BYTES]))
                .build());

        assertThat(response.body()).isEqualTo(HttpService.MAX_BODY_BYTES + "\n");
    }

    @Test
    void stopLetsARequestInFlightFinish() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        server.mount("POST", "/slack/events", request -> {
            entered.countDown();
            await(release);
            return Response.text(200, "answered");
        });
        var answer = client.sendAsync(
                HttpRequest.newBuilder(uri("/slack/events"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        var stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
        release.countDown();

        assertThat(answer.get(5, TimeUnit.SECONDS).body()).isEqualTo("answered\n");
        stopping.get(5, TimeUnit.SECONDS);
    }

    @Test
    void stopIsQuickRightAfterAClientHungUp() throws Exception {
        try (var other =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            other.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.discarding());
        }
        long started = System.nanoTime();

        server.stop(Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void stoppedServerRefusesConnections() {
        server.stop(Duration.ZERO);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get("/healthz"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anUnknownPathIsNotEchoedInThe404() throws Exception {
        var response = get("/%3Cscript%3Ealert(1)%3C/script%3E");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("script", "alert");
    }

    @Test
    void fiveHundredHalfOpenConnectionsDoNotStopHealthzAnswering() throws Exception {
        var sockets = new java.util.ArrayList<Socket>();
        try {
            for (int i = 0; i < 500; i++) {
                var socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                sockets.add(socket);
                if (i % 2 == 0) {
                    // headers begun, never finished
                    socket.getOutputStream()
                            .write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }

            var response = client.send(
                    HttpRequest.newBuilder(uri("/healthz"))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void everyKeptAliveConnectionAnswersItsNextRequestWhenManyAreIdle() throws Exception {
        // the JDK server's default keeps 200 idle: past that it closed each connection after its answer, unannounced,
        // and the client's next request on it got nothing
        int connections = 300;
        var sockets = new java.util.ArrayList<Socket>();
        try {
            for (int i = 0; i < connections; i++) {
                var socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                socket.setSoTimeout(10_000);
                sockets.add(socket);
                assertThat(getHealthz(socket))
                        .as("first request on connection %d", i)
                        .isEqualTo("HTTP/1.1 200 OK");
            }

            for (int i = 0; i < connections; i++) {
                assertThat(getHealthz(sockets.get(i)))
                        .as("second request on connection %d, kept alive by the first answer", i)
                        .isEqualTo("HTTP/1.1 200 OK");
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** One kept-alive {@code GET /healthz} on {@code socket}, its answer read whole; its status line, "" if none. */
    private static String getHealthz(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return "";
            }
            head.append((char) b);
        }
        int length = head.toString()
                .lines()
                .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(line ->
                        Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst()
                .orElseThrow();
        assertThat(in.readNBytes(length)).hasSize(length);
        return head.substring(0, head.indexOf("\r\n"));
    }

    @Test
    void aClientThatStallsHalfWayThroughItsBodyIsCutOff() throws Exception {
        var handled = new AtomicBoolean();
        server.mount("POST", "/slow", request -> {
            handled.set(true);
            return Response.text(200, "read it all");
        });
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout((int) HttpService.REQUEST_TIME.plusSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nfirst ten."
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long sent = System.nanoTime();

            int read = socket.getInputStream().read();

            assertThat(Duration.ofNanos(System.nanoTime() - sent))
                    .as("closed once the request took too long, not held forever")
                    .isLessThan(HttpService.REQUEST_TIME.plusSeconds(5));
            assertThat(read).as("the connection was closed without an answer").isEqualTo(-1);
            assertThat(handled).isFalse();
        }
    }

    @Test
    void theTestsRunWithTheServersLimits() {
        // the JDK server reads its settings once per JVM: the build sets them for the tests as the bot sets them
        HttpService.limits()
                .forEach((name, value) ->
                        assertThat(System.getProperty(name)).as(name).isEqualTo(value));
    }

    @Test
    void anIdleKeptAliveConnectionOutlivesTheJdkClientsKeepAlive() {
        // a JDK client drops its idle connection before the server closes it, so it never sends a POST (not retried)
        // on a connection the server is closing; 5 s of room for a client late on a loaded machine
        assertThat(System.getProperty("jdk.httpclient.keepalive.timeout"))
                .as("the JDK client's own keep-alive, not one set for the tests")
                .isNull();
        assertThat(HttpService.IDLE_TIME)
                .isGreaterThanOrEqualTo(HttpService.JDK_CLIENT_KEEP_ALIVE
                        .plus(HttpService.IDLE_CHECK)
                        .plusSeconds(5));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
