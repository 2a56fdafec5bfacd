package dev.escalator.core;

/**
 * Where on-call overrides are kept (SPEC §5 {@code override}). Contract: an override {@link #add added} is durable
 * when {@code add} returns and is in every later {@link #notOverAt} of this process; another replica sees it within a
 * second or so. Overrides already over may be forgotten. Store faults come out as {@link StoreUnavailableException}.
 */
public interface OnCallOverrideStore {
    void add(OnCallOverride override);

    /** The overrides that have not ended at {@code now}, in force or still ahead. */
    OnCallOverrides notOverAt(java.time.Instant now);

    /** A store with no overrides, that keeps none: for tools and tests that have no store. */
    OnCallOverrideStore NONE = new OnCallOverrideStore() {
        @Override
        public void add(OnCallOverride override) {
            throw new UnsupportedOperationException("this store keeps no overrides");
        }

        @Override
        public OnCallOverrides notOverAt(java.time.Instant now) {
            return OnCallOverrides.NONE;
        }
    };
}
