package dev.escalator.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.escalator.chat.SafeText;
import dev.escalator.core.Platform;
import dev.escalator.delivery.ChatCalls;
import dev.escalator.delivery.ChatFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Web API calls the bot makes, over one synchronous {@link MethodsClient}, each turned into a value or a {@link
 * ChatFailure}: HTTP 429 and {@code ratelimited} are rate limits with Slack's Retry-After, 5xx, network faults and
 * Slack's own "try again" errors are transient, anything else (channel gone, bot not in it) is permanent. The SDK's
 * asynchronous client with its rate-limiter queue is not used: it may reject or reorder calls, and delivery already
 * paces each channel and retries in order.
 */
final class SlackWebApi {
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final MethodsClient client;
    private final ChatCalls answers;

    SlackWebApi(MethodsClient client) {
        this(client, ChatCalls.NONE);
    }

    /** {@code answers} hears of the calls that answer users; delivery's posts are counted around its chat port. */
    SlackWebApi(MethodsClient client, ChatCalls answers) {
        this.client = client;
        this.answers = answers;
    }

    /** The bot's own user id, which proves the token works. */
    String botUserId() {
        AuthTestResponse response = call(SlackMethod.AUTH_TEST, () -> client.authTest(r -> r));
        return response.getUserId();
    }

    /** Posts a message, in a thread when {@code threadTs} is given; returns its {@code ts}. */
    String post(String channel, String text, List<LayoutBlock> blocks, Optional<String> threadTs) {
        return call(
                        SlackMethod.CHAT_POST_MESSAGE,
                        () -> client.chatPostMessage(r -> r.channel(channel)
                                .text(SafeText.cut(text, SafeText.SLACK_MESSAGE_LIMIT))
                                .blocks(blocks.isEmpty() ? null : blocks)
                                .threadTs(threadTs.orElse(null))))
                .getTs();
    }

    void update(String channel, String ts, String text, List<LayoutBlock> blocks) {
        call(
                SlackMethod.CHAT_UPDATE,
                () -> client.chatUpdate(r -> r.channel(channel)
                        .ts(ts)
                        .text(SafeText.cut(text, SafeText.SLACK_MESSAGE_LIMIT))
                        .blocks(blocks)));
    }

    /** A message only {@code user} sees, in {@code channel}. */
    void postEphemeral(String channel, String user, String text) {
        counted(
                SlackMethod.CHAT_POST_EPHEMERAL,
                () -> client.chatPostEphemeral(
                        r -> r.channel(channel).user(user).text(SafeText.cut(text, SafeText.SLACK_MESSAGE_LIMIT))));
    }

    void openView(String triggerId, View view) {
        counted(
                SlackMethod.VIEWS_OPEN,
                () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    /**
     * Uploads a file into {@code channel} with {@code comment} as its message; returns the file's id. Slack's file
     * details are not read back ({@code files.info} would need another scope).
     */
    String upload(String channel, String comment, String fileName, String title, byte[] data) {
        var response = call(
                SlackMethod.FILES_UPLOAD_V2,
                () -> client.filesUploadV2(r -> r.channel(channel)
                        .initialComment(SafeText.cut(comment, SafeText.SLACK_MESSAGE_LIMIT))
                        .filename(fileName)
                        .title(title)
                        .fileData(data)
                        .requestFileInfo(false)));
        return response.getFile() != null ? response.getFile().getId() : "";
    }

    private <T extends SlackApiTextResponse> void counted(SlackMethod method, Call<T> call) {
        try {
            call(method, call);
            answers.called(Platform.SLACK, method.method(), ChatCalls.Outcome.OK);
        } catch (RuntimeException e) {
            answers.called(Platform.SLACK, method.method(), ChatCalls.outcomeOf(e));
            throw e;
        }
    }

    private interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private static <T extends SlackApiTextResponse> T call(SlackMethod method, Call<T> call) {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            throw failure(method, e);
        } catch (IOException e) {
            throw ChatFailure.transientFailure(method.method() + ": " + e.getMessage(), e);
        }
        if (!response.isOk()) {
            String error = response.getError();
            if ("ratelimited".equals(error)) {
                throw ChatFailure.rateLimited(DEFAULT_RETRY_AFTER);
            }
            if (TRANSIENT_ERRORS.contains(error)) {
                throw ChatFailure.transientFailure(method.method() + ": " + error, null);
            }
            throw ChatFailure.permanentFailure(method.method() + ": " + error);
        }
        return response;
    }

    private static ChatFailure failure(SlackMethod method, SlackApiException e) {
        int status = e.getResponse().code();
        if (status == 429) {
            return ChatFailure.rateLimited(retryAfter(e.getResponse().header("Retry-After")));
        }
        String what = method.method() + ": HTTP " + status
                + (e.getError() != null ? " " + e.getError().getError() : "");
        if (status >= 500) {
            return ChatFailure.transientFailure(what, e);
        }
        return ChatFailure.permanentFailure(what);
    }

    static Duration retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return DEFAULT_RETRY_AFTER;
        }
        return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
    }
}
