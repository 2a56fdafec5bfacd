package dev.escalator.core;

import java.util.List;
import java.util.Optional;

/**
 * Where escalations live (SPEC §9). Every change is one atomic write of one escalation guarded by its version: a
 * writer holding a stale copy changes nothing and learns so from the return value. Effects handed to {@link #create}
 * and {@link #save} are queued for delivery in the same write, so a stored transition never loses its chat posts.
 *
 * <p>Contention is a value ({@code false}, {@code Optional.empty()}); an unreachable or failing store is a {@link
 * StoreUnavailableException}.
 */
public interface EscalationStore {

    /** The next number of the installation's {@code ESC-n} sequence; never the same twice, across replicas. */
    EscalationId nextId();

    /**
     * Stores a new escalation (version 1) and queues its effects; false, changing nothing, when an escalation with its
     * id is stored already (an action that opens one, carried out again, allocated that id the first time).
     */
    boolean create(Escalation escalation, List<Effect> effects);

    Optional<Escalation> find(EscalationId id);

    /**
     * Replaces the stored escalation with {@code next} if the stored version is still {@code next.version() - 1}, and
     * queues {@code effects} after any still waiting. Returns false, changing nothing, when someone else wrote first.
     */
    default boolean save(Escalation next, List<Effect> effects) {
        return save(next, effects, Optional.empty());
    }

    /**
     * As {@link #save(Escalation, List)}, and in the same write records {@code handled}, a person's action's key (see
     * {@link Inbox}), as handled by this escalation; false, changing nothing, also when that key is handled already,
     * so an action carried out twice has one effect. The most recent keys are kept, enough to cover every retry.
     */
    boolean save(Escalation next, List<Effect> effects, Optional<String> handled);

    /** Whether the action {@code key} was stored as handled by the escalation {@code id}. */
    boolean handled(EscalationId id, String key);

    /**
     * {@link #save(Escalation, List)} for a caller that decided from the stored version, which had {@code
     * earlierEntries} timeline entries: only the entries after those are written (appended), not the whole timeline
     * again. The timeline only grows, so with the version guard this is the same change; if the stored timeline does
     * not have {@code earlierEntries} entries, nothing is written and the answer is false, as for a lost race.
     */
    default boolean save(Escalation next, int earlierEntries, List<Effect> effects) {
        return save(next, earlierEntries, effects, Optional.empty());
    }

    /** Both of the above in one write: the new entries appended, and {@code handled} recorded as handled. */
    boolean save(Escalation next, int earlierEntries, List<Effect> effects, Optional<String> handled);

    /** Newest first. */
    List<Escalation> find(EscalationQuery query);

    /** The times of the escalations {@link #find} would return, without reading their timelines. */
    List<EscalationTimes> times(EscalationQuery query);

    /** Where the escalation shows in chat, once its root message is posted. */
    Optional<ThreadRef> thread(EscalationId id);

    /** The link to the escalation's root message kept by {@link #keepRootLink}, if one was. */
    Optional<String> rootLink(EscalationId id);

    /**
     * Keeps {@code link} (a platform's permalink to the root message) on the escalation, so it is asked of the
     * platform once. Not versioned: it changes nothing a transition reads.
     */
    void keepRootLink(EscalationId id, String link);

    /** The escalation that owns a message the bot posted (its root message or a post in its thread). */
    Optional<EscalationId> findByMessage(Platform platform, String messageId);

    /**
     * The escalation whose thread is {@code threadId} (the {@link ThreadRef#threadId()} delivery recorded): on Discord
     * a command typed in a thread channel may leave out the id.
     */
    Optional<EscalationId> findByThread(Platform platform, String threadId);
}
