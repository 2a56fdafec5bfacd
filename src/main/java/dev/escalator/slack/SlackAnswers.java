package dev.escalator.slack;

import com.google.gson.stream.JsonWriter;
import com.slack.api.bolt.response.Response;
import dev.escalator.chat.Answer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The few words the Slack adapter says itself, when the shared chat layer could not answer. */
final class SlackAnswers {
    static final String FAILED =
            "Something went wrong on Escalator's side; nothing may have changed. Please try again.";
    static final String NO_FORM =
            "Escalator could not open the form. Try again, or type `/escalate <title>` to open without one.";

    private SlackAnswers() {}

    /**
     * The acknowledgement of a slash command that carries {@code text} as a message only its sender sees: the JSON
     * Bolt's {@code ack(r -> r.responseType("ephemeral").text(text))} sends, written directly rather than by Bolt's
     * reflective Gson, as most commands are answered this way (issue #17's ack path).
     */
    static Response privately(String text) {
        var body = new StringWriter(text.length() + 40);
        try (var json = new JsonWriter(body)) {
            json.beginObject()
                    .name("response_type")
                    .value("ephemeral")
                    .name("text")
                    .value(text)
                    .endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return Response.builder()
                .statusCode(200)
                .contentType("application/json; charset=utf-8")
                .body(body.toString())
                .build();
    }

    /** The text of an answer; a form is only ever asked for by a command, so elsewhere it gets a hint instead. */
    static String text(Answer answer) {
        return switch (answer) {
            case Answer.Text text -> text.text();
            case Answer.ShowForm ignored -> "Type `/escalate` with nothing after it to open the form.";
        };
    }
}
