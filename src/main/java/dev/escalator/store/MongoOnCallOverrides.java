package dev.escalator.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.escalator.core.OnCallOverride;
import dev.escalator.core.OnCallOverrideStore;
import dev.escalator.core.OnCallOverrides;
import dev.escalator.core.PersonId;
import dev.escalator.core.RotationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * On-call overrides in {@code oncall_overrides}: one small document per rotation, {@code _id} = the rotation's name,
 * holding that rotation's overrides not yet over. Keyed by {@code _id}, the one index the embedded server keeps; the
 * whole collection is a handful of documents, read whole.
 *
 * <p>Every level that tags a rotation asks for the overrides, so they are kept in memory: on the embedded store this
 * process is the only writer and its view is exact; on a shared MongoDB the view is read again when it is older than
 * {@link #FRESH_FOR}, so another replica's override counts within about a second.
 */
public final class MongoOnCallOverrides implements OnCallOverrideStore {
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final MongoCollection<Document> overrides;
    private final StoreCalls calls;
    private final Clock clock;
    private final boolean onlyWriter;
    private volatile Optional<View> view = Optional.empty();

    private record View(OnCallOverrides overrides, Instant readAt) {}

    /** {@code onlyWriter}: this process is the store's only writer (the embedded store), so its view never goes stale. */
    public MongoOnCallOverrides(MongoDatabase database, StoreCalls calls, Clock clock, boolean onlyWriter) {
        this.overrides = database.getCollection("oncall_overrides");
        this.calls = calls;
        this.clock = clock;
        this.onlyWriter = onlyWriter;
    }

    @Override
    public void add(OnCallOverride override) {
        String id = override.rotation().value();
        calls.write("store an on-call override", () -> {
            // the ones over already are dropped first, so a rotation's document stays small
            overrides.updateOne(
                    Filters.eq("_id", id), Updates.pull("overrides", Filters.lte("until", Date.from(override.from()))));
            return overrides.updateOne(
                    Filters.eq("_id", id),
                    Updates.push("overrides", document(override)),
                    new UpdateOptions().upsert(true));
        });
        synchronized (this) {
            view = Optional.empty();
        }
    }

    @Override
    public OnCallOverrides notOverAt(Instant now) {
        Optional<View> known = view;
        if (known.isPresent()
                && (onlyWriter || !clock.instant().isAfter(known.get().readAt().plus(FRESH_FOR)))) {
            return known.get().overrides().notOverAt(now);
        }
        synchronized (this) {
            var read = new View(readAll(), clock.instant());
            view = Optional.of(read);
            return read.overrides().notOverAt(now);
        }
    }

    private OnCallOverrides readAll() {
        return calls.read("read on-call overrides", () -> {
            var all = new ArrayList<OnCallOverride>();
            for (Document rotation : overrides.find()) {
                List<Document> entries = rotation.getList("overrides", Document.class, List.of());
                for (Document entry : entries) {
                    all.add(new OnCallOverride(
                            new RotationId(rotation.getString("_id")),
                            new PersonId(entry.getString("person")),
                            entry.getDate("from").toInstant(),
                            entry.getDate("until").toInstant(),
                            new PersonId(entry.getString("setBy"))));
                }
            }
            return new OnCallOverrides(all);
        });
    }

    private static Document document(OnCallOverride override) {
        return new Document("person", override.person().value())
                .append("from", Date.from(override.from()))
                .append("until", Date.from(override.until()))
                .append("setBy", override.setBy().value());
    }
}
