package dev.escalator.cli;

import dev.escalator.core.OnCallOverrides;
import java.time.Instant;
import java.util.Optional;

/**
 * The on-call overrides kept in the bot's store, for {@code simulate} (SPEC §4: overrides included). Empty when the
 * store cannot be read from here (the embedded store's file is held by the running bot, MongoDB is unreachable).
 */
@FunctionalInterface
public interface StoredOverrides {
    Optional<OnCallOverrides> notOverAt(Instant now);

    /** No store: no overrides. */
    StoredOverrides NONE = now -> Optional.of(OnCallOverrides.NONE);
}
