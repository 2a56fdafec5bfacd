package dev.escalator.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.StoreUnavailableException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link {@code status} gives to an escalation's root message (SPEC §6): kept on the escalation once the chat port
 * of its platform gave one (Slack's {@code chat.getPermalink} is so called once per escalation), empty while the root
 * message is not posted or the platform cannot say. Never fails: a status answer without its link beats none.
 */
public final class RootLinks {
    private static final Logger log = LoggerFactory.getLogger(RootLinks.class);

    /** Enough for the escalations being delivered at once; a link forgotten is read from the store again. */
    static final int REMEMBERED = 10_000;

    private final EscalationStore store;
    /**
     * Links already kept: a root message's link never changes, and delivery asks for it with every direct message and
     * every refresh of them (a store read each, a tenth of delivery's store calls in the replicas benchmark).
     */
    private final Cache<EscalationId, String> kept =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();
    // the chat ports are started after the commands that answer status, so they join once built
    private volatile List<ChatPort> ports = List.of();

    public RootLinks(EscalationStore store) {
        this.store = Objects.requireNonNull(store);
    }

    /** The chat ports to ask, one per platform. */
    public void through(List<ChatPort> chats) {
        ports = List.copyOf(chats);
    }

    /** The link to {@code escalation}'s root message, if it has one yet. */
    public Optional<String> of(Escalation escalation) {
        String remembered = kept.getIfPresent(escalation.id());
        if (remembered != null) {
            return Optional.of(remembered);
        }
        try {
            Optional<String> stored = store.rootLink(escalation.id());
            if (stored.isPresent()) {
                kept.put(escalation.id(), stored.get());
                return stored;
            }
            Optional<String> asked = store.thread(escalation.id())
                    .flatMap(thread -> ports.stream()
                            .filter(port -> port.platform() == thread.channel().platform())
                            .findFirst()
                            .flatMap(port -> port.rootLink(thread)));
            asked.ifPresent(link -> {
                store.keepRootLink(escalation.id(), link);
                kept.put(escalation.id(), link);
            });
            return asked;
        } catch (ChatFailure | StoreUnavailableException e) {
            log.warn("status of {}: no link to the root message this time: {}", escalation.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
