package dev.escalator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Discord's REST API as far as the bot uses it, on a loopback port: records every call and answers what JDA needs
 * (the bot user, posted messages with fresh ids, threads, interaction callbacks and follow-ups, command registration).
 */
public final class FakeDiscordRest implements AutoCloseable {
    public static final String PREFIX = "/api/v10";

    /** A file sent with a message, as a part of a multipart request. */
    public record Upload(String fileName, byte[] data) {}

    /**
     * One call the bot made; {@code body} is empty for calls without JSON (of a multipart call, its {@code
     * payload_json}), {@code files} the files a multipart call carried.
     */
    public record Call(String method, String path, DataObject body, List<Upload> files) {
        public Call {
            files = List.copyOf(files);
        }

        public String content() {
            return body.getString("content", "");
        }

        public List<Object> allowedUsers() {
            return body.optObject("allowed_mentions")
                    .flatMap(mentions -> mentions.optArray("users"))
                    .map(DataArray::toList)
                    .orElse(List.of());
        }

        public List<Object> allowedParse() {
            return body.optObject("allowed_mentions")
                    .flatMap(mentions -> mentions.optArray("parse"))
                    .map(DataArray::toList)
                    .orElse(List.of("(no allowed_mentions: Discord's default pings everything)"));
        }
    }

    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/channels/(\\d+)/messages");
    private static final Pattern THREAD_FROM_MESSAGE = Pattern.compile("/channels/(\\d+)/messages/(\\d+)/threads");
    private static final Pattern MESSAGE = Pattern.compile("/channels/(\\d+)/messages/(\\d+)");
    private static final Pattern REACTIONS = Pattern.compile("/channels/(\\d+)/messages/(\\d+)/reactions/([^/]+)");
    private static final Pattern FOLLOWUP = Pattern.compile("/webhooks/(\\d+)/([^/]+)");
    /** Edit Original Interaction Response: the deferred reply replaced, by the interaction's token (valid 15 min). */
    private static final Pattern ORIGINAL = Pattern.compile("/webhooks/(\\d+)/([^/]+)/messages/@original");

    private final HttpServer server;
    private final FakeDiscord.Ids ids;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, List<String>> reactions = new java.util.concurrent.ConcurrentHashMap<>();
    private Duration rateLimitNext;
    private Pattern rateLimited;
    private int failNextPost;
    private volatile boolean tokenRefused;
    private int loseAnswerOfNextPost;
    private Duration holdAnswerOfNextPost;
    /** Counted down when the fake stops, so that an answer still held is let go. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** What the bot posted, by channel, oldest first, as Discord keeps it (with the thread started from it). */
    private final java.util.Map<String, List<DataObject>> history = new java.util.concurrent.ConcurrentHashMap<>();

    private final AtomicLong nextId = new AtomicLong(900_000_000_000_000_000L);
    /** The direct-message channel opened with each user, by user id. */
    private final java.util.Map<String, String> directMessages = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.Set<String> refusingDirectMessages = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public FakeDiscordRest(FakeDiscord.Ids ids) throws IOException {
        this.ids = ids;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + "/";
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Messages posted in a channel or thread, oldest first. */
    public List<Call> postsIn(String channelId) {
        return calls.stream()
                .filter(call ->
                        call.method().equals("POST") && call.path().equals("/channels/" + channelId + "/messages"))
                .toList();
    }

    /** The next message post is answered 429 with Discord's wait, as a busy channel is. */
    public void rateLimitNextPost(Duration wait) {
        rateLimitNext(CHANNEL_MESSAGES, wait);
    }

    /** The next thread creation is answered 429 with Discord's wait. */
    public void rateLimitNextThread(Duration wait) {
        rateLimitNext(THREAD_FROM_MESSAGE, wait);
    }

    private synchronized void rateLimitNext(Pattern what, Duration wait) {
        rateLimited = what;
        rateLimitNext = wait;
    }

    /** The rate limit asked for, if this call is the one it is for; asked once, answered once. */
    private synchronized Duration rateLimitFor(String method, String path) {
        Duration wait = rateLimitNext;
        if (wait == null || !method.equals("POST") || !rateLimited.matcher(path).matches()) {
            return null;
        }
        rateLimitNext = null;
        return wait;
    }

    /** The direct-message channel the bot opened with {@code userId}, if it did. */
    public Optional<String> directMessagesWith(String userId) {
        return Optional.ofNullable(directMessages.get(userId));
    }

    /** The ids of the messages posted in {@code channelId} and still there, oldest first. */
    public List<String> messageIds(String channelId) {
        return history.getOrDefault(channelId, List.of()).stream()
                .map(message -> message.getString("id"))
                .toList();
    }

    /** The id of the newest message kept in {@code channelId} whose content is {@code content}. */
    public Optional<String> messageIdByContent(String channelId, String content) {
        return history.getOrDefault(channelId, List.of()).stream()
                .filter(message -> content.equals(message.getString("content", "")))
                .map(message -> message.getString("id"))
                .reduce((first, second) -> second);
    }

    /**
     * Every message Discord keeps, in channels, threads and private channels (each with its {@code channel_id}, and a
     * reply with its {@code message_reference}), oldest first within each: what people see. A post repeated with its
     * nonce and {@code enforce_nonce} is not among them twice, nor is a post refused.
     */
    public List<DataObject> messagesKept() {
        return history.values().stream().flatMap(List::stream).toList();
    }

    /** How many messages Discord keeps in a channel or thread: posts it refused are not among them. */
    public int messagesKept(String channelId) {
        return history.getOrDefault(channelId, List.of()).size();
    }

    /**
     * From now on {@code userId} does not accept direct messages: a message to their private channel, or an edit of
     * one sent there before, is answered 403 with Discord's code 50007, "Cannot send messages to this user".
     */
    public void refuseDirectMessagesTo(String userId) {
        refusingDirectMessages.add(userId);
    }

    /** From now on the bot token is refused: Discord answers 401 to every call. */
    public void refuseToken() {
        tokenRefused = true;
    }

    /** The next message post is answered with HTTP {@code status} (a 500, a 502) and not posted. */
    public synchronized void failNextPost(int status) {
        failNextPost = status;
    }

    /**
     * The next message post is made, then answered with HTTP {@code status} (a 502, say), as when the answer is lost
     * on its way back: the bot cannot tell that Discord posted it.
     */
    public synchronized void loseAnswerOfNextPost(int status) {
        loseAnswerOfNextPost = status;
    }

    /**
     * The next message post is made at once, but its answer is held back for {@code hold} (or until the fake stops),
     * as when Discord, or the network on the way back, is slow: the bot cannot tell that Discord posted it.
     */
    public synchronized void holdAnswerOfNextPost(Duration hold) {
        holdAnswerOfNextPost = hold;
    }

    private synchronized Duration holdFor(String method, String path) {
        Duration hold = holdAnswerOfNextPost;
        if (hold == null
                || !method.equals("POST")
                || !CHANNEL_MESSAGES.matcher(path).matches()) {
            return null;
        }
        holdAnswerOfNextPost = null;
        return hold;
    }

    private synchronized int lostAnswerFor(String method, String path) {
        int status = loseAnswerOfNextPost;
        if (status == 0
                || !method.equals("POST")
                || !CHANNEL_MESSAGES.matcher(path).matches()) {
            return 0;
        }
        loseAnswerOfNextPost = 0;
        return status;
    }

    /** The failure asked for, if this call is the message post it is for; asked once, answered once. */
    private synchronized int failureFor(String method, String path) {
        int status = failNextPost;
        if (status == 0
                || !method.equals("POST")
                || !CHANNEL_MESSAGES.matcher(path).matches()) {
            return 0;
        }
        failNextPost = 0;
        return status;
    }

    /** From now on, Discord says these users reacted with {@code emoji} on the message. */
    public void reacted(String messageId, String emoji, String... userIds) {
        reactions.put(messageId + " " + emoji, List.of(userIds));
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean answeredLater = false;
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().replaceFirst("^" + PREFIX, "");
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String type = java.util.Optional.ofNullable(
                            exchange.getRequestHeaders().getFirst("Content-Type"))
                    .orElse("");
            var files = new java.util.ArrayList<Upload>();
            String text = type.startsWith("multipart/form-data")
                    ? multipart(raw, type.substring(type.indexOf("boundary=") + "boundary=".length()), files)
                    : new String(raw, StandardCharsets.UTF_8);
            DataObject body = text.startsWith("{") ? DataObject.fromJson(text) : DataObject.empty();
            calls.add(new Call(method, path, body, files));
            Duration wait = rateLimitFor(method, path);
            int failure = failureFor(method, path);
            int lostAnswer = wait == null && failure == 0 ? lostAnswerFor(method, path) : 0;
            if (lostAnswer != 0) {
                answer(method, path, body); // posted, but the answer never arrives
                failure = lostAnswer;
            }
            Answer answer = wait != null
                    ? tooMany(exchange, wait)
                    : failure != 0
                            ? new Answer(
                                    failure,
                                    DataObject.empty()
                                            .put("message", "Server error")
                                            .put("code", 0)
                                            .toString())
                            : answer(method, path, body);
            Duration hold = wait == null && failure == 0 ? holdFor(method, path) : null;
            if (hold != null) {
                answeredLater = true;
                answerLater(exchange, answer, hold);
                return;
            }
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (answer.status() == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        } finally {
            if (!answeredLater) {
                exchange.close();
            }
        }
    }

    /** The post is made; its answer goes from another thread, so that the server answers other calls meanwhile. */
    private void answerLater(HttpExchange exchange, Answer answer, Duration hold) {
        Thread.ofVirtual().name("fake-discord-held-answer").start(() -> {
            try (exchange) {
                stopped.await(hold.toMillis(), TimeUnit.MILLISECONDS);
                byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException | IOException e) {
                // the fake stopped, or the bot gave the call up and closed the connection
            }
        });
    }

    private record Answer(int status, String json) {}

    /** Discord's multipart message: a {@code payload_json} part and one part per file. Returns the JSON. */
    private static String multipart(byte[] raw, String boundary, List<Upload> files) {
        // ISO-8859-1 maps every byte to one char, so file bytes survive the split
        String whole = new String(raw, StandardCharsets.ISO_8859_1);
        String json = "";
        for (String part : whole.split("--" + Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            String content = part.substring(headersEnd + 4, Math.max(headersEnd + 4, part.length() - 2));
            Matcher fileName = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (fileName.find()) {
                files.add(new Upload(fileName.group(1), content.getBytes(StandardCharsets.ISO_8859_1)));
            } else if (headers.contains("name=\"payload_json\"")) {
                json = new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return json;
    }

    private static Answer tooMany(HttpExchange exchange, Duration wait) {
        double seconds = wait.toMillis() / 1000.0;
        exchange.getResponseHeaders().add("Retry-After", String.valueOf((long) Math.ceil(seconds)));
        exchange.getResponseHeaders().add("X-RateLimit-Scope", "user");
        return new Answer(
                429,
                DataObject.empty()
                        .put("message", "You are being rate limited.")
                        .put("retry_after", seconds)
                        .put("global", false)
                        .toString());
    }

    private Answer answer(String method, String path, DataObject body) {
        Matcher m;
        if (tokenRefused) {
            return new Answer(
                    401,
                    DataObject.empty()
                            .put("message", "401: Unauthorized")
                            .put("code", 0)
                            .toString());
        }
        if (method.equals("GET") && path.equals("/users/@me")) {
            return ok(FakeDiscord.user(ids.bot(), "escalator", true));
        }
        if (method.equals("GET") && path.matches("/(oauth2/)?applications/@me")) {
            return ok(DataObject.empty().put("id", ids.application()).put("name", "Escalator"));
        }
        if (method.equals("GET") && path.equals("/gateway/bot")) {
            return ok(DataObject.empty().put("url", "ws://unused").put("shards", 1));
        }
        if (method.equals("PUT") && path.endsWith("/commands")) {
            return new Answer(200, "[]");
        }
        if (method.equals("POST") && path.equals("/users/@me/channels")) {
            String user = body.getString("recipient_id");
            String channel = directMessages.computeIfAbsent(user, u -> String.valueOf(nextId.incrementAndGet()));
            return ok(DataObject.empty()
                    .put("id", channel)
                    .put("type", 1)
                    .put("last_message_id", null)
                    .put(
                            "recipients",
                            DataArray.empty()
                                    .add(FakeDiscord.user(user, "user" + user.substring(user.length() - 3), false))));
        }
        if (method.equals("POST") && path.matches("/interactions/\\d+/[^/]+/callback")) {
            return new Answer(204, "");
        }
        if (method.equals("GET") && (m = REACTIONS.matcher(path)).matches()) {
            var users = DataArray.empty();
            reactions
                    .getOrDefault(m.group(2) + " " + m.group(3), List.of())
                    .forEach(id -> users.add(FakeDiscord.user(id, "user" + id.substring(id.length() - 3), false)));
            return new Answer(200, users.toString());
        }
        if (method.equals("PATCH") && (m = ORIGINAL.matcher(path)).matches()) {
            return ok(message(ids.channel(), body).put("webhook_id", m.group(1)));
        }
        if (method.equals("POST") && (m = FOLLOWUP.matcher(path)).matches()) {
            return ok(message(ids.channel(), body).put("webhook_id", ids.application()));
        }
        if (method.equals("POST") && (m = THREAD_FROM_MESSAGE.matcher(path)).matches()) {
            var thread = FakeDiscord.thread(ids, String.valueOf(nextId.incrementAndGet()))
                    .put("parent_id", m.group(1))
                    .put("name", body.getString("name", "thread"));
            String rootId = m.group(2);
            history.getOrDefault(m.group(1), List.of()).stream()
                    .filter(message -> message.getString("id").equals(rootId))
                    .forEach(message -> message.put("thread", thread));
            return ok(thread);
        }
        if (method.equals("GET") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
            var newestFirst = DataArray.empty();
            var kept = new java.util.ArrayList<>(history.getOrDefault(m.group(1), List.of()));
            java.util.Collections.reverse(kept);
            kept.forEach(newestFirst::add);
            return new Answer(200, newestFirst.toString());
        }
        if ((method.equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()
                        || method.equals("PATCH") && (m = MESSAGE.matcher(path)).matches())
                && refusesDirectMessagesIn(m.group(1))) {
            return new Answer(
                    403,
                    DataObject.empty()
                            .put("code", 50007)
                            .put("message", "Cannot send messages to this user")
                            .toString());
        }
        if (method.equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
            Optional<DataObject> repeat = repeatedNonce(m.group(1), body);
            if (repeat.isPresent()) {
                return ok(repeat.get());
            }
            DataObject posted = message(m.group(1), body);
            if (body.hasKey("nonce")) {
                posted.put("nonce", body.getString("nonce"));
            }
            // Discord's answer to a reply names the message it answers, as the message kept does
            String postedIn = m.group(1);
            body.optObject("message_reference")
                    .ifPresent(reference -> posted.put(
                            "message_reference",
                            DataObject.empty()
                                    .put("message_id", reference.getString("message_id"))
                                    .put("channel_id", postedIn)));
            history.computeIfAbsent(m.group(1), channel -> new CopyOnWriteArrayList<>())
                    .add(posted);
            countInThread(m.group(1));
            return ok(posted);
        }
        if (method.equals("GET") && (m = MESSAGE.matcher(path)).matches()) {
            String messageId = m.group(2);
            return history.getOrDefault(m.group(1), List.of()).stream()
                    .filter(message -> message.getString("id").equals(messageId))
                    .findFirst()
                    .map(FakeDiscordRest::ok)
                    .orElseGet(() -> new Answer(
                            404,
                            DataObject.empty()
                                    .put("code", 10008)
                                    .put("message", "Unknown Message")
                                    .toString()));
        }
        if (method.equals("PATCH") && (m = MESSAGE.matcher(path)).matches()) {
            return ok(message(m.group(1), body).put("id", m.group(2)));
        }
        return new Answer(
                404,
                DataObject.empty()
                        .put("code", 0)
                        .put("message", "404: Not Found")
                        .toString());
    }

    /**
     * Discord's {@code enforce_nonce}: a post whose nonce the same author used in the channel a short while ago is
     * answered with the message made then, and nothing is posted.
     */
    private Optional<DataObject> repeatedNonce(String channelId, DataObject body) {
        if (!body.getBoolean("enforce_nonce", false) || !body.hasKey("nonce")) {
            return Optional.empty();
        }
        String nonce = body.getString("nonce");
        return history.getOrDefault(channelId, List.of()).stream()
                .filter(message -> nonce.equals(message.getString("nonce", null)))
                .findFirst();
    }

    /** Whether {@code channelId} is the private channel of someone who does not accept direct messages. */
    private boolean refusesDirectMessagesIn(String channelId) {
        return directMessages.entrySet().stream()
                .anyMatch(dm -> dm.getValue().equals(channelId) && refusingDirectMessages.contains(dm.getKey()));
    }

    private static Answer ok(DataObject json) {
        return new Answer(200, json.toString());
    }

    /** A post in a thread counts in the thread's message_count, which Discord reports on the message it started from. */
    private void countInThread(String channelId) {
        history.values().stream()
                .flatMap(List::stream)
                .filter(message -> message.optObject("thread")
                        .filter(thread -> thread.getString("id").equals(channelId))
                        .isPresent())
                .forEach(message -> {
                    var thread = message.getObject("thread");
                    thread.put("message_count", thread.getInt("message_count") + 1);
                });
    }

    private DataObject message(String channelId, DataObject sent) {
        return FakeDiscord.message(
                        ids, String.valueOf(nextId.incrementAndGet()), channelId, sent.getString("content", ""))
                .put("flags", sent.getInt("flags", 0));
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
    }
}
