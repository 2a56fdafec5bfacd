package dev.escalator.alerts;

import dev.escalator.core.EscalationId;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The store's alert keys with something done just before a take-over or an assignment reaches them: another replica
 * acting in that instant, or a store that is slow to answer.
 */
record InterposedKeys(AlertKeys keys, Runnable beforeTakeOver, Runnable beforeAssign) implements AlertKeys {
    static InterposedKeys beforeTakeOver(AlertKeys keys, Runnable action) {
        return new InterposedKeys(keys, action, () -> {});
    }

    static InterposedKeys beforeAssign(AlertKeys keys, Runnable action) {
        return new InterposedKeys(keys, () -> {}, action);
    }

    @Override
    public Optional<Group> find(String integration, String key) {
        return keys.find(integration, key);
    }

    @Override
    public boolean claim(String integration, String key, String claimant, Instant now) {
        return keys.claim(integration, key, claimant, now);
    }

    @Override
    public boolean takeOver(String integration, String key, String from, String claimant, Instant now) {
        beforeTakeOver.run();
        return keys.takeOver(integration, key, from, claimant, now);
    }

    @Override
    public boolean assign(String integration, String key, String claimant, EscalationId escalation, boolean storm) {
        beforeAssign.run();
        return keys.assign(integration, key, claimant, escalation, storm);
    }

    @Override
    public void remember(String integration, String key, Collection<String> alerts) {
        keys.remember(integration, key, alerts);
    }

    @Override
    public void release(String integration, String key, EscalationId escalation) {
        keys.release(integration, key, escalation);
    }

    @Override
    public long countNewGroup(String integration, long minute) {
        return keys.countNewGroup(integration, minute);
    }
}
