package dev.escalator.chat;

import java.util.Objects;

/** What the bot answers, privately, to the person who asked. */
public sealed interface Answer {
    /** A private message (Slack ephemeral / response_url, Discord ephemeral reply). */
    record Text(String text) implements Answer {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Open the form for a title and a brief (Slack modal, Discord modal). */
    record ShowForm() implements Answer {}
}
