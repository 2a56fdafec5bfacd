package dev.escalator.demo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The Slack Web API on loopback, as far as the bot calls it, for the demo: {@code auth.test}, {@code
 * chat.postMessage} (with a fresh {@code ts}), {@code chat.update}, {@code chat.postEphemeral}, {@code views.open},
 * empty {@code conversations.history} and {@code conversations.replies}, and answers to a command's {@code
 * response_url}. Every message is handed to one listener in the order Slack would show it; nothing is sent anywhere.
 * Not a test double with knobs: the tests have their own, richer fake.
 */
final class FakeSlack implements AutoCloseable {
    static final String BOT_USER_ID = "U0ESCALATOR";

    /** What kind of message a {@link Post} is. */
    enum Kind {
        /** A message in the channel or, with a thread, in a thread. */
        MESSAGE,
        /** A message the bot changed: the escalation's root message, re-rendered. */
        UPDATE,
        /** A message only one person sees: an ephemeral post or an answer to that person's command. */
        ONLY_FOR
    }

    /** One message as a person sees it; {@code to} is who an {@link Kind#ONLY_FOR} message is for. */
    record Post(Kind kind, String channel, String ts, Optional<String> threadTs, String text, Optional<String> to) {
        Post {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Consumer<Post> listener;
    private final List<Post> posts = new ArrayList<>();
    private final Map<String, String> responseUrls = new LinkedHashMap<>();
    private long messages;
    private int forms;

    private FakeSlack(HttpServer server, ExecutorService executor, Consumer<Post> listener) {
        this.server = server;
        this.executor = executor;
        this.listener = listener;
    }

    /** Starts the fake on a free loopback port; {@code listener} sees every message, one at a time. */
    static FakeSlack start(Consumer<Post> listener) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var executor = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("demo-slack-", 0).factory());
            server.setExecutor(executor);
            var slack = new FakeSlack(server, executor, listener);
            server.createContext("/api/", slack::method);
            server.createContext("/respond/", slack::respond);
            server.start();
            return slack;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the demo's Slack on loopback", e);
        }
    }

    URI methodsUrl() {
        return URI.create(base() + "/api/");
    }

    /** A {@code response_url} for a command or press by {@code user}: what is posted to it only they see. */
    synchronized String responseUrl(String user) {
        String name = "r" + responseUrls.size();
        responseUrls.put(name, user);
        return base() + "/respond/" + name;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every message so far, oldest first. */
    synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    /** Waits up to {@code bound} for a message that matches; empty if none came. */
    synchronized Optional<Post> await(Predicate<Post> matching, Duration bound) {
        Instant until = Instant.now().plus(bound);
        while (true) {
            var found = posts.stream().filter(matching).findFirst();
            long left = Duration.between(Instant.now(), until).toMillis();
            if (found.isPresent() || left <= 0) {
                return found;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Waits until the bot has posted nothing for {@code quiet}, or for {@code bound} at most, so that what a person did
     * is answered before the next prompt.
     */
    synchronized void settle(Duration quiet, Duration bound) {
        Instant until = Instant.now().plus(bound);
        int seen = -1;
        while (seen != posts.size() && Instant.now().isBefore(until)) {
            seen = posts.size();
            try {
                wait(quiet.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized int formsOpened() {
        return forms;
    }

    /** Waits up to {@code bound} for more than {@code before} forms to have opened. */
    synchronized boolean awaitForm(int before, Duration bound) {
        Instant until = Instant.now().plus(bound);
        while (forms <= before) {
            long left = Duration.between(Instant.now(), until).toMillis();
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private synchronized void formOpened() {
        forms++;
        notifyAll();
    }

    private void method(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> params = params(exchange);
        String answer = switch (method) {
            case "auth.test" ->
                "{\"ok\":true,\"url\":\"https://demo.slack.invalid/\",\"team\":\"Demo\",\"user\":\"escalator\","
                        + "\"team_id\":\"T0DEMO\",\"user_id\":\"" + BOT_USER_ID + "\",\"bot_id\":\"B0DEMO\"}";
            case "chat.postMessage" -> {
                String ts = add(
                        Kind.MESSAGE,
                        params.getOrDefault("channel", ""),
                        Optional.empty(),
                        Optional.ofNullable(params.get("thread_ts")),
                        shown(params),
                        Optional.empty());
                yield "{\"ok\":true,\"channel\":\"%s\",\"ts\":\"%s\"}"
                        .formatted(params.getOrDefault("channel", ""), ts);
            }
            case "chat.update" -> {
                String ts = params.getOrDefault("ts", "");
                add(
                        Kind.UPDATE,
                        params.getOrDefault("channel", ""),
                        Optional.of(ts),
                        Optional.empty(),
                        shown(params),
                        Optional.empty());
                yield "{\"ok\":true,\"channel\":\"%s\",\"ts\":\"%s\"}"
                        .formatted(params.getOrDefault("channel", ""), ts);
            }
            case "chat.postEphemeral" -> {
                String ts = add(
                        Kind.ONLY_FOR,
                        params.getOrDefault("channel", ""),
                        Optional.empty(),
                        Optional.ofNullable(params.get("thread_ts")),
                        params.getOrDefault("text", ""),
                        Optional.ofNullable(params.get("user")));
                yield "{\"ok\":true,\"message_ts\":\"%s\"}".formatted(ts);
            }
            case "views.open" -> {
                formOpened();
                yield "{\"ok\":true,\"view\":{\"id\":\"V0DEMO\",\"type\":\"modal\"}}";
            }
            // each person's direct-message channel is D + their user id, as Slack answers with one channel per person
            case "conversations.open" ->
                "{\"ok\":true,\"channel\":{\"id\":\"%s\"}}"
                        .formatted(directMessageChannel(params.getOrDefault("users", "")));
            case "chat.getPermalink" ->
                "{\"ok\":true,\"channel\":\"%s\",\"permalink\":\"https://demo.slack.invalid/archives/%s/p%s\"}"
                        .formatted(
                                params.getOrDefault("channel", ""),
                                params.getOrDefault("channel", ""),
                                params.getOrDefault("message_ts", "").replace(".", ""));
            case "conversations.history", "conversations.replies" ->
                "{\"ok\":true,\"messages\":[],\"has_more\":false,\"response_metadata\":{\"next_cursor\":\"\"}}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
        send(exchange, answer);
    }

    /** The channel of the bot's direct messages with a person: D followed by their user id. */
    static String directMessageChannel(String userId) {
        return "D" + userId;
    }

    /** The person a direct-message channel of {@link #directMessageChannel} is with. */
    static Optional<String> directMessagesWith(String channel) {
        return channel.startsWith("DU") ? Optional.of(channel.substring(1)) : Optional.empty();
    }

    private void respond(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/respond/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonObject json = JsonParser.parseString(body).getAsJsonObject();
        String text = json.has("text") ? json.get("text").getAsString() : "";
        String user;
        synchronized (this) {
            user = responseUrls.getOrDefault(name, "");
        }
        add(Kind.ONLY_FOR, "", Optional.empty(), Optional.empty(), text, Optional.of(user));
        send(exchange, "ok");
    }

    /** Keeps a message, hands it to the listener, wakes whoever awaits one; returns its {@code ts}. */
    private synchronized String add(
            Kind kind,
            String channel,
            Optional<String> ts,
            Optional<String> threadTs,
            String text,
            Optional<String> to) {
        String stamp = ts.orElseGet(() -> "1700000000.%06d".formatted(++messages));
        var post = new Post(kind, channel, stamp, threadTs, text, to);
        posts.add(post);
        listener.accept(post);
        notifyAll();
        return stamp;
    }

    /**
     * What Slack shows of a message: its blocks when it has them (section texts, then the buttons), else its text.
     */
    private static String shown(Map<String, String> params) {
        String blocks = params.getOrDefault("blocks", "");
        if (blocks.isBlank()) {
            return params.getOrDefault("text", "");
        }
        var lines = new ArrayList<String>();
        for (var block : JsonParser.parseString(blocks).getAsJsonArray()) {
            var object = block.getAsJsonObject();
            String type = object.get("type").getAsString();
            if (type.equals("section") && object.has("text")) {
                lines.add(object.getAsJsonObject("text").get("text").getAsString());
            } else if (type.equals("actions")) {
                var buttons = new ArrayList<String>();
                for (var element : object.getAsJsonArray("elements")) {
                    var label = element.getAsJsonObject().getAsJsonObject("text");
                    buttons.add("[" + (label == null ? "?" : label.get("text").getAsString()) + "]");
                }
                lines.add(String.join(" ", buttons));
            }
        }
        return lines.isEmpty() ? params.getOrDefault("text", "") : String.join("\n", lines);
    }

    private static Map<String, String> params(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return SlackCallParams.of(
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                        .orElse(""),
                body);
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
