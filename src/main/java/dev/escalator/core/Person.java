package dev.escalator.core;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One human with accounts on one or both platforms. {@code directMessages}: when tagged, they also get a direct
 * message on every platform where they have an account (SPEC §11; {@code dm: false} in the configuration turns it off).
 */
public record Person(PersonId id, Map<Platform, String> accounts, Optional<ZoneId> timeZone, boolean directMessages) {
    public Person {
        Objects.requireNonNull(id, "id");
        accounts = Map.copyOf(accounts);
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /** A person who gets direct messages when tagged, the default. */
    public Person(PersonId id, Map<Platform, String> accounts, Optional<ZoneId> timeZone) {
        this(id, accounts, timeZone, true);
    }

    public Optional<String> accountOn(Platform platform) {
        return Optional.ofNullable(accounts.get(platform));
    }
}
