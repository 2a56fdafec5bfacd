package dev.escalator.store;

import dev.escalator.jobs.Job;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes dedupe keys of handled platform events once they have expired; the embedded server has no TTL monitor. */
public final class ExpireInboundKeys implements Job {
    private static final Logger log = LoggerFactory.getLogger(ExpireInboundKeys.class);

    private final MongoInboundEvents inbound;

    public ExpireInboundKeys(MongoInboundEvents inbound) {
        this.inbound = inbound;
    }

    @Override
    public String name() {
        return "expire-inbound-keys";
    }

    @Override
    public Optional<Instant> runOnce() {
        long deleted = inbound.expire();
        if (deleted > 0) {
            log.debug("expired {} inbound event keys", deleted);
        }
        return Optional.empty();
    }
}
