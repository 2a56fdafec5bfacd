package dev.escalator.chat;

import java.util.Objects;

/** A field of the open form that cannot be used as typed, and what to tell the person about it. */
public record FormProblem(FormInput.Field field, String message) {
    public FormProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
