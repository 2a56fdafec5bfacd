package dev.escalator.slack;

import dev.escalator.chat.Answer;

/** The few words the Slack adapter says itself, when the shared chat layer could not answer. */
final class SlackAnswers {
    static final String FAILED =
            "Something went wrong on Escalator's side; nothing may have changed. Please try again.";
    static final String NO_FORM =
            "Escalator could not open the form. Try again, or type `/escalate <title>` to open without one.";

    private SlackAnswers() {}

    /** The text of an answer; a form is only ever asked for by a command, so elsewhere it gets a hint instead. */
    static String text(Answer answer) {
        return switch (answer) {
            case Answer.Text text -> text.text();
            case Answer.ShowForm ignored -> "Type `/escalate` with nothing after it to open the form.";
        };
    }
}
