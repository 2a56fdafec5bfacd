package dev.escalator.chat;

import dev.escalator.core.Escalation;
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

    private final EscalationStore store;
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
        try {
            Optional<String> kept = store.rootLink(escalation.id());
            if (kept.isPresent()) {
                return kept;
            }
            Optional<String> asked = store.thread(escalation.id())
                    .flatMap(thread -> ports.stream()
                            .filter(port -> port.platform() == thread.channel().platform())
                            .findFirst()
                            .flatMap(port -> port.rootLink(thread)));
            asked.ifPresent(link -> store.keepRootLink(escalation.id(), link));
            return asked;
        } catch (ChatFailure | StoreUnavailableException e) {
            log.warn("status of {}: no link to the root message this time: {}", escalation.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
