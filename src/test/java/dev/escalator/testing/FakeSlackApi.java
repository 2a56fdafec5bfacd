package dev.escalator.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.escalator.demo.SlackCallParams;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The Slack Web API on loopback, as far as the bot uses it: answers {@code auth.test}, {@code chat.postMessage} (with
 * a fresh {@code ts}), {@code chat.update}, {@code chat.postEphemeral}, {@code views.open}, {@code conversations.open}
 * (a direct-message channel per user) and {@code apps.connections.open}, takes {@code response_url} posts under {@code /respond/}, the three steps of a file upload
 * ({@code files.getUploadURLExternal}, the bytes posted to {@code /upload/}, {@code files.completeUploadExternal}),
 * and records every call (a benchmark may have it only count them from some point on: {@link #keepOnlyCounts}). It keeps the messages posted, with their metadata, and pages through them as Slack does:
 * {@code conversations.history} a channel's messages newest first, {@code conversations.replies} a thread's parent
 * then its replies oldest first, metadata only with {@code include_all_metadata}, {@code next_cursor} while more
 * remain. It can answer one call of a method with HTTP 429 and {@code Retry-After: 1}, with any status and body, only
 * after a delay (as a proxy that hangs before the call reaches Slack), or post and then lose the answer; and it can hold
 * one call on arrival until the test releases it.
 */
public final class FakeSlackApi implements AutoCloseable {
    public static final String BOT_USER_ID = "U0BOT";
    public static final String RESPONSE_URL = "response_url";
    /** The method name recorded for the bytes of a file posted to the upload URL. */
    public static final String UPLOAD = "upload";

    /**
     * One call: the method (or {@code response_url}), its parameters (form fields or top-level JSON fields), the
     * {@code ts} the fake answered with (empty for calls that post no message), and when it arrived (wall clock).
     */
    public record Call(String method, Map<String, String> params, String ts, Instant at) {
        public Call(String method, Map<String, String> params, String ts) {
            this(method, params, ts, Instant.now());
        }

        public String param(String name) {
            return Optional.ofNullable(params.get(name))
                    .orElseThrow(() -> new AssertionError(method + " has no " + name + ": " + params));
        }

        public String text() {
            return params.getOrDefault("text", "");
        }

        /** The {@code blocks} parameter as JSON without HTML escapes, so {@code <@U…>} reads as sent. */
        public String blocks() {
            return JsonParser.parseString(param("blocks")).toString();
        }

        /** The text of every section block. */
        public List<String> sectionTexts() {
            var texts = new java.util.ArrayList<String>();
            for (var block : JsonParser.parseString(param("blocks")).getAsJsonArray()) {
                var object = block.getAsJsonObject();
                if (object.get("type").getAsString().equals("section")) {
                    texts.add(object.getAsJsonObject("text").get("text").getAsString());
                }
            }
            return texts;
        }
    }

    /** A message as Slack keeps it; {@code threadTs} is empty for a message in the channel itself. */
    private record Message(
            String channel, String ts, Optional<String> threadTs, String text, Optional<String> metadata) {
        JsonObject json(boolean withMetadata) {
            var json = new JsonObject();
            json.addProperty("type", "message");
            json.addProperty("user", BOT_USER_ID);
            json.addProperty("bot_id", "B0BOT");
            json.addProperty("text", text);
            json.addProperty("ts", ts);
            threadTs.ifPresent(thread -> json.addProperty("thread_ts", thread));
            if (withMetadata) {
                metadata.ifPresent(md -> json.add("metadata", JsonParser.parseString(md)));
            }
            return json;
        }
    }

    /** The name of {@link #onNamedThreads}' threads, followed by a number. */
    public static final String THREAD_PREFIX = "fake-slack-";

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean countsOnly;
    private final Map<String, LongAdder> counted = new ConcurrentHashMap<>();
    // appended to by every call and read as a whole rarely: a copy-on-write list cost O(n) per call, O(n²) in all,
    // which in the replicas benchmark (10,000 escalations, ~140,000 calls) was the fake's own CPU, not the bot's
    private final Queue<Message> posted = new ConcurrentLinkedQueue<>();
    private final Map<String, Duration> answersLost = new ConcurrentHashMap<>();
    private volatile int largestPage = 1000;
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, String> refusing = new ConcurrentHashMap<>();
    private final Map<String, String> refusingIn = new ConcurrentHashMap<>();
    private final Map<String, Duration> slow = new ConcurrentHashMap<>();
    /** The last message's ts in microseconds: as on Slack, the time of posting, and unique. */
    private final AtomicLong lastTs = new AtomicLong();

    private final AtomicInteger files = new AtomicInteger();
    private final Map<String, byte[]> uploaded = new ConcurrentHashMap<>();
    private volatile String socketUrl = "ws://127.0.0.1:1/";

    public FakeSlackApi() throws IOException {
        // one thread per call: a held call must not hold up the others
        this(Executors.newVirtualThreadPerTaskExecutor());
    }

    private FakeSlackApi(ExecutorService executor) throws IOException {
        this.executor = executor;
        // Slack's servers take every connection: a listen queue of the JDK's default 50 would drop a burst's and stall
        // it
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/api/", this::method);
        server.createContext("/respond/", this::respond);
        server.createContext("/upload/", this::upload);
        server.start();
    }

    /**
     * For a benchmark that reads its threads' CPU time by name: the calls are handled on {@code threads} platform
     * threads named {@value #THREAD_PREFIX}{@code N} instead of a virtual thread each (whose carriers other parts of the
     * process share). A call held by {@link #holdNext} holds one of them.
     */
    public static FakeSlackApi onNamedThreads(int threads) throws IOException {
        return new FakeSlackApi(Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().name(THREAD_PREFIX, 0).factory()));
    }

    /**
     * From now on calls are counted by method ({@link #counted}) and no longer kept: not in {@link #calls()}, not in
     * the messages that history pages through. Answers stay as before, a private answer's ({@code
     * chat.postEphemeral}) without reading its parameters. For a benchmark: Slack is not on the bot's machine, and
     * keeping, parsing and holding every call (hundreds of thousands in the ack benchmark) charged the fake's work
     * and its heap to the load that makes calls only.
     */
    public void keepOnlyCounts() {
        countsOnly = true;
    }

    /** How many calls of each method arrived since {@link #keepOnlyCounts}. */
    public Map<String, Long> counted() {
        var counts = new java.util.TreeMap<String, Long>();
        counted.forEach((method, count) -> counts.put(method, count.sum()));
        return counts;
    }

    /** How many calls are kept ({@link #calls()}). */
    public int callsKept() {
        return calls.size();
    }

    public String methodsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public String responseUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + name;
    }

    /** What {@code apps.connections.open} hands out. */
    public void socketUrl(String url) {
        socketUrl = url;
    }

    /** The next call of {@code method} gets HTTP 429 with Retry-After: 1. */
    public void rateLimitOnce(String method) {
        rateLimited.computeIfAbsent(method, ignored -> new AtomicInteger()).incrementAndGet();
    }

    /** The next call of {@code method} gets HTTP {@code status} with {@code body} (Slack's JSON, or anything). */
    public void failOnce(String method, int status, String body) {
        failTimes(method, 1, status, body);
    }

    /** The next {@code times} calls of {@code method} get HTTP {@code status} with {@code body}. */
    public void failTimes(String method, int times, int status, String body) {
        failures.put(method, new Failure(status, body, new AtomicInteger(times)));
    }

    private record Failure(int status, String body, AtomicInteger left) {}

    /** Every call of {@code method} is answered {@code {"ok": false, "error": error}} until {@link #stopRefusing}. */
    public void refuseUntilStopped(String method, String error) {
        refusing.put(method, error);
    }

    public void stopRefusing(String method) {
        refusing.remove(method);
    }

    /**
     * From now on every call about {@code channel} (a direct-message channel, say, that its user closed or that is
     * gone) is answered {@code {"ok": false, "error": error}}: posts in it and edits of messages sent there before.
     */
    public void refuseIn(String channel, String error) {
        refusingIn.put(channel, error);
    }

    /**
     * The next call of {@code method} is held for {@code delay}, as by a hung proxy, then answered 504 without posting:
     * a client that gives up earlier sees a timeout.
     */
    public void slowOnce(String method, Duration delay) {
        slow.put(method, delay);
    }

    /**
     * The next call of {@code method} is carried out, then held for {@code delay} and answered 504, as by a proxy
     * that loses the answer: a client that gives up earlier sees a timeout, though Slack did it.
     */
    public void loseAnswerOnce(String method, Duration delay) {
        answersLost.put(method, delay);
    }

    /**
     * The next call of {@code method} is held on arrival, before it is carried out or recorded, until {@link
     * Hold#release}: a call in flight, as one a slow network or a starved client has sent and Slack has not yet seen.
     */
    public Hold holdNext(String method) {
        var hold = new Hold();
        holds.put(method, hold);
        return hold;
    }

    /** A call held by {@link #holdNext}. */
    public static final class Hold {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits, with {@link Eventually}'s bound, until the call has arrived and is held. */
        public void awaitHeld() {
            Eventually.holds("the held call arrived", () -> arrived.getCount() == 0);
        }

        /** Lets the call go on: it is carried out and answered. */
        public void release() {
            released.countDown();
        }

        private void hold() {
            arrived.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** History pages hold at most {@code messages}, whatever limit the caller asks for (Slack may return fewer). */
    public void largestPage(int messages) {
        largestPage = messages;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    /** Waits, with {@link Eventually}'s bound, for a call of {@code method} that matches. */
    public Call await(String method, Predicate<Call> matching) {
        return Eventually.found(
                "a " + method + " call matching; calls: " + calls,
                () -> calls(method).stream().filter(matching).findFirst());
    }

    public Call await(String method) {
        return await(method, call -> true);
    }

    /**
     * What the bot sent to {@code responseUrl} (one of {@link #responseUrl}'s): the late answers to the one request
     * that carried it, not to any other. A test that counts answers counts these: an earlier request's answer, late on
     * a loaded machine, arrives at its own URL whenever it is ready.
     */
    public List<Call> answersTo(String responseUrl) {
        String path = URI.create(responseUrl).getPath();
        return calls(RESPONSE_URL).stream()
                .filter(call -> path.equals(call.params().get("url")))
                .toList();
    }

    /** Waits, with {@link Eventually}'s bound, for the bot's answer to {@code responseUrl}: see {@link #answersTo}. */
    public Call awaitAnswerTo(String responseUrl) {
        String path = URI.create(responseUrl).getPath();
        return await(RESPONSE_URL, call -> path.equals(call.params().get("url")));
    }

    private void method(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Hold hold = holds.remove(method);
        if (hold != null) {
            hold.hold();
        }
        AtomicInteger limited = rateLimited.get(method);
        if (limited != null && limited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            calls.add(new Call(method + " (429)", params(exchange, body), ""));
            exchange.getResponseHeaders().set("Retry-After", "1");
            send(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        Duration delay = slow.remove(method);
        if (delay != null) {
            calls.add(new Call(method + " (slow)", params(exchange, body), ""));
            sleep(delay);
            send(exchange, 504, "gateway timeout");
            return;
        }
        String refusal = refusing.get(method);
        if (refusal == null && !refusingIn.isEmpty()) {
            refusal = refusingIn.get(params(exchange, body).getOrDefault("channel", ""));
        }
        if (refusal != null) {
            calls.add(new Call(method + " (" + refusal + ")", params(exchange, body), ""));
            send(exchange, 200, "{\"ok\":false,\"error\":\"" + refusal + "\"}");
            return;
        }
        Failure failure =
                failures.computeIfPresent(method, (ignored, f) -> f.left().get() > 0 ? f : null);
        if (failure != null && failure.left().getAndDecrement() > 0) {
            calls.add(new Call(method + " (" + failure.status() + ")", params(exchange, body), ""));
            send(exchange, failure.status(), failure.body());
            return;
        }
        if (countsOnly) {
            counted.computeIfAbsent(method, ignored -> new LongAdder()).increment();
            if (method.equals("chat.postEphemeral")) {
                send(exchange, 200, "{\"ok\":true,\"message_ts\":\"" + nextTs() + "\"}");
                return;
            }
        }
        Map<String, String> params = params(exchange, body);
        String ts = method.startsWith("chat.post") ? nextTs() : "";
        if (!countsOnly) {
            calls.add(new Call(method, params, ts));
        }
        if (method.equals("chat.postMessage") && !countsOnly) {
            posted.add(new Message(
                    params.get("channel"),
                    ts,
                    Optional.ofNullable(params.get("thread_ts")),
                    params.getOrDefault("text", ""),
                    Optional.ofNullable(params.get("metadata"))));
        }
        Duration lost = answersLost.remove(method);
        if (lost != null) {
            sleep(lost);
            send(exchange, 504, "gateway timeout");
            return;
        }
        String answer = switch (method) {
            case "auth.test" ->
                "{\"ok\":true,\"url\":\"https://escalator-test.slack.com/\",\"team\":\"Test\",\"user\":\"escalator\","
                        + "\"team_id\":\"T0TEAM\",\"user_id\":\"" + BOT_USER_ID + "\",\"bot_id\":\"B0BOT\"}";
            case "chat.postMessage" ->
                "{\"ok\":true,\"channel\":\"%s\",\"ts\":\"%s\"}".formatted(params.get("channel"), ts);
            case "chat.update" ->
                "{\"ok\":true,\"channel\":\"%s\",\"ts\":\"%s\"}".formatted(params.get("channel"), params.get("ts"));
            case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"%s\"}".formatted(ts);
            case "views.open" -> "{\"ok\":true,\"view\":{\"id\":\"V0FORM\",\"type\":\"modal\"}}";
            case "chat.getPermalink" ->
                "{\"ok\":true,\"channel\":\"%s\",\"permalink\":\"%s\"}"
                        .formatted(params.get("channel"), permalink(params.get("channel"), params.get("message_ts")));
            case "conversations.open" ->
                "{\"ok\":true,\"channel\":{\"id\":\"%s\"}}".formatted(directMessageChannel(params.get("users")));
            case "apps.connections.open" -> "{\"ok\":true,\"url\":\"%s\"}".formatted(socketUrl);
            case "files.getUploadURLExternal" -> {
                String file = "F%04d".formatted(files.incrementAndGet());
                yield "{\"ok\":true,\"upload_url\":\"http://127.0.0.1:%d/upload/%s\",\"file_id\":\"%s\"}"
                        .formatted(server.getAddress().getPort(), file, file);
            }
            case "files.completeUploadExternal" -> "{\"ok\":true,\"files\":%s}".formatted(params.get("files"));
            case "conversations.history" ->
                page(
                        posted.stream()
                                .filter(m -> m.channel().equals(params.get("channel")))
                                .filter(m -> m.threadTs().isEmpty())
                                .filter(m -> after(m, params))
                                .toList()
                                .reversed(),
                        params);
            case "conversations.replies" ->
                page(
                        posted.stream()
                                .filter(m -> m.channel().equals(params.get("channel")))
                                .filter(m -> m.ts().equals(params.get("ts"))
                                        || m.threadTs().equals(Optional.ofNullable(params.get("ts"))))
                                .toList(),
                        params);
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
        send(exchange, 200, answer);
    }

    /**
     * The direct-message channel {@code conversations.open} answers for {@code user}: always the same one for a user,
     * as Slack's ({@code D} and the user id without its {@code U}).
     */
    public static String directMessageChannel(String user) {
        return "D" + user.substring(1);
    }

    /** The root messages posted in channels, oldest first: not thread replies, not direct messages. */
    public List<Call> rootPosts() {
        return calls("chat.postMessage").stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .filter(call -> !call.params().getOrDefault("channel", "").startsWith("D"))
                .toList();
    }

    /** The messages posted in {@code channel} (a direct-message channel, say), oldest first: text and ts. */
    public List<Call> postsIn(String channel) {
        return calls("chat.postMessage").stream()
                .filter(call -> channel.equals(call.params().get("channel")))
                .toList();
    }

    /** The permalink Slack gives a message: the workspace's URL, {@code /archives/}, the channel, {@code p} and the ts. */
    public static String permalink(String channel, String ts) {
        return "https://escalator-test.slack.com/archives/%s/p%s".formatted(channel, ts.replace(".", ""));
    }

    /** One page of {@code messages}, from the offset in {@code cursor}, as Slack's history methods answer. */
    private String nextTs() {
        Instant now = Instant.now();
        long micros = lastTs.updateAndGet(
                last -> Math.max(last + 1, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000));
        return "%d.%06d".formatted(micros / 1_000_000, micros % 1_000_000);
    }

    /** Messages after {@code oldest}, when the call names one (Slack's {@code conversations.history} parameter). */
    private static boolean after(Message message, Map<String, String> params) {
        String oldest = params.get("oldest");
        return oldest == null || new BigDecimal(message.ts()).compareTo(new BigDecimal(oldest)) > 0;
    }

    private String page(List<Message> messages, Map<String, String> params) {
        int from = Integer.parseInt(params.getOrDefault("cursor", "0"));
        int limit = Math.min(Integer.parseInt(params.getOrDefault("limit", "100")), largestPage);
        boolean withMetadata = List.of("true", "1").contains(params.get("include_all_metadata"));
        var page = new com.google.gson.JsonArray();
        messages.stream().skip(from).limit(limit).forEach(m -> page.add(m.json(withMetadata)));
        var answer = new JsonObject();
        answer.addProperty("ok", true);
        answer.add("messages", page);
        boolean more = from + limit < messages.size();
        answer.addProperty("has_more", more);
        var metadata = new JsonObject();
        metadata.addProperty("next_cursor", more ? String.valueOf(from + limit) : "");
        answer.add("response_metadata", metadata);
        return answer.toString();
    }

    /** The bytes of a file uploaded through {@code files.uploadV2}, by the file id the fake handed out. */
    public byte[] uploaded(String fileId) {
        return Optional.ofNullable(uploaded.get(fileId))
                .orElseThrow(() -> new AssertionError("no file " + fileId + " uploaded; calls: " + calls));
    }

    private void upload(HttpExchange exchange) throws IOException {
        String file = exchange.getRequestURI().getPath().substring("/upload/".length());
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        uploaded.put(file, bytes);
        calls.add(new Call(UPLOAD, Map.of("file_id", file, "length", String.valueOf(bytes.length)), ""));
        send(exchange, 200, "OK - " + bytes.length);
    }

    private void respond(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (countsOnly) {
            counted.computeIfAbsent(RESPONSE_URL, ignored -> new LongAdder()).increment();
            send(exchange, 200, "ok");
            return;
        }
        var params = new LinkedHashMap<String, String>();
        JsonObject json = JsonParser.parseString(body).getAsJsonObject();
        json.entrySet()
                .forEach(entry -> params.put(entry.getKey(), entry.getValue().getAsString()));
        params.put("url", exchange.getRequestURI().getPath());
        calls.add(new Call(RESPONSE_URL, params, ""));
        send(exchange, 200, "ok");
    }

    private static Map<String, String> params(HttpExchange exchange, String body) {
        return SlackCallParams.of(
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                        .orElse(""),
                body);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
