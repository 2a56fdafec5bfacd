package dev.escalator.slack;

import com.google.gson.JsonObject;
import com.slack.api.Slack;
import dev.escalator.chat.ChatCalls;
import dev.escalator.chat.TextLimit;
import dev.escalator.core.Platform;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers through a command's or a button's {@code response_url}: ephemeral, to the person who asked, and never
 * replacing the message the button is on. Such an answer has nobody to retry it, so a failure is only logged.
 */
final class ResponseUrl {
    private static final Logger log = LoggerFactory.getLogger(ResponseUrl.class);

    private final Slack slack;
    private final ChatCalls calls;

    ResponseUrl(Slack slack, ChatCalls calls) {
        this.slack = slack;
        this.calls = calls;
    }

    void answer(String url, String text) {
        var body = new JsonObject();
        body.addProperty("response_type", "ephemeral");
        body.addProperty("replace_original", false);
        body.addProperty("text", TextLimit.SLACK_MESSAGE.cut(text));
        try {
            var response = slack.send(url, body.toString());
            calls.called(Platform.SLACK, "response_url", outcome(response.getCode()));
            if (response.getCode() != 200) {
                log.warn("slack: response_url answered HTTP {}", response.getCode());
            }
        } catch (IOException e) {
            calls.called(Platform.SLACK, "response_url", ChatCalls.Outcome.ERROR);
            log.warn("slack: response_url unreachable: {}", e.getMessage());
        }
    }

    private static ChatCalls.Outcome outcome(int status) {
        return switch (status) {
            case 200 -> ChatCalls.Outcome.OK;
            case 429 -> ChatCalls.Outcome.RATE_LIMITED;
            default -> ChatCalls.Outcome.ERROR;
        };
    }
}
