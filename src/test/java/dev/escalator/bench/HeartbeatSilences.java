package dev.escalator.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * How long live replicas' heartbeats went silent, as a replica looking at them would have seen it: the heartbeats
 * collection read every {@link #POLL}, and each time a replica's heartbeat changes, the time from the one before (the
 * time it says: when its write began) until the new one was seen. A replica taken for dead while alive had such a
 * silence longer than {@code EndClaimsOfSilentReplicas.SILENT}; so one run tells how often each candidate silence
 * would have fired wrongly. A killed replica's last silence never ends and is not counted.
 */
final class HeartbeatSilences implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(100);
    /** The silences counted: longer than each of these. */
    static final List<Duration> LONGER_THAN = List.of(
            Duration.ofMillis(1500),
            Duration.ofSeconds(2),
            Duration.ofMillis(2500),
            Duration.ofSeconds(3),
            Duration.ofMillis(3500));

    private final MongoCollection<Document> heartbeats;
    private final Clock clock;
    private final Map<String, Instant> last = new HashMap<>();
    private final List<Long> silences = new ArrayList<>();
    private final Thread watcher;
    private volatile boolean watching = true;

    HeartbeatSilences(MongoDatabase database, Clock clock) {
        this.heartbeats = database.getCollection("heartbeats");
        this.clock = clock;
        this.watcher = Thread.ofVirtual().name("heartbeat-silences").start(this::watch);
    }

    private void watch() {
        while (watching) {
            try {
                for (Document heartbeat : heartbeats.find()) {
                    Instant seen = clock.instant();
                    String replica = heartbeat.getString("_id");
                    Date at = heartbeat.getDate("at");
                    if (replica == null || at == null) {
                        continue;
                    }
                    Instant before = last.put(replica, at.toInstant());
                    if (before != null && before.isBefore(at.toInstant())) {
                        synchronized (silences) {
                            silences.add(Duration.between(before, seen).toMillis());
                        }
                    }
                }
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the store busy or closing: look again
            }
        }
    }

    /** "N silences seen; longer than 1.5 s: a, 2 s: b, …; the longest: m ms". */
    String summary() {
        List<Long> all;
        synchronized (silences) {
            all = List.copyOf(silences);
        }
        var counts = new ArrayList<String>();
        for (Duration limit : LONGER_THAN) {
            long longer = all.stream().filter(ms -> ms > limit.toMillis()).count();
            counts.add("%.1f s: %d".formatted(limit.toMillis() / 1000.0, longer));
        }
        long longest = all.stream().mapToLong(Long::longValue).max().orElse(0);
        return "live replicas' heartbeats, from one's time until the next was seen (read every %d ms): %,d seen; longer than %s; the longest %d ms"
                .formatted(POLL.toMillis(), all.size(), String.join(", ", counts), longest);
    }

    @Override
    public void close() {
        watching = false;
        watcher.interrupt();
    }
}
