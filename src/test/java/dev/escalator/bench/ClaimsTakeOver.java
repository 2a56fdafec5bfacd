package dev.escalator.bench;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Issue #17's row as it is stated, read from the store: after a kill -9, how long until every claim the dead replica
 * held (a step claim, a delivery claim) was ended and taken by another replica. Right after the kill (the process is
 * gone, so its claims are frozen) the claims naming the dead replica and still running are read; then each is looked
 * at by its {@code _id} every {@link #POLL} until its owner is another replica or none (a replica that claimed it,
 * then did the work and released it), or until the claim is ended and nothing waits on it (no step due, no effect in
 * the outbox ready), which leaves nothing to take over. The claims still open are looked at all at once, each by its
 * own query, and each is stamped with the time its answer came: looked at one after another, 30 claims on the
 * server's one busy worker thread took up to a second a round, which the report counted as take-over time (branch
 * replicas4: the 16:27 run's "4.97 s" was the bots' 3.85 s and this watcher's lag). The dead replica's last
 * heartbeat is read at the kill too, so that the report splits the time from the kill into the heartbeat's age then
 * and what came after.
 *
 * <p>The store's field names are the bot's ({@code EscalationCollection}); the bot names its claims {@code
 * HOSTNAME-pid-…} (step claims) and {@code HOSTNAME-pid-…/life} (delivery claims), so the benchmark gives each bot
 * a {@code HOSTNAME} of its own and knows the dead one's claims by that prefix.
 */
final class ClaimsTakeOver {
    static final Duration POLL = Duration.ofMillis(100);
    /** A claim not taken over by then is reported as such. */
    static final Duration GIVE_UP = Duration.ofSeconds(60);

    private static final String COLLECTION = "escalations";
    private static final String HEARTBEATS = "heartbeats";
    private static final Bson FIELDS = Projections.include(
            "stepOwner", "stepUntil", "nextStepAt", "deliveryOwner", "deliveryUntil", "outboxAt", "outbox");

    enum Kind {
        STEP("stepOwner", "stepUntil"),
        DELIVERY("deliveryOwner", "deliveryUntil");

        final String owner;
        final String until;

        Kind(String owner, String until) {
            this.owner = owner;
            this.until = until;
        }
    }

    /**
     * One claim the dead replica held: of escalation {@code id}, when the work it held became ready (the step's due
     * time, the outbox's ready time: the epoch for "at once"), when it was ended (no longer keeping others from it:
     * the bots' own take-over) and when taken over (empty: not within {@link #GIVE_UP}). Between the two, the work
     * is free, in the other replicas' queues, behind older work.
     */
    record Claim(
            long id,
            Kind kind,
            Instant readyAt,
            boolean workWaiting,
            Optional<Instant> endedAt,
            Optional<Instant> takenAt) {
        Claim seen(Instant now, boolean ended, boolean taken) {
            return new Claim(
                    id,
                    kind,
                    readyAt,
                    workWaiting,
                    endedAt.or(() -> ended ? Optional.of(now) : Optional.empty()),
                    takenAt.or(() -> taken ? Optional.of(now) : Optional.empty()));
        }
    }

    /**
     * What one kill left and how it was taken over: {@code owner}, how the dead replica's claims begin; {@code
     * lastHeartbeat}, the time its last heartbeat said when it was killed (the silence counts from it).
     */
    record Kill(int replica, String owner, Instant killedAt, Optional<Instant> lastHeartbeat, List<Claim> claims) {
        long count(Kind kind) {
            return claims.stream().filter(c -> c.kind() == kind).count();
        }

        /** From the kill to the last of {@code kind}'s claims taken over; empty when one never was. */
        Optional<Duration> takenOverWithin(Kind kind) {
            return within(kind, Claim::takenAt);
        }

        /** From the kill to the last of {@code kind}'s claims ended; empty when one never was. */
        Optional<Duration> endedWithin(Kind kind) {
            return within(kind, Claim::endedAt);
        }

        private Optional<Duration> within(Kind kind, Function<Claim, Optional<Instant>> when) {
            Duration longest = Duration.ZERO;
            for (Claim claim : claims) {
                if (claim.kind() != kind) {
                    continue;
                }
                if (when.apply(claim).isEmpty()) {
                    return Optional.empty();
                }
                Duration within = Duration.between(killedAt, when.apply(claim).get());
                longest = within.compareTo(longest) > 0 ? within : longest;
            }
            return Optional.of(longest);
        }
    }

    private final MongoCollection<Document> escalations;
    private final MongoCollection<Document> heartbeats;
    private final Clock clock;

    ClaimsTakeOver(MongoDatabase database, Clock clock) {
        this.escalations = database.getCollection(COLLECTION);
        this.heartbeats = database.getCollection(HEARTBEATS);
        this.clock = clock;
    }

    /** The time the last heartbeat of the replica whose name starts with {@code ownerPrefix} says, read at the kill. */
    Optional<Instant> lastHeartbeat(String ownerPrefix) {
        Document heartbeat =
                heartbeats.find(regex("_id", "^" + Pattern.quote(ownerPrefix))).first();
        return Optional.ofNullable(heartbeat).map(doc -> doc.getDate("at")).map(Date::toInstant);
    }

    /** The running claims whose owner starts with {@code ownerPrefix}, read once, right after the kill. */
    List<Claim> heldBy(String ownerPrefix, Instant killedAt) {
        var held = new ArrayList<Claim>();
        Date now = Date.from(killedAt);
        for (Document doc : escalations
                .find(or(gt("stepUntil", now), gt("deliveryUntil", now)))
                .projection(FIELDS)) {
            for (Kind kind : Kind.values()) {
                String owner = doc.getString(kind.owner);
                Date until = doc.getDate(kind.until);
                if (owner != null && owner.startsWith(ownerPrefix) && until != null && until.after(now)) {
                    held.add(new Claim(
                            ((Number) doc.get("_id")).longValue(),
                            kind,
                            readyAt(doc, kind, killedAt),
                            waiting(doc, kind, killedAt),
                            Optional.empty(),
                            Optional.empty()));
                }
            }
        }
        return held;
    }

    /**
     * Watches {@code held} until each is taken over or {@link #GIVE_UP} has passed since {@code killedAt}: the claims
     * with the moment each was seen taken (to within a {@link #POLL}).
     */
    List<Claim> watch(List<Claim> held, String ownerPrefix, Instant killedAt) throws Exception {
        var claims = new ArrayList<>(held);
        Instant giveUp = killedAt.plus(GIVE_UP);
        try (var lookers = Executors.newVirtualThreadPerTaskExecutor()) {
            while (claims.stream().anyMatch(c -> c.takenAt().isEmpty())
                    && clock.instant().isBefore(giveUp)) {
                var looks = new ArrayList<Future<Claim>>();
                for (Claim claim : claims) {
                    looks.add(
                            claim.takenAt().isPresent()
                                    ? CompletableFuture.completedFuture(claim)
                                    : lookers.submit(() -> look(claim, ownerPrefix)));
                }
                for (int i = 0; i < claims.size(); i++) {
                    claims.set(i, looks.get(i).get());
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        return claims;
    }

    /**
     * The claim as the store has it now, stamped with the time its answer came (not the time the question left, so
     * never earlier than the store changed).
     */
    private Claim look(Claim claim, String ownerPrefix) {
        Document doc =
                escalations.find(eq("_id", claim.id())).projection(FIELDS).first();
        Instant now = clock.instant();
        boolean taken = doc == null || takenOver(doc, claim.kind(), ownerPrefix, now);
        return claim.seen(now, taken || ended(doc, claim.kind(), now), taken);
    }

    /**
     * Another replica holds it or held and released it; or it was ended (its end before now) and no work of its kind
     * is ready, so there is nothing left to take.
     */
    private static boolean takenOver(Document doc, Kind kind, String ownerPrefix, Instant now) {
        String owner = doc.getString(kind.owner);
        if (owner == null || !owner.startsWith(ownerPrefix)) {
            return true;
        }
        return ended(doc, kind, now) && !waiting(doc, kind, now);
    }

    private static boolean ended(Document doc, Kind kind, Instant now) {
        Date until = doc.getDate(kind.until);
        return until == null || !until.toInstant().isAfter(now);
    }

    private static boolean waiting(Document doc, Kind kind, Instant now) {
        return switch (kind) {
            case STEP -> isDue(doc.getDate("nextStepAt"), now);
            case DELIVERY ->
                !doc.getList("outbox", Document.class, List.of()).isEmpty() && isDue(doc.getDate("outboxAt"), now);
        };
    }

    private static boolean isDue(Date at, Instant now) {
        return at != null && !at.toInstant().isAfter(now);
    }

    private static Instant readyAt(Document doc, Kind kind, Instant fallback) {
        Date at = doc.getDate(kind == Kind.STEP ? "nextStepAt" : "outboxAt");
        return at == null ? fallback : at.toInstant();
    }
}
