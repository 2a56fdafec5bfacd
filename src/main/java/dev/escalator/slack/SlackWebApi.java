package dev.escalator.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import com.slack.api.model.ResponseMetadata;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.http.SlackHttpClient;
import dev.escalator.chat.ChatCalls;
import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.chat.TextLimit;
import dev.escalator.core.Platform;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The Web API calls the bot makes, over one synchronous {@link MethodsClient}, each turned into a value or a {@link
 * ChatFailure}: HTTP 429 and {@code ratelimited} are rate limits with Slack's Retry-After, 5xx, network faults and
 * Slack's own "try again" errors are transient, errors about the message itself (too long, its message gone) refuse
 * that message, and anything else ({@code invalid_auth}, {@code not_in_channel}, a missing scope) is permanent until
 * someone fixes the bot's access. The SDK's
 * asynchronous client with its rate-limiter queue is not used: it may reject or reorder calls, and delivery already
 * paces each channel and retries in order.
 */
final class SlackWebApi {
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("service_unavailable", "request_timeout", "team_added_to_org");
    /** Slack: "it's possible some aspect of the operation succeeded before the error was raised". */
    private static final Set<String> MAYBE_DONE_ERRORS = Set.of("internal_error", "fatal_error");
    /** Slack's errors about one message, which no retry of it can cure; the others are about the bot's access. */
    private static final Set<String> MESSAGE_ERRORS = Set.of(
            "msg_too_long",
            "no_text",
            "invalid_blocks",
            "invalid_blocks_format",
            "invalid_attachments",
            "too_many_attachments",
            "message_not_found",
            "thread_not_found",
            "cant_update_message",
            "edit_window_closed",
            "invalid_metadata_format",
            "invalid_metadata_schema",
            "metadata_too_large");
    /** The metadata event type of the bot's posts; their payload's {@code key} is the post's {@link PostKey}. */
    static final String POST_EVENT_TYPE = "escalator_post";
    /** How many messages one history call asks for; then how many calls a look for a post makes at most. */
    private static final int LOOKUP_PAGE = 200;

    private static final int LOOKUP_PAGES_IN_CHANNEL = 2;
    private static final int LOOKUP_PAGES_IN_THREAD = 10;
    /**
     * A look in a channel bounded by time, from a little before the post was decided ({@link PostKey#notBefore}; the
     * margin for the replicas' clocks against Slack's), goes this many pages deep: 10,000 messages.
     */
    private static final int LOOKUP_PAGES_SINCE = 50;

    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final MethodsClient client;
    private final MethodsClient answering;
    private final String token;
    private final ChatCalls answers;

    SlackWebApi(MethodsClient client, String token) {
        this(client, token, ChatCalls.NONE);
    }

    SlackWebApi(MethodsClient client, String token, ChatCalls answers) {
        this(client, client, token, answers);
    }

    /**
     * The bot's: {@code slack}'s client for every call but {@link #postEphemeral}, which goes over {@link
     * #answering(Slack, String)}.
     */
    SlackWebApi(Slack slack, String token, ChatCalls answers) {
        this(slack.methods(token), answering(slack, token), token, answers);
    }

    /**
     * {@code client} speaks with {@code token}, which {@link #postEphemeral} also sends itself, over {@code answering};
     * {@code answers} hears of the calls that answer users; delivery's posts are counted around its chat port.
     */
    SlackWebApi(MethodsClient client, MethodsClient answering, String token, ChatCalls answers) {
        this.client = client;
        this.answering = answering;
        this.token = token;
        this.answers = answers;
    }

    /**
     * The client of the private answers to users (a reaction's, on the ack path): the SDK's, its connections and
     * settings, but without the call time-out, and instead at most {@link ChatPort#CALL_TIME_OUT} for each read or
     * write. No delivery claim waits for an answer, so it need not be bounded all in; the call time-out is one more
     * entry per call in Okio's one queue of time-outs, under its one lock, with its watchdog woken for it. In the ack
     * benchmark's profile (issue #17) the answer's share of the bot's samples fell from 35 % to 26 % without it; what
     * is left of it there is mostly Okio taking that lock again when the call ends, entered or not. It shares the SDK
     * client's connection pool and threads, so closing {@code slack} closes it too.
     */
    private static MethodsClient answering(Slack slack, String token) {
        var http = new SlackHttpClient(slack.getHttpClient()
                .getOkHttpClient()
                .newBuilder()
                .callTimeout(Duration.ZERO)
                .readTimeout(ChatPort.CALL_TIME_OUT)
                .writeTimeout(ChatPort.CALL_TIME_OUT)
                .build());
        http.setConfig(slack.getConfig());
        var methods = new MethodsClientImpl(http, token);
        methods.setEndpointUrlPrefix(slack.getConfig().getMethodsEndpointUrlPrefix());
        return methods;
    }

    /** The bot's own user id, which proves the token works. */
    String botUserId() {
        AuthTestResponse response = call(SlackMethod.AUTH_TEST, () -> client.authTest(r -> r));
        return response.getUserId();
    }

    /**
     * Posts a message, in a thread when {@code threadTs} is given, carrying {@code key} in its metadata so that {@link
     * #findPosted} can find it again; returns its {@code ts}.
     */
    String post(String channel, String text, List<LayoutBlock> blocks, Optional<String> threadTs, PostKey key) {
        return call(
                        SlackMethod.CHAT_POST_MESSAGE,
                        () -> client.chatPostMessage(r -> r.channel(channel)
                                .text(TextLimit.SLACK_MESSAGE.cut(text))
                                .blocks(blocks.isEmpty() ? null : blocks)
                                .threadTs(threadTs.orElse(null))
                                .metadata(new Message.Metadata(POST_EVENT_TYPE, Map.of("key", key.id())))))
                .getTs();
    }

    /** The id of the direct-message channel with {@code user} ({@code D…}), opened if need be. */
    String openDirectMessage(String user) {
        var response =
                call(SlackMethod.CONVERSATIONS_OPEN, () -> client.conversationsOpen(r -> r.users(List.of(user))));
        if (response.getChannel() == null || response.getChannel().getId() == null) {
            throw ChatFailure.unanswered(SlackMethod.CONVERSATIONS_OPEN.method() + ": no channel in the answer", null);
        }
        return response.getChannel().getId();
    }

    /**
     * The {@code ts} of the bot's message carrying {@code key}, in the thread {@code threadTs} or, without one, among
     * the channel's latest messages. Chat posts have no idempotency key on Slack, so this is how a post that an
     * interrupted attempt made is found. It looks at a bounded number of pages: a post being retried is recent. In a
     * channel, where other escalations' posts pile up (a person's direct messages, a busy channel's roots), it reads
     * back only as far as when the post was decided, when the key says, and then deeper.
     */
    Optional<String> findPosted(String channel, Optional<String> threadTs, PostKey key) {
        String cursor = null;
        Optional<String> oldest =
                threadTs.isPresent() ? Optional.empty() : key.notBefore().map(at -> ts(at.minus(CLOCK_MARGIN)));
        int pages = threadTs.isPresent()
                ? LOOKUP_PAGES_IN_THREAD
                : oldest.isPresent() ? LOOKUP_PAGES_SINCE : LOOKUP_PAGES_IN_CHANNEL;
        for (int page = 0; page < pages; page++) {
            String from = cursor;
            MessagePage found = threadTs.isPresent()
                    ? MessagePage.of(call(
                            SlackMethod.CONVERSATIONS_REPLIES,
                            () -> client.conversationsReplies(r -> r.channel(channel)
                                    .ts(threadTs.get())
                                    .includeAllMetadata(true)
                                    .limit(LOOKUP_PAGE)
                                    .cursor(from))))
                    : MessagePage.of(call(
                            SlackMethod.CONVERSATIONS_HISTORY,
                            () -> client.conversationsHistory(r -> r.channel(channel)
                                    .includeAllMetadata(true)
                                    .oldest(oldest.orElse(null))
                                    .limit(LOOKUP_PAGE)
                                    .cursor(from))));
            Optional<String> ts = found.messages().stream()
                    .filter(message -> carries(message, key))
                    .map(Message::getTs)
                    .findFirst();
            if (ts.isPresent() || found.nextCursor().isEmpty()) {
                return ts;
            }
            cursor = found.nextCursor().get();
        }
        return Optional.empty();
    }

    /** A time as Slack writes a message's {@code ts}: seconds since the epoch, then microseconds. */
    static String ts(Instant at) {
        return "%d.%06d".formatted(at.getEpochSecond(), at.getNano() / 1_000);
    }

    private static boolean carries(Message message, PostKey key) {
        Message.Metadata metadata = message.getMetadata();
        return metadata != null
                && POST_EVENT_TYPE.equals(metadata.getEventType())
                && metadata.getEventPayload() != null
                && key.id().equals(metadata.getEventPayload().get("key"));
    }

    /** One page of conversations.history or conversations.replies. */
    private record MessagePage(List<Message> messages, Optional<String> nextCursor) {
        static MessagePage of(ConversationsHistoryResponse response) {
            return new MessagePage(listOrEmpty(response.getMessages()), next(response.getResponseMetadata()));
        }

        static MessagePage of(ConversationsRepliesResponse response) {
            return new MessagePage(listOrEmpty(response.getMessages()), next(response.getResponseMetadata()));
        }

        private static List<Message> listOrEmpty(List<Message> messages) {
            return messages == null ? List.of() : messages;
        }

        private static Optional<String> next(ResponseMetadata metadata) {
            return Optional.ofNullable(metadata)
                    .map(ResponseMetadata::getNextCursor)
                    .filter(cursor -> !cursor.isBlank());
        }
    }

    void update(String channel, String ts, String text, List<LayoutBlock> blocks) {
        call(
                SlackMethod.CHAT_UPDATE,
                () -> client.chatUpdate(r -> r.channel(channel)
                        .ts(ts)
                        .text(TextLimit.SLACK_MESSAGE.cut(text))
                        .blocks(blocks)));
    }

    /** The permalink of the message {@code ts} in {@code channel}, as Slack gives it. */
    String permalink(String channel, String ts) {
        var response = call(
                SlackMethod.CHAT_GET_PERMALINK,
                () -> client.chatGetPermalink(r -> r.channel(channel).messageTs(ts)));
        if (response.getPermalink() == null || response.getPermalink().isBlank()) {
            throw ChatFailure.permanentFailure(
                    SlackMethod.CHAT_GET_PERMALINK.method() + ": no permalink in the answer");
        }
        return response.getPermalink();
    }

    /**
     * A message only {@code user} sees, in {@code channel}. It answers every reaction, on the ack path, so it is a
     * plain form post whose answer is read for {@code ok} and {@code error} alone: the SDK's method builds a Gson and
     * maps the whole answer for every call. Its failures are mapped as every other call's; an answer that is not JSON
     * may have been done.
     */
    void postEphemeral(String channel, String user, String text) {
        var form = new FormBody.Builder()
                .add("channel", channel)
                .add("user", user)
                .add("text", TextLimit.SLACK_MESSAGE.cut(text));
        counted(SlackMethod.CHAT_POST_EPHEMERAL, () -> {
            try (Response response =
                    answering.runPostFormWithToken(form, SlackMethod.CHAT_POST_EPHEMERAL.method(), token)) {
                var answer = PlainAnswer.of(SlackMethod.CHAT_POST_EPHEMERAL, response);
                refuseUnlessOk(
                        SlackMethod.CHAT_POST_EPHEMERAL,
                        answer.ok(),
                        answer.error().orElse(null));
                return answer;
            }
        });
    }

    /**
     * An answer read for {@code ok} and {@code error} only, with one parser for every call ({@link JsonParser} keeps no
     * state); an HTTP status other than 200 fails as the SDK's {@link SlackApiException} does in {@link #call}.
     */
    private record PlainAnswer(boolean ok, Optional<String> error) {
        static PlainAnswer of(SlackMethod method, Response response) throws IOException {
            String body = response.body().string();
            if (response.code() != 200) {
                throw httpFailure(method, response.code(), response.header("Retry-After"), slackError(body), null);
            }
            JsonElement json;
            try {
                json = JsonParser.parseString(body);
            } catch (JsonParseException e) {
                throw ChatFailure.unanswered(method.method() + ": an answer that is not JSON", e);
            }
            if (!json.isJsonObject()) {
                throw ChatFailure.unanswered(method.method() + ": an answer that is not a JSON object", null);
            }
            JsonObject object = json.getAsJsonObject();
            return new PlainAnswer(bool(object, "ok"), string(object, "error"));
        }

        private static Optional<String> slackError(String body) {
            try {
                JsonElement json = JsonParser.parseString(body);
                return json.isJsonObject() ? string(json.getAsJsonObject(), "error") : Optional.empty();
            } catch (JsonParseException e) {
                return Optional.empty();
            }
        }

        private static boolean bool(JsonObject object, String name) {
            JsonElement value = object.get(name);
            return value != null
                    && value.isJsonPrimitive()
                    && value.getAsJsonPrimitive().isBoolean()
                    && value.getAsBoolean();
        }

        private static Optional<String> string(JsonObject object, String name) {
            JsonElement value = object.get(name);
            return value != null && value.isJsonPrimitive() ? Optional.of(value.getAsString()) : Optional.empty();
        }
    }

    void openView(String triggerId, View view) {
        counted(
                SlackMethod.VIEWS_OPEN,
                () -> call(
                        SlackMethod.VIEWS_OPEN,
                        () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view))));
    }

    /**
     * Uploads a file into {@code channel} with {@code comment} as its message; returns the file's id. Slack's file
     * details are not read back: the SDK no longer calls {@code files.info} (which would need another scope) since 1.34,
     * so its deprecated switch for that is left unset.
     */
    String upload(String channel, String comment, String fileName, String title, byte[] data) {
        var response = call(
                SlackMethod.FILES_UPLOAD_V2,
                () -> client.filesUploadV2(r -> r.channel(channel)
                        .initialComment(TextLimit.SLACK_MESSAGE.cut(comment))
                        .filename(fileName)
                        .title(title)
                        .fileData(data)));
        return response.getFile() != null ? response.getFile().getId() : "";
    }

    /** Runs {@code call}, which maps Slack's refusals itself, and tells {@code answers} how it ended. */
    private void counted(SlackMethod method, Call<?> call) {
        try {
            answered(method, call);
            answers.called(Platform.SLACK, method.method(), ChatCalls.Outcome.OK);
        } catch (RuntimeException e) {
            answers.called(Platform.SLACK, method.method(), ChatCalls.outcomeOf(e));
            throw e;
        }
    }

    private interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    private static <T extends SlackApiTextResponse> T call(SlackMethod method, Call<T> call) {
        T response = answered(method, call);
        refuseUnlessOk(method, response.isOk(), response.getError());
        return response;
    }

    private static <T> T answered(SlackMethod method, Call<T> call) {
        try {
            return call.run();
        } catch (SlackApiException e) {
            throw failure(method, e);
        } catch (ConnectException e) {
            throw ChatFailure.transientFailure(method.method() + ": " + e.getMessage(), e); // never reached Slack
        } catch (IOException e) {
            // a time-out or a dropped connection: Slack may have done it before the answer was lost
            throw ChatFailure.unanswered(method.method() + ": " + e.getMessage(), e);
        }
    }

    private static void refuseUnlessOk(SlackMethod method, boolean ok, @Nullable String error) {
        if (!ok) {
            if ("ratelimited".equals(error)) {
                throw ChatFailure.rateLimited(DEFAULT_RETRY_AFTER);
            }
            if (TRANSIENT_ERRORS.contains(error)) {
                throw ChatFailure.transientFailure(method.method() + ": " + error, null);
            }
            if (MAYBE_DONE_ERRORS.contains(error)) {
                throw ChatFailure.unanswered(method.method() + ": " + error, null);
            }
            if (MESSAGE_ERRORS.contains(error)) {
                throw ChatFailure.messageRefused(method.method() + ": " + error);
            }
            throw ChatFailure.permanentFailure(method.method() + ": " + error);
        }
    }

    private static ChatFailure failure(SlackMethod method, SlackApiException e) {
        return httpFailure(
                method,
                e.getResponse().code(),
                e.getResponse().header("Retry-After"),
                Optional.ofNullable(e.getError()).map(error -> error.getError()),
                e);
    }

    /** An HTTP status other than 200: 429 waits as Retry-After says, 5xx may have been done, the rest is permanent. */
    private static ChatFailure httpFailure(
            SlackMethod method,
            int status,
            @Nullable String retryAfter,
            Optional<String> error,
            @Nullable Exception cause) {
        if (status == 429) {
            return ChatFailure.rateLimited(retryAfter(retryAfter));
        }
        String what =
                method.method() + ": HTTP " + status + error.map(e -> " " + e).orElse("");
        if (status >= 500) {
            return ChatFailure.unanswered(what, cause);
        }
        return ChatFailure.permanentFailure(what);
    }

    static Duration retryAfter(@Nullable String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return DEFAULT_RETRY_AFTER;
        }
        return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
    }
}
