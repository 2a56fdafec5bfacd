package dev.escalator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP server: {@code GET /healthz}, {@code GET /readyz}, {@code GET /metrics}, and whatever other parts
 * {@linkplain #mount mount} (the Slack adapter's {@code POST /slack/events}). Unknown paths get 404, other methods 405,
 * bodies over {@link #MAX_BODY_BYTES} 413. Each request runs on its own virtual thread; a client gets
 * {@link #REQUEST_TIME} to send its request and at most {@link #MAX_CONNECTIONS} connections are open at once.
 */
public final class HttpService implements AutoCloseable {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Long enough for an in-flight Slack request to be answered, short enough for a quick restart. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
    /**
     * The longest a client may take to send one request, headers and body: past it the connection is closed and its
     * thread freed, so slow or stalled clients cannot pile up. Slack must be answered within 3 s anyway.
     */
    public static final Duration REQUEST_TIME = Duration.ofSeconds(10);
    /** Open connections at most; more are closed at once. Well above what Slack, probes and Prometheus need. */
    public static final int MAX_CONNECTIONS = 2000;
    /**
     * A kept-alive connection that sends nothing more is closed after this long (the JDK checks every {@link
     * #IDLE_CHECK}). Longer than the JDK's {@code HttpClient} keeps an idle connection ({@link #JDK_CLIENT_KEEP_ALIVE}),
     * with room for a client running late on a loaded machine: a client that reuses a connection the server is closing
     * at that moment gets no answer ("header parser received no bytes"), and the JDK client retries only a GET, not the
     * demo's or an alert sender's POST. A connection that never sends its first request is closed after {@link
     * #REQUEST_TIME} whatever this says.
     */
    public static final Duration IDLE_TIME = Duration.ofSeconds(40);

    /** How long the JDK's {@code HttpClient} keeps an idle connection for reuse ({@code jdk.httpclient.keepalive.timeout}). */
    static final Duration JDK_CLIENT_KEEP_ALIVE = Duration.ofSeconds(30);

    static final Duration IDLE_CHECK = Duration.ofSeconds(2);

    /**
     * Connections the kernel holds for the server before it accepts them (Linux caps it at {@code
     * net.core.somaxconn}, 4,096 by default). The JDK's default is 50: a burst of new connections, which Slack and an
     * alert sender open whenever their kept ones are busy, overflowed it, and every connection dropped there waited for
     * the client to try again after a second (TCP's first retransmission), so a burst cost a second of stall.
     */
    static final int BACKLOG = 1024;

    private static final Logger log = LoggerFactory.getLogger(HttpService.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Routes routes = new Routes();
    private final List<ReadinessCheck> readiness = new CopyOnWriteArrayList<>();
    private final Map<String, Refusal> refusals = new java.util.concurrent.ConcurrentHashMap<>();
    private final PrometheusMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;

    private HttpService(HttpServer server, ExecutorService executor, PrometheusMetrics metrics) {
        this.server = server;
        this.executor = executor;
        this.metrics = metrics;
    }

    /** Binds {@code address} (port 0 picks a free port, see {@link #port()}) and starts answering. */
    public static HttpService start(InetSocketAddress address, PrometheusMetrics metrics) throws IOException {
        limits().forEach(System::setProperty);
        HttpServer server = HttpServer.create(address, BACKLOG);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("http-", 0).factory());
        var service = new HttpService(server, executor, metrics);
        var status = new StatusRoutes(service.readiness, metrics);
        service.mount("GET", "/healthz", status::health);
        service.mount("GET", "/readyz", status::readiness);
        service.mount("GET", "/metrics", status::metrics);
        server.createContext("/", service::exchange);
        server.setExecutor(executor);
        server.start();
        log.info("HTTP server listening on port {}", service.port());
        return service;
    }

    /**
     * The JDK server's settings, as system properties, which it reads once, when its first server is made: set here
     * before that, and by the build for the tests, whose fakes may make one first. Without {@code nodelay} the JDK
     * server leaves Nagle's algorithm on and each small answer waits ~40 ms for a delayed ACK; without the time limits
     * it waits forever for a request that never finishes. A body answered 413 unread is read and thrown away up to
     * {@code drainAmount} before the connection closes: closed with unread bytes, it is reset, and the reset can destroy
     * the 413 before the client reads it (64 KB by default; a larger body still is cut off). With more than {@code
     * maxIdleConnections} (200 by default) kept-alive connections idle, the JDK server closes each further one as its
     * answer is written, though the answer told the client to keep it: the client's next request on it gets no answer
     * ("header parser received no bytes"), and a POST is not retried. Slack opens connections as it needs them, so any
     * open connection may stay idle.
     */
    public static Map<String, String> limits() {
        return Map.of(
                "sun.net.httpserver.nodelay", "true",
                "sun.net.httpserver.drainAmount", Long.toString(8L * MAX_BODY_BYTES),
                "sun.net.httpserver.maxReqTime", Long.toString(REQUEST_TIME.toSeconds()),
                "sun.net.httpserver.idleInterval", Long.toString(IDLE_TIME.toSeconds()),
                "sun.net.httpserver.clockTick", Long.toString(IDLE_CHECK.toMillis()),
                "jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS),
                "sun.net.httpserver.maxIdleConnections", Integer.toString(MAX_CONNECTIONS));
    }

    /** Answers {@code method} requests to exactly {@code path} with {@code handler}; each pair once. */
    public void mount(String method, String path, RequestHandler handler) {
        routes.mount(method.toUpperCase(Locale.ROOT), path, handler);
    }

    /**
     * Told of a request the server itself refused before any route saw it: {@code 404} (no route has its path) or
     * {@code 413} (its body is over {@link #MAX_BODY_BYTES}). The part that owns the paths counts and logs it as it does
     * its own refusals.
     */
    @FunctionalInterface
    public interface Refusal {
        void refused(String path, int status);
    }

    /** Tells {@code refusal} of every request under {@code pathPrefix} the server answers 404 or 413; one per prefix. */
    public void onRefusal(String pathPrefix, Refusal refusal) {
        if (refusals.putIfAbsent(pathPrefix, refusal) != null) {
            throw new IllegalStateException("refusals under " + pathPrefix + " are already told");
        }
    }

    /** Adds a condition {@code /readyz} requires from now on. */
    public void addReadinessCheck(ReadinessCheck check) {
        readiness.add(check);
    }

    /** The port actually bound, which differs from the one asked for when that was 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Answers new requests with 503, lets requests in flight finish for up to {@code grace}, then closes every
     * connection. Returns as soon as nothing is in flight.
     */
    public void stop(Duration grace) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (inFlight.get() > 0) {
            log.warn("Stopping HTTP with {} request(s) still running after {} ms", inFlight.get(), grace.toMillis());
        }
        // The JDK server's own grace is not used: it also waits out a client that has just hung up, for the whole
        // delay. The requests that matter were waited for above.
        server.stop(0);
        executor.shutdownNow();
        log.info("HTTP server stopped");
    }

    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    private void exchange(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        String route = "unmatched";
        Response response;
        int answered = 0;
        boolean refusedHere = false;
        inFlight.incrementAndGet();
        try (exchange) {
            if (stopping) {
                response = Response.text(503, "shutting down").withHeader("Connection", "close");
            } else if (declaredLength(exchange) > MAX_BODY_BYTES) {
                response = tooLarge();
                refusedHere = true;
            } else {
                switch (routes.find(method, path)) {
                    // the path is not echoed: an answer must not reflect what a stranger sent
                    case Routes.Match.NoPath ignored -> {
                        response = Response.text(404, "not found");
                        refusedHere = true;
                    }
                    case Routes.Match.NoMethod noMethod ->
                        response = Response.text(405, "method not allowed: " + method)
                                .withHeader("Allow", noMethod.allow());
                    case Routes.Match.Found found -> {
                        route = found.route();
                        Optional<byte[]> body = readBody(exchange);
                        response = body.isPresent()
                                ? answer(found.handler(), request(exchange, method, path, body.get()))
                                : tooLarge();
                        refusedHere = body.isEmpty();
                    }
                }
            }
            if (refusedHere) {
                tellRefused(path, response.status());
            }
            send(exchange, method, response);
            record(method, route, response.status(), started);
            answered = response.status();
        } catch (IOException e) {
            // the client hung up or sent garbage; nothing to answer
            log.debug("HTTP {} {} failed: {}", method, path, e.toString());
        } finally {
            inFlight.decrementAndGet();
        }
        CrashHook.answered(route, answered);
    }

    private void tellRefused(String path, int status) {
        refusals.forEach((prefix, refusal) -> {
            if (path.startsWith(prefix)) {
                try {
                    refusal.refused(path, status);
                } catch (RuntimeException e) {
                    log.warn("Telling of a refused request under {} failed", prefix, e);
                }
            }
        });
    }

    private static Response answer(RequestHandler handler, Request request) {
        try {
            return handler.handle(request);
        } catch (IOException | RuntimeException e) {
            log.error("HTTP {} {} failed", request.method(), request.path(), e);
            return Response.text(500, "internal error");
        }
    }

    private static Request request(HttpExchange exchange, String method, String path, byte[] body) {
        String query =
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        return new Request(method, path, query, exchange.getRequestHeaders(), body);
    }

    private static long declaredLength(HttpExchange exchange) {
        try {
            return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Length"))
                    .map(String::strip)
                    .map(Long::parseLong)
                    .orElse(0L);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The whole body, or empty when it is longer than allowed (a chunked body declares no length up front). */
    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(body);
    }

    private static Response tooLarge() {
        // the unread rest of the body would otherwise be taken for the next request on this connection
        return Response.text(413, "request body over %d bytes".formatted(MAX_BODY_BYTES))
                .withHeader("Connection", "close");
    }

    private static void send(HttpExchange exchange, String method, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        response.headers().forEach(headers::set);
        boolean noBody = method.equals("HEAD") || response.length() == 0;
        // -1: no body; 0 would mean a chunked body of unknown length
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.length());
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.bytes());
            }
        }
    }

    private void record(String method, String route, int status, long started) {
        Timer.builder("escalator.http.requests")
                .description("HTTP requests answered, by route and status")
                .tag("method", METHODS.contains(method) ? method : "OTHER")
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(metrics.registry())
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
