package dev.escalator.chat;

import dev.escalator.config.Config;
import dev.escalator.core.Action;
import dev.escalator.core.Actor;
import dev.escalator.core.Audience;
import dev.escalator.core.Brief;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Command;
import dev.escalator.core.Directory;
import dev.escalator.core.DurationFormat;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.EscalationTimes;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Overriding;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.RotationId;
import dev.escalator.core.Severity;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.core.Transitions;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.schedule.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Slack and Discord share once a request is decoded: mapping the user to a person, the channel to a path, the
 * request to a core command or a query, and the outcome to a private answer. Every bad input gets a specific answer;
 * nothing here throws for user input, and a store outage becomes "try again".
 */
public final class ChatCommands {
    /** A decision deadline that is not ahead; {@code %s} is when it was. */
    private static final String PAST_DECISION =
            "\"Decision needed by\" (`by:`) is already past (%s): give a time ahead,"
                    + " e.g. `by:4h` or `by:2026-11-24T17:00Z`. Nothing was opened.";

    /**
     * What a user is told when the store cannot be reached or does not answer in time. A write that timed out may
     * still have been stored, so it does not claim that nothing changed.
     */
    public static final String UNAVAILABLE =
            "Escalator cannot record this right now (its store is unreachable or did not answer in time). If it was"
                    + " a change, it may have been stored anyway: check with `/escalate status`, then try again in a"
                    + " minute.";

    private static final Logger log = LoggerFactory.getLogger(ChatCommands.class);

    static final int LIST_LIMIT = 25;
    static final int STATS_LIMIT = 50_000;

    private static final Pattern MENTION = Pattern.compile("<@!?([A-Za-z0-9]+)(?:\\|[^>]*)?>");

    private final Config config;
    private final EscalationDesk desk;
    private final EscalationStore store;
    private final Clock clock;
    private final RootLinks links;

    /** Commands whose {@code status} answers carry no link to the root message. */
    public ChatCommands(Config config, EscalationDesk desk, EscalationStore store, Clock clock) {
        this(config, desk, store, clock, new RootLinks(store));
    }

    /** {@code links}: where {@code status} finds the link to the escalation's root message. */
    public ChatCommands(Config config, EscalationDesk desk, EscalationStore store, Clock clock, RootLinks links) {
        this.config = config;
        this.desk = desk;
        this.store = store;
        this.clock = clock;
        this.links = links;
    }

    /**
     * These commands, carrying out the action recorded in the inbox under {@code key} (see {@link
     * EscalationDesk#carryingOut}): whatever they store records the key in the same write, so doing it again is safe.
     */
    public ChatCommands carryingOut(String key) {
        return new ChatCommands(config, desk.carryingOut(key), store, clock, links);
    }

    /**
     * A slash command by {@code user} in {@code channel}; {@code context} is the escalation whose thread it was typed
     * in, which stands in for an id left out.
     */
    public Answer handle(ChatRequest request, ChatUser user, ChannelRef channel, Optional<EscalationId> context) {
        return fit(answer(request, user, channel, context), user.platform());
    }

    private Answer answer(ChatRequest request, ChatUser user, ChannelRef channel, Optional<EscalationId> context) {
        Actor.User actor = actor(user);
        Narrator narrator = narrator(user);
        try {
            return switch (request) {
                case ChatRequest.OpenForm ignored -> new Answer.ShowForm();
                case ChatRequest.Open open ->
                    open(
                            open.title(),
                            Brief.EMPTY,
                            open.severity(),
                            open.path(),
                            open.by().map(by -> by.at(clock.instant())),
                            actor,
                            channel,
                            narrator);
                case ChatRequest.Acknowledge r ->
                    act(r.id(), context, SubCommand.ACK, id -> new Command.Acknowledge(actor), narrator);
                case ChatRequest.Resolve r ->
                    act(r.id(), context, SubCommand.RESOLVE, id -> new Command.Resolve(actor, r.note()), narrator);
                case ChatRequest.Escalate r ->
                    act(
                            r.id(),
                            context,
                            SubCommand.UP,
                            id -> new Command.Escalate(actor, r.toLevel(), r.reason()),
                            narrator);
                case ChatRequest.Decline r ->
                    act(r.id(), context, SubCommand.DECLINE, id -> new Command.Decline(actor, r.reason()), narrator);
                case ChatRequest.Snooze r ->
                    act(r.id(), context, SubCommand.SNOOZE, id -> new Command.Snooze(actor, r.duration()), narrator);
                case ChatRequest.Note r -> note(r, actor, channel, context, narrator);
                case ChatRequest.Reopen r ->
                    act(r.id(), context, SubCommand.REOPEN, id -> new Command.Reopen(actor), narrator);
                case ChatRequest.Reassign r -> reassign(r, user, actor, context, narrator);
                case ChatRequest.Status r ->
                    read(
                            r.id(),
                            context,
                            SubCommand.STATUS,
                            user.platform(),
                            actor,
                            channel,
                            e -> narrator.status(e, links.of(e)));
                case ChatRequest.Timeline r ->
                    read(
                            r.id(),
                            context,
                            SubCommand.TIMELINE,
                            user.platform(),
                            actor,
                            channel,
                            e -> TextLimit.messageOn(user.platform()).newestLast(narrator.timelineLines(e)));
                case ChatRequest.ListEscalations r -> list(r.scope(), actor, channel, narrator);
                case ChatRequest.Stats r -> stats(r);
                case ChatRequest.Help ignored -> new Answer.Text(Usage.help(user.platform(), config.reactions()));
                case ChatRequest.OnCall r ->
                    new Answer.Text(new OnCallReport(directory(), Markup.of(user.platform()))
                            .answer(r.name(), clock.instant(), desk.overrides().notOverAt(clock.instant())));
                case ChatRequest.OverrideRotation r -> override(r, user, actor);
                case ChatRequest.Invalid invalid -> new Answer.Text(invalid.message());
            };
        } catch (StoreUnavailableException e) {
            return new Answer.Text(UNAVAILABLE);
        }
    }

    /** The form was submitted. */
    public Answer submit(FormInput form, ChatUser user, ChannelRef channel) {
        return fit(opened(form, user, channel), user.platform());
    }

    private Answer opened(FormInput form, ChatUser user, ChannelRef channel) {
        Optional<FormProblem> problem = check(form);
        if (problem.isPresent()) {
            return new Answer.Text(problem.get().message());
        }
        Optional<Severity> severity = form.severity().flatMap(ChatCommands::severity);
        Optional<Instant> decisionBy = form.decisionBy().flatMap(this::decisionBy);
        var brief = new Brief(form.whatIsWrong(), form.impact(), form.tried(), form.helpNeeded(), Optional.empty());
        try {
            return open(
                    form.title(),
                    brief,
                    severity,
                    form.path().map(PathId::new),
                    decisionBy,
                    actor(user),
                    channel,
                    narrator(user));
        } catch (StoreUnavailableException e) {
            return new Answer.Text(UNAVAILABLE);
        }
    }

    /**
     * The paths a form opened in {@code channel} asks to choose from, by name: none where the channel is bound to a
     * path (SPEC §6: the form asks for a path only where the channel has none).
     */
    public List<PathId> pathsToAsk(ChannelRef channel) {
        if (config.pathFor(channel).isPresent()) {
            return List.of();
        }
        return directory().paths().keySet().stream()
                .sorted(java.util.Comparator.comparing(PathId::value))
                .toList();
    }

    /**
     * The first field of a submitted form that cannot be used as typed, so a platform whose form can show it (a Slack
     * modal) can keep the form open with the message next to that field. {@link #submit} answers the same message.
     */
    public Optional<FormProblem> check(FormInput form) {
        if (form.severity().isPresent() && severity(form.severity().get()).isEmpty()) {
            return Optional.of(new FormProblem(
                    FormInput.Field.SEVERITY,
                    "Severity is 1 (worst) to 4; got `%s`."
                            .formatted(form.severity().get())));
        }
        if (form.decisionBy().isPresent() && decisionBy(form.decisionBy().get()).isEmpty()) {
            return Optional.of(new FormProblem(
                    FormInput.Field.DECISION_BY,
                    "\"Decision needed by\" takes a duration like `4h` or a time like `2026-11-24T17:00Z`; got `%s`."
                            .formatted(form.decisionBy().get())));
        }
        Optional<Instant> decisionBy = form.decisionBy().flatMap(this::decisionBy);
        if (decisionBy.isPresent() && !decisionBy.get().isAfter(clock.instant())) {
            return Optional.of(new FormProblem(
                    FormInput.Field.DECISION_BY,
                    PAST_DECISION.formatted(decisionBy.get().toString())));
        }
        return Optional.empty();
    }

    private static Optional<Severity> severity(String typed) {
        return Optional.of(typed)
                .filter(s -> s.matches("[1-4]"))
                .map(Integer::parseInt)
                .flatMap(Severity::of);
    }

    private Optional<Instant> decisionBy(String typed) {
        ChatRequest parsed = CommandLine.parse("x by:" + typed.strip().replace(' ', 'T'));
        if (!(parsed instanceof ChatRequest.Open open)) {
            return Optional.empty();
        }
        return open.by().map(by -> by.at(clock.instant()));
    }

    /**
     * A reaction on a message the bot posted; empty when it means nothing to the bot (another emoji, another message),
     * so the adapter stays silent.
     */
    public Optional<Answer> react(ChatUser user, String messageId, String reaction) {
        Optional<Action> action = config.reactions().actionFor(reaction);
        if (action.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<EscalationId> id = store.findByMessage(user.platform(), messageId);
            return id.map(found -> press(user, found, action.get()));
        } catch (StoreUnavailableException e) {
            return Optional.of(new Answer.Text(UNAVAILABLE));
        }
    }

    /** Whether {@code reaction} means an action in the configuration: only those are recorded and carried out. */
    public boolean isAction(String reaction) {
        return config.reactions().actionFor(reaction).isPresent();
    }

    /** A button (or a reaction already traced to its escalation): acknowledge, resolve, escalate or decline. */
    public Answer press(ChatUser user, EscalationId id, Action action) {
        Actor.User actor = actor(user);
        Command command = switch (action) {
            case ACKNOWLEDGE -> new Command.Acknowledge(actor);
            case RESOLVE -> new Command.Resolve(actor, Optional.empty());
            case ESCALATE -> new Command.Escalate(actor, OptionalInt.empty(), Optional.empty());
            case DECLINE -> new Command.Decline(actor, Optional.empty());
            default -> throw new IllegalArgumentException("no button for " + action);
        };
        return fit(answer(desk.act(id, command), narrator(user)), user.platform());
    }

    /** Every answer fits one private message on the platform it goes to (SPEC §6), straight HTTP answers included. */
    private static Answer fit(Answer answer, Platform platform) {
        return switch (answer) {
            case Answer.Text text ->
                new Answer.Text(TextLimit.messageOn(platform).cut(text.text()));
            case Answer.ShowForm form -> form;
        };
    }

    private Answer open(
            String title,
            Brief brief,
            Optional<Severity> severity,
            Optional<PathId> path,
            Optional<Instant> decisionBy,
            Actor.User reporter,
            ChannelRef channel,
            Narrator narrator) {
        Optional<PathId> chosen = path.or(() -> config.pathFor(channel));
        if (chosen.isEmpty() && directConversation(channel)) {
            return new Answer.Text(
                    "A direct message follows no escalation path. Name one with `path:NAME` (known: %s): the"
                                    .formatted(knownPaths())
                            + " escalation is then posted in that path's channel.");
        }
        if (chosen.isEmpty()) {
            return new Answer.Text(
                    "This channel is not bound to an escalation path. Name one with `path:NAME` (known: %s),"
                                    .formatted(knownPaths())
                            + " or bind the channel under `channels:` in the configuration.");
        }
        if (directory().path(chosen.get()).isEmpty()) {
            return new Answer.Text("There is no path `%s` (known: %s).".formatted(chosen.get(), knownPaths()));
        }
        ChannelRef home = channel;
        if (directConversation(channel)) {
            // only its two members see a direct conversation, so nobody tagged would see the thread (and in one
            // between two people the bot cannot post at all): the escalation lives in its path's channel
            Optional<ChannelRef> bound = boundChannel(chosen.get(), channel.platform());
            if (bound.isEmpty()) {
                return new Answer.Text(
                        "No channel is bound to path `%s`, so an escalation opened from a direct message would have"
                                        .formatted(chosen.get())
                                + " nowhere to be posted. Open it in a channel, or bind one to the path under"
                                + " `channels:` in the configuration.");
            }
            home = bound.get();
        }
        if (decisionBy.isPresent() && !decisionBy.get().isAfter(clock.instant())) {
            // a deadline typed in the past is a typo (the year, the day): reminders for it could never come
            return new Answer.Text(PAST_DECISION.formatted(narrator.markup().time(decisionBy.get())));
        }
        Brief withDeadline = decisionBy.map(brief::withDecisionBy).orElse(brief);
        var request =
                new OpenRequest(title, withDeadline, severity.orElse(Severity.DEFAULT), chosen.get(), reporter, home);
        Reply reply = desk.open(request);
        if (reply instanceof Reply.Opened opened && !home.equals(channel)) {
            return new Answer.Text("Opened %s on path `%s` in <#%s>; level %d is being tagged in its thread."
                    .formatted(
                            opened.escalation().id(),
                            opened.escalation().path(),
                            home.channelId(),
                            opened.escalation().level()));
        }
        return answer(reply, narrator);
    }

    /** A conversation between people, not a channel: Slack gives it an id starting with D. */
    private static boolean directConversation(ChannelRef channel) {
        return channel.platform() == Platform.SLACK && channel.channelId().startsWith("D");
    }

    /** The channel bound to {@code path}, one on {@code platform} if there is one. */
    private Optional<ChannelRef> boundChannel(PathId path, Platform platform) {
        return config.channels().stream()
                .filter(binding -> binding.path().equals(path))
                .map(dev.escalator.config.ChannelBinding::channel)
                .filter(channel -> channel.platform() == platform)
                .findFirst()
                .or(() -> config.channelFor(path));
    }

    private Answer act(
            Optional<EscalationId> id,
            Optional<EscalationId> context,
            SubCommand sub,
            java.util.function.Function<EscalationId, Command> command,
            Narrator narrator) {
        Optional<EscalationId> target = id.or(() -> context);
        if (target.isEmpty()) {
            return new Answer.Text(whichEscalation(sub, narrator.markup().platform()));
        }
        return answer(desk.act(target.get(), command.apply(target.get())), narrator);
    }

    /** A note longer than the timeline keeps is cut there ({@link Transitions#cut}); its author hears so. */
    private Answer reassign(
            ChatRequest.Reassign r,
            ChatUser user,
            Actor.User actor,
            Optional<EscalationId> context,
            Narrator narrator) {
        Optional<PersonId> to = personNamed(r.who(), user);
        if (to.isEmpty()) {
            return new Answer.Text(
                    "%s is not a person in Escalator's configuration; reassign to someone listed under `people:` (%s)."
                            .formatted(
                                    SafeText.neutralise(r.who(), user.platform()),
                                    directory().people().keySet().stream()
                                            .map(PersonId::value)
                                            .sorted()
                                            .collect(Collectors.joining(", "))));
        }
        return act(r.id(), context, SubCommand.REASSIGN, id -> new Command.Reassign(actor, to.get()), narrator);
    }

    private Answer read(
            Optional<EscalationId> id,
            Optional<EscalationId> context,
            SubCommand sub,
            Platform platform,
            Actor.User actor,
            ChannelRef channel,
            java.util.function.Function<Escalation, String> render) {
        Optional<EscalationId> target = id.or(() -> context);
        if (target.isEmpty()) {
            return new Answer.Text(whichEscalation(sub, platform));
        }
        return store.find(target.get())
                .<Answer>map(e -> Audience.maySee(e, actor, channel)
                        ? new Answer.Text(render.apply(e))
                        : new Answer.Text(hidden(e.id(), "see")))
                .orElseGet(() -> new Answer.Text(notFound(target.get(), platform)));
    }

    /**
     * A note from outside the escalation's channel needs a person in the configuration ({@link Audience}): the core
     * refuses a stranger's, and records the refusal, as it is told where the note was typed.
     */
    private Answer note(
            ChatRequest.Note r,
            Actor.User actor,
            ChannelRef channel,
            Optional<EscalationId> context,
            Narrator narrator) {
        Optional<EscalationId> id = r.id().or(() -> context);
        var note = new Command.Note(actor, r.text(), Optional.of(channel));
        if (id.isEmpty()) {
            return act(id, context, SubCommand.NOTE, ignored -> note, narrator);
        }
        Reply reply = desk.act(id.get(), note);
        Answer answer = answer(reply, narrator);
        if (reply instanceof Reply.Done && r.text().strip().length() > Transitions.LONGEST_NOTE) {
            return new Answer.Text(((Answer.Text) answer).text()
                    + " Your note was cut to its first %,d characters (the most a note keeps); put the rest in a document and note its link."
                            .formatted(Transitions.LONGEST_NOTE));
        }
        return answer;
    }

    /**
     * SPEC §5 {@code override}: the core decides whether it may be done; a granted override is stored (so every later
     * rotation lookup sees it) and logged, and the answer says who is on call now.
     */
    private Answer override(ChatRequest.OverrideRotation r, ChatUser user, Actor.User actor) {
        Optional<PersonId> who = personNamed(r.who(), user);
        if (who.isEmpty()) {
            return new Answer.Text("%s is not a person in Escalator's configuration; name someone listed under"
                            .formatted(SafeText.neutralise(r.who(), user.platform()))
                    + " `people:`. " + Usage.writeItAs(SubCommand.OVERRIDE, user.platform()));
        }
        Instant now = clock.instant();
        var rotation = new RotationId(r.rotation());
        return switch (Overriding.decide(directory(), actor, rotation, who.get(), r.length(), now)) {
            case Overriding.Decision.Denied denied ->
                new Answer.Text(SafeText.neutralise(denied.problem().message(), user.platform()));
            case Overriding.Decision.Granted granted -> {
                desk.overrides().add(granted.override());
                log.info(
                        "override: {} on call in {} until {}, set by {} ({} user {})",
                        granted.override().person(),
                        rotation,
                        granted.override().until(),
                        granted.override().setBy(),
                        user.platform().displayName(),
                        user.userId());
                var report = new OnCallReport(directory(), Markup.of(user.platform()));
                yield new Answer.Text("Done: %s is on call in `%s` for %s. Now: %s"
                        .formatted(
                                who.get(),
                                rotation,
                                DurationFormat.format(r.length()),
                                report.line(
                                        directory().rotation(rotation).orElseThrow(),
                                        now,
                                        desk.overrides().notOverAt(now))));
            }
        };
    }

    /** Says no without the title or anything else of the escalation. */
    private static String hidden(EscalationId id, String verb) {
        return ("Sorry, %s belongs to another channel, and your account is not in Escalator's configuration: only"
                        + " people in it can %s it from here. Use its own channel, or ask an admin to add you to"
                        + " `people:`.")
                .formatted(id, verb);
    }

    private Answer list(ChatRequest.Scope scope, Actor.User actor, ChannelRef channel, Narrator narrator) {
        Instant now = clock.instant();
        List<Escalation> found = switch (scope) {
            case CHANNEL -> store.find(EscalationQuery.unresolved(LIST_LIMIT).inChannel(channel));
            case ALL -> store.find(EscalationQuery.unresolved(LIST_LIMIT));
            case MINE -> store.find(EscalationQuery.unresolved(LIST_LIMIT).involving(actor));
            case STALE ->
                // only those at least the shortest stale_after old can be stale (the reminder calls one stale at
                // exactly its stale_after, so the bound is inclusive); each path's own limit decides
                store
                        .find(EscalationQuery.unresolved(STATS_LIMIT)
                                .openedBefore(now.minus(shortestStaleAfter()).plusMillis(1)))
                        .stream()
                        .filter(e -> !e.openedAt().plus(staleAfter(e.path())).isAfter(now))
                        .limit(LIST_LIMIT)
                        .toList();
        };
        if (actor.person().isEmpty()) {
            // a stranger sees only what the channel they type in shows anyway
            found = found.stream()
                    .filter(e -> Audience.maySee(e, actor, channel))
                    .toList();
        }
        if (found.isEmpty() && actor.person().isEmpty() && scope != ChatRequest.Scope.CHANNEL) {
            return new Answer.Text("Nothing open that you can see from here: outside its own channel, an escalation"
                    + " is shown only to people in Escalator's configuration.");
        }
        if (found.isEmpty()) {
            return new Answer.Text(
                    switch (scope) {
                        case CHANNEL -> "No open escalations in this channel.";
                        case MINE -> "Nothing open that you reported or are tagged on.";
                        case ALL -> "No open escalations anywhere.";
                        case STALE -> "Nothing stale.";
                    });
        }
        return new Answer.Text(TextLimit.messageOn(actor.platform())
                .newestFirst(found.stream().map(narrator::listLine).toList()));
    }

    private Answer stats(ChatRequest.Stats request) {
        Instant now = clock.instant();
        if (request.path().isPresent() && directory().path(request.path().get()).isEmpty()) {
            return new Answer.Text("There is no path `%s` (known: %s)."
                    .formatted(request.path().get(), knownPaths()));
        }
        var query = EscalationQuery.openedBetween(now.minus(request.window()), now.plusMillis(1), STATS_LIMIT);
        List<EscalationTimes> opened =
                store.times(request.path().map(query::onPath).orElse(query));
        return new Answer.Text(StatsReport.render(StatsReport.compute(opened), request.window()));
    }

    private Answer answer(Reply reply, Narrator narrator) {
        return new Answer.Text(
                switch (reply) {
                    case Reply.Opened opened ->
                        "Opened %s on path `%s`; level %d is being tagged in its thread."
                                .formatted(
                                        opened.escalation().id(),
                                        opened.escalation().path(),
                                        opened.escalation().level());
                    case Reply.Done done ->
                        "Done: " + narrator.facts(done.escalation()) + " ("
                                + done.escalation().id() + ").";
                    case Reply.Refused refused -> "Sorry, " + refused.reason();
                    case Reply.Rejected rejected -> rejected.problem().message();
                    case Reply.NotFound notFound ->
                        notFound(notFound.id(), narrator.markup().platform());
                    case Reply.Unavailable ignored -> UNAVAILABLE;
                });
    }

    private Optional<PersonId> personNamed(String who, ChatUser user) {
        var mention = MENTION.matcher(who.strip());
        if (mention.matches()) {
            return directory().personFor(new ChatUser(user.platform(), mention.group(1)));
        }
        String name = who.strip().replaceFirst("^@", "");
        return directory().person(new PersonId(name)).map(p -> p.id());
    }

    private Actor.User actor(ChatUser user) {
        return new Actor.User(user, directory().personFor(user));
    }

    private Narrator narrator(ChatUser user) {
        return new Narrator(directory(), config.reactions(), Markup.of(user.platform()));
    }

    private Duration shortestStaleAfter() {
        return directory().paths().values().stream()
                .map(Path::staleAfter)
                .min(Duration::compareTo)
                .orElse(Path.DEFAULT_STALE_AFTER);
    }

    private Duration staleAfter(PathId path) {
        return directory().path(path).map(Path::staleAfter).orElse(Path.DEFAULT_STALE_AFTER);
    }

    private String knownPaths() {
        return directory().paths().keySet().stream().map(PathId::value).sorted().collect(Collectors.joining(", "));
    }

    private static String whichEscalation(SubCommand sub, Platform platform) {
        return "Which escalation? " + Usage.writeItAs(sub, platform);
    }

    private static String notFound(EscalationId id, Platform platform) {
        return "There is no escalation %s. `%s` shows the open ones."
                .formatted(id, Usage.typed(SubCommand.LIST, platform, java.util.Map.of("scope", "all")));
    }

    private Directory directory() {
        return config.directory();
    }
}
