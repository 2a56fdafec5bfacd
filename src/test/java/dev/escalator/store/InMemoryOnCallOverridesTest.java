package dev.escalator.store;

import dev.escalator.core.OnCallOverrideStore;
import dev.escalator.testing.InMemoryOnCallOverrides;

/** The fake override store keeps the contract the MongoDB one keeps. */
class InMemoryOnCallOverridesTest extends OnCallOverrideStoreContract {
    @Override
    OnCallOverrideStore create() {
        return new InMemoryOnCallOverrides();
    }
}
