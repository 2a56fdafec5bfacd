package dev.escalator.core;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One human with accounts on one or both platforms. */
public record Person(PersonId id, Map<Platform, String> accounts, Optional<ZoneId> timeZone) {
    public Person {
        Objects.requireNonNull(id, "id");
        accounts = Map.copyOf(accounts);
        Objects.requireNonNull(timeZone, "timeZone");
    }

    public Optional<String> accountOn(Platform platform) {
        return Optional.ofNullable(accounts.get(platform));
    }
}
