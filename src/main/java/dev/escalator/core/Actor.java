package dev.escalator.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Who caused a change: a chat user (a configured person or not), a monitoring integration (SPEC §10), or the bot
 * itself (timers).
 */
public sealed interface Actor {
    Actor.Bot BOT = new Bot();

    /** A chat user; {@code person} is empty for users the configuration does not know. */
    record User(ChatUser account, Optional<PersonId> person) implements Actor {
        public User {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(person, "person");
        }

        public static User known(ChatUser account, PersonId person) {
            return new User(account, Optional.of(person));
        }

        public static User stranger(ChatUser account) {
            return new User(account, Optional.empty());
        }

        public Platform platform() {
            return account.platform();
        }
    }

    /**
     * A monitoring source, by its configured name: it reports the escalations its alerts open and re-fires, resolves
     * and acknowledges them. It has proved who it is with its token before it gets here.
     */
    record Integration(String name) implements Actor {
        public Integration {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The bot acting on its own: a timer ran out, a snooze ended, a reminder came due. */
    record Bot() implements Actor {}
}
