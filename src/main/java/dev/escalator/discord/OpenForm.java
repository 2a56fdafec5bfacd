package dev.escalator.discord;

import dev.escalator.chat.FormInput;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The modal {@code /escalate open} shows without a title. Discord allows five fields in a modal, so "what was tried"
 * shares the first field of the brief ("what is wrong, and what was tried"); the rest map one to one.
 */
final class OpenForm {
    static final String ID = "escalator:open";

    private OpenForm() {}

    static Modal modal() {
        return Modal.create(ID, "Open an escalation")
                .addComponents(
                        Label.of(
                                "Title",
                                TextInput.create("title", TextInputStyle.SHORT)
                                        .setRequired(true)
                                        .setMaxLength(200)
                                        .build()),
                        Label.of("What is wrong, and what was tried", optional("wrong", TextInputStyle.PARAGRAPH)),
                        Label.of("Impact", optional("impact", TextInputStyle.PARAGRAPH)),
                        Label.of("Help needed", optional("help", TextInputStyle.PARAGRAPH)),
                        Label.of("Decision needed by (4h, or 2026-11-24T17:00Z)", optional("by", TextInputStyle.SHORT)))
                .build();
    }

    /** The submitted values, by field id; a field left empty is absent. */
    static FormInput input(Function<String, Optional<String>> value) {
        return new FormInput(
                value.apply("title").orElse(""),
                value.apply("wrong"),
                value.apply("impact"),
                Optional.empty(),
                value.apply("help"),
                value.apply("by"),
                Optional.empty(),
                Optional.empty());
    }

    private static TextInput optional(String id, TextInputStyle style) {
        return TextInput.create(id, style).setRequired(false).setMaxLength(1000).build();
    }
}
