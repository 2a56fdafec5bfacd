package dev.escalator.config;

import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

/**
 * Reads one entry of {@code people}: the accounts the bot tags this person with, their time zone, and whether they get
 * direct messages when tagged ({@code dm}, default true).
 */
final class PersonReader {
    private static final List<String> KEYS = List.of("slack", "discord", "tz", "dm");

    private PersonReader() {}

    static Optional<Person> read(String name, YamlField field) {
        var clean = field.checkpoint();
        return field.object(KEYS).flatMap(person -> {
            var accounts = new EnumMap<Platform, String>(Platform.class);
            person.optional("slack").flatMap(ChatIds::slackUser).ifPresent(id -> accounts.put(Platform.SLACK, id));
            person.optional("discord")
                    .flatMap(ChatIds::discordUser)
                    .ifPresent(id -> accounts.put(Platform.DISCORD, id));
            var timeZone = person.optional("tz").flatMap(YamlField::timeZone);
            boolean directMessages = person.optional("dm")
                    .flatMap(value -> value.parsed("true or false", PersonReader::bool))
                    .orElse(true);
            if (person.optional("slack").isEmpty() && person.optional("discord").isEmpty()) {
                field.error("has no chat account, so the bot could never tag them: give slack (a user id like"
                        + " U0ALICE), discord (a user id like \"111111111111111111\") or both");
            }
            return clean.buildIfClean(() -> new Person(new PersonId(name), accounts, timeZone, directMessages));
        });
    }

    private static Optional<Boolean> bool(String text) {
        return switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
