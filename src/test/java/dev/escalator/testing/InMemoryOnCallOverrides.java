package dev.escalator.testing;

import dev.escalator.core.OnCallOverride;
import dev.escalator.core.OnCallOverrideStore;
import dev.escalator.core.OnCallOverrides;
import java.time.Instant;

/** The override store in memory, for tests of what uses it; proven against the real one by its contract test. */
public final class InMemoryOnCallOverrides implements OnCallOverrideStore {
    private OnCallOverrides all = OnCallOverrides.NONE;

    @Override
    public synchronized void add(OnCallOverride override) {
        all = all.with(override);
    }

    @Override
    public synchronized OnCallOverrides notOverAt(Instant now) {
        return all.notOverAt(now);
    }
}
