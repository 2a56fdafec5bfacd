package dev.escalator.store;

import com.mongodb.client.model.Projections;
import dev.escalator.core.Action;
import dev.escalator.core.Actor;
import dev.escalator.core.Brief;
import dev.escalator.core.Cause;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationTimes;
import dev.escalator.core.Event;
import dev.escalator.core.PathId;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import dev.escalator.core.Status;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.delivery.PendingEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * Maps escalations to MongoDB documents and back. Field names are short and stable: they are the stored format, so
 * renaming one is a data migration. Instants are BSON dates (millisecond precision, which the timers need).
 */
final class EscalationDocuments {
    private EscalationDocuments() {}

    static final String TIMELINE = "timeline";

    /** The fields a transition owns; outbox, leases and chat message ids are written by others and kept apart. */
    static Document fields(Escalation e) {
        var doc = new Document()
                .append("version", e.version())
                .append("title", e.title())
                .append("brief", brief(e.brief()))
                .append("severity", e.severity().value())
                .append("reporter", actor(e.reporter()))
                .append("path", e.path().value())
                .append("home", channel(e.home()))
                .append("status", e.status().word())
                .append("level", e.level())
                .append("round", e.round())
                .append("tagged", e.tagged().stream().map(PersonId::value).toList())
                .append("timerAt", e.timerAt().map(Date::from).orElse(null))
                .append("nextReminderAt", Date.from(e.nextReminderAt()))
                .append("openedAt", Date.from(e.openedAt()))
                .append(
                        "acknowledgedBy",
                        e.acknowledgedBy().map(EscalationDocuments::actor).orElse(null))
                .append(
                        "firstAcknowledgedAt",
                        e.firstAcknowledgedAt().map(Date::from).orElse(null))
                .append("resolvedAt", e.resolvedAt().map(Date::from).orElse(null))
                .append("refusalsNotKept", e.refusalsNotKept())
                .append("refiresNotKept", e.refiresNotKept())
                .append(
                        TIMELINE,
                        e.timeline().stream().map(EscalationDocuments::entry).toList());
        // the scheduler's index: absent once resolved, so the due query never sees closed escalations
        doc.append("nextStepAt", e.nextStepAt().map(Date::from).orElse(null));
        return doc;
    }

    /**
     * The fields {@link #escalation} reads, every one {@link #fields} writes but {@code nextStepAt} (the scheduler's):
     * a read of an escalation leaves its outbox, its handled actions' keys and its messages on the server.
     */
    static final List<String> ESCALATION_FIELDS = List.of(
            "version",
            "title",
            "brief",
            "severity",
            "reporter",
            "path",
            "home",
            "status",
            "level",
            "round",
            "tagged",
            "timerAt",
            "nextReminderAt",
            "openedAt",
            "acknowledgedBy",
            "firstAcknowledgedAt",
            "resolvedAt",
            "refusalsNotKept",
            "refiresNotKept",
            TIMELINE);

    /** A projection of {@link #ESCALATION_FIELDS} (and {@code _id}). */
    static final Bson ESCALATION = Projections.include(ESCALATION_FIELDS);

    static Escalation escalation(Document doc) {
        return new Escalation.Builder()
                .id(new EscalationId(doc.getLong("_id")))
                .version(doc.getLong("version"))
                .title(doc.getString("title"))
                .brief(brief(doc.get("brief", Document.class)))
                .severity(new Severity(doc.getInteger("severity")))
                .reporter(actor(doc.get("reporter", Document.class)))
                .path(new PathId(doc.getString("path")))
                .home(channel(doc.get("home", Document.class)))
                .status(Status.valueOf(doc.getString("status").toUpperCase(Locale.ROOT)))
                .level(doc.getInteger("level"))
                .round(doc.getInteger("round"))
                .tagged(doc.getList("tagged", String.class).stream()
                        .map(PersonId::new)
                        .toList())
                .timerAt(instant(doc, "timerAt"))
                .nextReminderAt(doc.getDate("nextReminderAt").toInstant())
                .openedAt(doc.getDate("openedAt").toInstant())
                .acknowledgedBy(Optional.ofNullable(doc.get("acknowledgedBy", Document.class))
                        .map(EscalationDocuments::actor))
                .firstAcknowledgedAt(instant(doc, "firstAcknowledgedAt"))
                .resolvedAt(instant(doc, "resolvedAt"))
                .timeline(doc.getList(TIMELINE, Document.class).stream()
                        .map(EscalationDocuments::entry)
                        .toList())
                .refusalsNotKept(doc.getInteger("refusalsNotKept", 0))
                .refiresNotKept(doc.getInteger("refiresNotKept", 0))
                .build();
    }

    /** The fields {@link #times} reads. */
    static final Bson TIMES = Projections.include("path", "openedAt", "firstAcknowledgedAt", "resolvedAt");

    static EscalationTimes times(Document doc) {
        return new EscalationTimes(
                new PathId(doc.getString("path")),
                doc.getDate("openedAt").toInstant(),
                instant(doc, "firstAcknowledgedAt"),
                instant(doc, "resolvedAt"));
    }

    static Document effect(String id, Effect effect, int attempts) {
        var doc = new Document("id", id).append("attempts", attempts);
        switch (effect) {
            case Effect.PostRoot ignored -> doc.append("type", "postRoot");
            case Effect.Announce announce -> doc.append("type", "announce").append("seq", announce.seq());
            case Effect.RefreshRoot ignored -> doc.append("type", "refreshRoot");
            case Effect.DirectMessage dm ->
                doc.append("type", "directMessage")
                        .append("person", dm.person().value())
                        .append("platform", platform(dm.platform()))
                        .append("seq", dm.seq());
            case Effect.RefreshDirectMessages ignored -> doc.append("type", "refreshDirectMessages");
            case Effect.AlertFallback alert ->
                doc.append("type", "alertFallback")
                        .append("seq", alert.seq())
                        .append("channel", channel(alert.channel()));
        }
        return doc;
    }

    /** An outbox entry; its id is {@code version.index}, the version of the write that queued it first. */
    static PendingEffect pendingEffect(Document doc) {
        String id = doc.getString("id");
        int dot = id.indexOf('.');
        return new PendingEffect(
                id,
                effect(doc),
                doc.getInteger("attempts", 0),
                Long.parseLong(dot < 0 ? id : id.substring(0, dot)),
                doc.getBoolean("uncertain", false),
                doc.getBoolean("stuck", false));
    }

    static Effect effect(Document doc) {
        return switch (doc.getString("type")) {
            case "postRoot" -> new Effect.PostRoot();
            case "announce" -> new Effect.Announce(doc.getInteger("seq"));
            case "refreshRoot" -> new Effect.RefreshRoot();
            case "directMessage" ->
                new Effect.DirectMessage(
                        new PersonId(doc.getString("person")),
                        platform(doc.getString("platform")),
                        doc.getInteger("seq"));
            case "refreshDirectMessages" -> new Effect.RefreshDirectMessages();
            case "alertFallback" ->
                new Effect.AlertFallback(channel(doc.get("channel", Document.class)), doc.getInteger("seq"));
            default -> throw new IllegalStateException("unknown effect type in store: " + doc.getString("type"));
        };
    }

    static Document thread(ThreadRef thread) {
        return new Document("channel", channel(thread.channel()))
                .append("root", thread.rootMessageId())
                .append("thread", thread.threadId());
    }

    static ThreadRef thread(Document doc) {
        return new ThreadRef(
                channel(doc.get("channel", Document.class)), doc.getString("root"), doc.getString("thread"));
    }

    /** A direct message the bot sent, as kept in the escalation's {@code directMessages}. */
    static Document directMessage(DirectMessageRef dm) {
        return new Document("person", dm.person().value())
                .append("seq", dm.seq())
                .append("channel", channel(dm.channel()))
                .append("message", dm.messageId());
    }

    static DirectMessageRef directMessage(Document doc) {
        return new DirectMessageRef(
                new PersonId(doc.getString("person")),
                doc.getInteger("seq"),
                channel(doc.get("channel", Document.class)),
                doc.getString("message"));
    }

    static Document channel(ChannelRef channel) {
        return new Document("platform", platform(channel.platform())).append("id", channel.channelId());
    }

    static ChannelRef channel(Document doc) {
        return new ChannelRef(platform(doc.getString("platform")), doc.getString("id"));
    }

    static String platform(Platform platform) {
        return platform.name().toLowerCase(Locale.ROOT);
    }

    private static Platform platform(String text) {
        return Platform.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private static Document brief(Brief brief) {
        return new Document()
                .append("whatIsWrong", brief.whatIsWrong().orElse(null))
                .append("impact", brief.impact().orElse(null))
                .append("tried", brief.tried().orElse(null))
                .append("helpNeeded", brief.helpNeeded().orElse(null))
                .append("decisionBy", brief.decisionBy().map(Date::from).orElse(null));
    }

    private static Brief brief(Document doc) {
        return new Brief(
                Optional.ofNullable(doc.getString("whatIsWrong")),
                Optional.ofNullable(doc.getString("impact")),
                Optional.ofNullable(doc.getString("tried")),
                Optional.ofNullable(doc.getString("helpNeeded")),
                instant(doc, "decisionBy"));
    }

    /** A chat user as before; an integration as {@code {integration: NAME}}; the bot as nothing. */
    private static @Nullable Document actor(Actor actor) {
        return switch (actor) {
            case Actor.User user -> user(user);
            case Actor.Integration integration -> new Document("integration", integration.name());
            case Actor.Bot ignored -> null;
        };
    }

    private static Actor actor(Document doc) {
        String integration = doc.getString("integration");
        return integration != null ? new Actor.Integration(integration) : user(doc);
    }

    private static Document user(Actor.User user) {
        return new Document("platform", platform(user.platform()))
                .append("user", user.account().userId())
                .append("person", user.person().map(PersonId::value).orElse(null));
    }

    private static Actor.User user(Document doc) {
        return new Actor.User(
                new ChatUser(platform(doc.getString("platform")), doc.getString("user")),
                Optional.ofNullable(doc.getString("person")).map(PersonId::new));
    }

    static Document entry(TimelineEntry entry) {
        var doc = new Document("seq", entry.seq()).append("at", Date.from(entry.at()));
        doc.append("actor", actor(entry.actor()));
        switch (entry.event()) {
            case Event.Opened opened ->
                doc.append("type", "opened")
                        .append("title", opened.title())
                        .append("severity", opened.severity().value())
                        .append("path", opened.path().value());
            case Event.Tagged tagged ->
                doc.append("type", "tagged")
                        .append("level", tagged.level())
                        .append("levelCount", tagged.levelCount())
                        .append("round", tagged.round())
                        .append(
                                "people",
                                tagged.people().stream().map(PersonId::value).toList())
                        .append("escalatesAt", Date.from(tagged.escalatesAt()));
            case Event.Acknowledged ignored -> doc.append("type", "acknowledged");
            case Event.Escalated escalated ->
                doc.append("type", "escalated")
                        .append("from", escalated.fromLevel())
                        .append("to", escalated.toLevel())
                        .append("cause", escalated.cause().name())
                        .append("reason", escalated.reason().orElse(null));
            case Event.Declined declined ->
                doc.append("type", "declined")
                        .append("reason", declined.reason().orElse(null));
            case Event.Reassigned reassigned ->
                doc.append("type", "reassigned").append("to", reassigned.to().value());
            case Event.Snoozed snoozed -> doc.append("type", "snoozed").append("until", Date.from(snoozed.until()));
            case Event.Noted noted -> doc.append("type", "note").append("text", noted.text());
            case Event.Resolved resolved ->
                doc.append("type", "resolved").append("note", resolved.note().orElse(null));
            case Event.Reopened ignored -> doc.append("type", "reopened");
            case Event.AlertFired fired ->
                doc.append("type", "alertFired")
                        .append("newAlerts", fired.newAlerts())
                        .append("told", fired.told());
            case Event.Refused refused ->
                doc.append("type", "refused")
                        .append("action", refused.action().name())
                        .append("reason", refused.reason());
            case Event.Reminder reminder ->
                doc.append("type", "reminder")
                        .append("ageSeconds", reminder.age().toSeconds());
            case Event.DecisionReminder reminder ->
                doc.append("type", "decisionReminder")
                        .append("decideBy", Date.from(reminder.decideBy()))
                        .append(
                                "people",
                                reminder.people().stream().map(PersonId::value).toList());
            case Event.NotDelivered stuck ->
                doc.append("type", "notDelivered").append(ABOUT, stuck.seq()).append("reason", stuck.reason());
            case Event.NotReached missed ->
                doc.append("type", "notReached")
                        .append("person", missed.person().value())
                        .append("platform", platform(missed.platform()))
                        .append(ABOUT, missed.seq())
                        .append("reason", missed.reason());
            case Event.NotUpdated stale ->
                doc.append("type", "notUpdated")
                        .append("person", stale.person().value())
                        .append("platform", platform(stale.platform()))
                        .append(ABOUT, stale.seq())
                        .append("reason", stale.reason());
            case Event.DeliveredLate late -> doc.append("type", "deliveredLate").append(ABOUT, late.seq());
            case Event.Dropped dropped ->
                doc.append("type", "dropped").append(ABOUT, dropped.seq()).append("reason", dropped.reason());
            case Event.Exhausted exhausted ->
                doc.append("type", "exhausted")
                        .append(
                                "fallback",
                                exhausted
                                        .fallback()
                                        .map(EscalationDocuments::channel)
                                        .orElse(null));
        }
        return doc;
    }

    private static TimelineEntry entry(Document doc) {
        Actor actor = Optional.ofNullable(doc.get("actor", Document.class))
                .map(EscalationDocuments::actor)
                .orElse(Actor.BOT);
        Event event = switch (doc.getString("type")) {
            case "opened" ->
                new Event.Opened(
                        doc.getString("title"),
                        new Severity(doc.getInteger("severity")),
                        new PathId(doc.getString("path")));
            case "tagged" ->
                new Event.Tagged(
                        doc.getInteger("level"),
                        doc.getInteger("levelCount"),
                        doc.getInteger("round"),
                        doc.getList("people", String.class).stream()
                                .map(PersonId::new)
                                .toList(),
                        doc.getDate("escalatesAt").toInstant());
            case "acknowledged" -> new Event.Acknowledged();
            case "escalated" ->
                new Event.Escalated(
                        doc.getInteger("from"),
                        doc.getInteger("to"),
                        Cause.valueOf(doc.getString("cause")),
                        Optional.ofNullable(doc.getString("reason")));
            case "declined" -> new Event.Declined(Optional.ofNullable(doc.getString("reason")));
            case "reassigned" -> new Event.Reassigned(new PersonId(doc.getString("to")));
            case "snoozed" -> new Event.Snoozed(doc.getDate("until").toInstant());
            case "note" -> new Event.Noted(doc.getString("text"));
            case "resolved" -> new Event.Resolved(Optional.ofNullable(doc.getString("note")));
            case "reopened" -> new Event.Reopened();
            case "notDelivered" -> new Event.NotDelivered(about(doc), doc.getString("reason"));
            case "notReached" ->
                new Event.NotReached(
                        new PersonId(doc.getString("person")),
                        platform(doc.getString("platform")),
                        about(doc),
                        doc.getString("reason"));
            case "notUpdated" ->
                new Event.NotUpdated(
                        new PersonId(doc.getString("person")),
                        platform(doc.getString("platform")),
                        about(doc),
                        doc.getString("reason"));
            case "deliveredLate" -> new Event.DeliveredLate(about(doc));
            case "dropped" -> new Event.Dropped(about(doc), doc.getString("reason"));
            case "alertFired" -> new Event.AlertFired(doc.getList("newAlerts", String.class), doc.getBoolean("told"));
            case "refused" -> new Event.Refused(Action.valueOf(doc.getString("action")), doc.getString("reason"));
            case "reminder" -> new Event.Reminder(Duration.ofSeconds(doc.getLong("ageSeconds")));
            case "decisionReminder" ->
                new Event.DecisionReminder(
                        doc.getDate("decideBy").toInstant(),
                        doc.getList("people", String.class).stream()
                                .map(PersonId::new)
                                .toList());
            case "exhausted" ->
                new Event.Exhausted(
                        Optional.ofNullable(doc.get("fallback", Document.class)).map(EscalationDocuments::channel));
            default ->
                throw new IllegalStateException("unknown timeline entry type in store: " + doc.getString("type"));
        };
        return new TimelineEntry(doc.getInteger("seq"), doc.getDate("at").toInstant(), actor, event);
    }

    /**
     * The entry an entry about a post is about (a tag not delivered, a person not reached), kept apart from the entry's
     * own {@code seq}. Entries written before it had a field of its own wrote it over their {@code seq}: read as such.
     */
    private static final String ABOUT = "about";

    private static int about(Document doc) {
        Integer about = doc.getInteger(ABOUT);
        return about != null ? about : doc.getInteger("seq");
    }

    private static Optional<Instant> instant(Document doc, String field) {
        return Optional.ofNullable(doc.getDate(field)).map(Date::toInstant);
    }

    static List<Document> effects(long version, List<Effect> effects) {
        var docs = new ArrayList<Document>();
        for (int i = 0; i < effects.size(); i++) {
            docs.add(effect(version + "." + i, effects.get(i), 0));
        }
        return docs;
    }
}
