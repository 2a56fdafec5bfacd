package dev.escalator.alerts;

import dev.escalator.core.EscalationId;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The alert groups that have an unresolved escalation, one record per integration and key, kept unique by the store:
 * whoever {@linkplain #claim claims} a key first opens its escalation, across replicas. A claim without an escalation
 * is an opening in progress, or one whose opener died: after a while another may {@linkplain #takeOver take it over}.
 * The escalation id is {@linkplain #assign assigned} before the escalation is created, so that whoever takes over
 * creates that one, never a second. Every method throws {@link dev.escalator.core.StoreUnavailableException} when the
 * store cannot be reached; a lost race is a {@code false}, never an exception.
 */
public interface AlertKeys {
    Optional<Group> find(String integration, String key);

    /** Records the key as being opened by {@code claimant}; false when it is already recorded. */
    boolean claim(String integration, String key, String claimant, Instant now);

    /** Takes the claim from {@code from}, whose opening went stale; false when someone else changed it first. */
    boolean takeOver(String integration, String key, String from, String claimant, Instant now);

    /** Ties the key to the escalation {@code claimant} is opening; false when the claim is no longer theirs. */
    boolean assign(String integration, String key, String claimant, EscalationId escalation, boolean storm);

    /** Adds alert names to the group's known alerts (a bounded set), so that only new ones are named. */
    void remember(String integration, String key, Collection<String> alerts);

    /** Forgets the key, if it still belongs to {@code escalation}: its next alert opens a new escalation. */
    void release(String integration, String key, EscalationId escalation);

    /** Counts one more new group for the integration in {@code minute} (minutes since the epoch); the count after. */
    long countNewGroup(String integration, long minute);

    /** One key's record. */
    record Group(
            String claimant, Instant claimedAt, Optional<EscalationId> escalation, Set<String> alerts, boolean storm) {
        public Group {
            Objects.requireNonNull(claimant, "claimant");
            Objects.requireNonNull(claimedAt, "claimedAt");
            Objects.requireNonNull(escalation, "escalation");
            alerts = Set.copyOf(alerts);
        }
    }
}
