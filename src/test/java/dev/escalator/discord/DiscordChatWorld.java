package dev.escalator.discord;

import dev.escalator.cli.ConfigFixtures;
import dev.escalator.config.Config;
import dev.escalator.core.Action;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.scenario.ChatWorld;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordRest;
import dev.escalator.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * {@link ChatWorld} on Discord: a {@link DiscordWorld} on SPEC §2's configuration, whose guild's text channel is the
 * one bound to {@code payments} ({@code 222222222222222222}, the path's fallback too), driven through gateway events
 * to the real JDA client.
 */
public final class DiscordChatWorld implements ChatWorld {
    static final String CHANNEL = "222222222222222222";
    private static final FakeDiscord.Ids IDS =
            new FakeDiscord.Ids("100000000000000001", "100000000000000001", "200000000000000001", CHANNEL);
    private static final Map<String, String> ACCOUNTS = Map.of(
            "alice", "111111111111111111",
            "carol", "333333333333333333",
            "stranger", "999999999999999999",
            "reporter", "888888888888888888");
    private static final Map<String, String> EMOJI =
            Map.of("eyes", "👀", "white_check_mark", "✅", "arrow_up", "⬆\uFE0F", "x", "❌");

    private final DiscordWorld world;
    private final Config config;
    private final List<AutoCloseable> replicas = new ArrayList<>();
    private boolean lastPrivate;
    private final AtomicLong interactions = FakeDiscord.interactionIds();

    private DiscordChatWorld(DiscordWorld world, Config config) {
        this.world = world;
        this.config = config;
    }

    public static DiscordChatWorld start() throws Exception {
        Config config =
                ConfigFixtures.paymentsConfig(Path.of("escalator.yml"), new ChannelRef(Platform.DISCORD, CHANNEL));
        return new DiscordChatWorld(new DiscordWorld(IDS, config, Fixtures.IN_BOBS_WEEK), config);
    }

    @Override
    public Platform platform() {
        return Platform.DISCORD;
    }

    @Override
    public String member() {
        return "carol";
    }

    @Override
    public String tag(String person) {
        return ACCOUNTS.containsKey(person)
                ? mention(person)
                : person + " (no Discord account and Slack is not connected)";
    }

    @Override
    public String mention(String person) {
        return "<@" + account(person) + ">";
    }

    @Override
    public Instant now() {
        return world.clock.instant();
    }

    @Override
    public void advance(Duration duration) {
        world.advance(duration);
    }

    @Override
    public void moveClock(Duration duration) {
        world.clock.advance(duration);
    }

    @Override
    public String type(String person, String text) {
        return slash(person, FakeDiscord.textChannel(IDS), text, true);
    }

    @Override
    public String typeInThread(String person, long number, String text) {
        return slash(
                person, FakeDiscord.thread(IDS, thread(new EscalationId(number)).threadId()), text, false);
    }

    /** Slack's free text as Discord's sub-command and options. */
    private String slash(String person, DataObject channel, String text, boolean idTyped) {
        String[] words = text.strip().split(" ");
        String sub = words[0];
        var options = DataArray.empty();
        int next = 1;
        switch (sub) {
            case "ack", "resolve", "up", "decline", "reassign", "snooze", "note", "reopen", "status", "timeline" -> {
                if (idTyped) {
                    options.add(FakeDiscord.stringOption("id", words[next++]));
                }
                String rest = String.join(" ", List.of(words).subList(Math.min(next, words.length), words.length));
                switch (sub) {
                    case "resolve" -> optional(options, "note", rest);
                    case "decline" -> optional(options, "reason", rest);
                    case "note" -> optional(options, "text", rest);
                    case "snooze" -> optional(options, "for", rest);
                    case "reassign" ->
                        options.add(FakeDiscord.stringOption("user", account(rest.replaceFirst("^@", ""))));
                    case "up" -> {
                        if (rest.startsWith("to:")) {
                            String[] level = rest.split(" ", 2);
                            options.add(FakeDiscord.stringOption("level", level[0].substring("to:".length())));
                            rest = level.length > 1 ? level[1] : "";
                        }
                        optional(options, "reason", rest);
                    }
                    default -> {}
                }
            }
            case "stats", "list", "help" -> {
                for (String word : List.of(words).subList(1, words.length)) {
                    options.add(FakeDiscord.stringOption(
                            sub.equals("list") ? "scope" : word.matches("\\d+d") ? "window" : "path", word));
                }
            }
            default -> {
                sub = "open";
                var title = new ArrayList<String>();
                for (String word : words) {
                    if (word.startsWith("sev:")) {
                        options.add(FakeDiscord.stringOption("severity", word.substring(4)));
                    } else if (word.startsWith("path:")) {
                        options.add(FakeDiscord.stringOption("path", word.substring(5)));
                    } else if (word.startsWith("by:")) {
                        options.add(FakeDiscord.stringOption("by", word.substring(3)));
                    } else {
                        title.add(word);
                    }
                }
                options.add(FakeDiscord.stringOption("title", String.join(" ", title)));
            }
        }
        String interaction = String.valueOf(interactions.incrementAndGet());
        world.gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(IDS, channel, interaction, account(person), sub, options));
        return answerTo(interaction);
    }

    private static void optional(DataArray options, String name, String value) {
        if (!value.isBlank()) {
            options.add(FakeDiscord.stringOption(name, value));
        }
    }

    @Override
    public void react(String person, long number, String reaction) {
        var id = new EscalationId(number);
        long version = escalation(number).version();
        int told = toldPrivately(person).size();
        String emoji = EMOJI.getOrDefault(reaction, reaction);
        world.gateway.dispatch(
                "MESSAGE_REACTION_ADD",
                FakeDiscord.reaction(IDS, CHANNEL, thread(id).rootMessageId(), account(person), emoji));
        Eventually.holds(
                person + "'s " + reaction + " handled",
                () -> escalation(number).version() != version
                        || toldPrivately(person).size() != told);
        world.deliver();
    }

    @Override
    public String press(String person, long number, Action action) {
        var id = new EscalationId(number);
        String interaction = String.valueOf(interactions.incrementAndGet());
        world.gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.buttonPress(
                        IDS, interaction, account(person), thread(id).rootMessageId(), ButtonIds.of(action, id)));
        return answerTo(interaction);
    }

    /**
     * The private answer to an interaction, once the bot gave it: its follow-up after a deferral, or a reply given
     * straight away (a callback with a message); what it stored is then delivered.
     */
    private String answerTo(String interaction) {
        var answer = world.awaitCall(
                "the answer to interaction " + interaction,
                call -> call.path().endsWith("/token-" + interaction)
                        || (call.path().endsWith("/token-" + interaction + "/callback")
                                && call.body().getInt("type", 0) == 4));
        world.deliver();
        DataObject message = answer.path().endsWith("/callback") ? answer.body().getObject("data") : answer.body();
        lastPrivate = message.hasKey("flags") && (message.getInt("flags") & 64) == 64;
        return message.getString("content", "");
    }

    @Override
    public List<String> thread(long number) {
        return world.rest.postsIn(thread(new EscalationId(number)).threadId()).stream()
                .map(FakeDiscordRest.Call::content)
                .toList();
    }

    @Override
    public String root(long number) {
        return latestRoot(number).content();
    }

    @Override
    public List<Action> rootButtons(long number) {
        DataObject body = latestRoot(number).body();
        if (!body.hasKey("components") || body.isNull("components")) {
            return List.of();
        }
        String components = body.getArray("components").toString();
        return List.of(Action.ACKNOWLEDGE, Action.RESOLVE, Action.ESCALATE).stream()
                .filter(action -> components.contains("\"" + ButtonIds.of(action, new EscalationId(number)) + "\""))
                .toList();
    }

    private FakeDiscordRest.Call latestRoot(long number) {
        String root = thread(new EscalationId(number)).rootMessageId();
        String headline = " ESC-" + number + " · ";
        return world.rest.calls().stream()
                .filter(call -> (call.method().equals("PATCH") && call.path().endsWith("/messages/" + root))
                        || (call.method().equals("POST")
                                && call.path().equals("/channels/" + CHANNEL + "/messages")
                                && call.content().startsWith("**")
                                && call.content().contains(headline)))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no root message of ESC-" + number));
    }

    @Override
    public List<String> everyPost() {
        var dms = ACCOUNTS.values().stream()
                .flatMap(user -> world.rest.directMessagesWith(user).stream())
                .toList();
        return world.rest.calls().stream()
                .filter(call -> call.method().equals("POST")
                        && call.path().matches("/channels/\\d+/messages")
                        && !dms.contains(call.path().split("/")[2]))
                .map(FakeDiscordRest.Call::content)
                .toList();
    }

    @Override
    public boolean answeredPrivately() {
        return lastPrivate;
    }

    @Override
    public String rootMessageLink(long number) {
        return "https://discord.com/channels/%s/%s/%s"
                .formatted(
                        IDS.guild(), CHANNEL, thread(new EscalationId(number)).rootMessageId());
    }

    @Override
    public List<String> toldPrivately(String person) {
        return world.rest
                .directMessagesWith(account(person))
                .map(channel -> world.rest.postsIn(channel).stream()
                        .map(FakeDiscordRest.Call::content)
                        .toList())
                .orElse(List.of());
    }

    @Override
    public String directMessage(String person, long number) {
        return latestDirectMessage(person, number).content();
    }

    @Override
    public List<Action> directMessageButtons(String person, long number) {
        DataObject body = latestDirectMessage(person, number).body();
        if (!body.hasKey("components") || body.isNull("components")) {
            return List.of();
        }
        String components = body.getArray("components").toString();
        return List.of(Action.ACKNOWLEDGE, Action.DECLINE).stream()
                .filter(action ->
                        components.contains("\"" + ButtonIds.ofDirectMessage(action, new EscalationId(number)) + "\""))
                .toList();
    }

    @Override
    public String pressInDirectMessage(String person, long number, Action action) {
        String channel = directMessageChannel(person);
        String message = directMessageId(person, number);
        String interaction = String.valueOf(interactions.incrementAndGet());
        world.gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.directMessageButtonPress(
                        IDS,
                        interaction,
                        account(person),
                        channel,
                        message,
                        ButtonIds.ofDirectMessage(action, new EscalationId(number))));
        return answerTo(interaction);
    }

    @Override
    public void closeDirectMessages(String person) {
        world.rest.refuseDirectMessagesTo(account(person));
    }

    private String directMessageChannel(String person) {
        return world.rest
                .directMessagesWith(account(person))
                .orElseThrow(() -> new AssertionError("no direct messages to " + person));
    }

    /** ESC-n's newest direct message to {@code person} as posted. */
    private FakeDiscordRest.Call directMessagePost(String person, long number) {
        String headline = " ESC-" + number + " · ";
        return world.rest.postsIn(directMessageChannel(person)).stream()
                .filter(call -> call.content().contains(headline))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no direct message to " + person + " about ESC-" + number));
    }

    private String directMessageId(String person, long number) {
        String channel = directMessageChannel(person);
        return world.rest
                .messageIdByContent(channel, directMessagePost(person, number).content())
                .orElseThrow(() -> new AssertionError("Discord keeps no direct message to " + person));
    }

    /** That message after its latest edit. */
    private FakeDiscordRest.Call latestDirectMessage(String person, long number) {
        String edits = "/channels/" + directMessageChannel(person) + "/messages/" + directMessageId(person, number);
        return world.rest.calls().stream()
                .filter(call -> call.method().equals("PATCH") && call.path().equals(edits))
                .reduce((first, second) -> second)
                .orElse(directMessagePost(person, number));
    }

    @Override
    public List<String> fallbackAlerts() {
        return world.rest.postsIn(CHANNEL).stream()
                .map(FakeDiscordRest.Call::content)
                .filter(content -> !content.startsWith("**"))
                .toList();
    }

    @Override
    public Escalation escalation(long number) {
        return world.stores.escalations().find(new EscalationId(number)).orElseThrow();
    }

    @Override
    public Replica secondReplica() throws Exception {
        var replica = world.replica("second", config);
        replicas.add(replica);
        var bot = replica.bot();
        return new Replica() {
            @Override
            public void fireDueSteps() {
                bot.steps().runOnce();
            }

            @Override
            public void deliver() {
                for (EscalationId id : bot.stores().outbox().waiting(world.clock.instant(), 100)) {
                    bot.delivery().deliver(id);
                }
            }
        };
    }

    @Override
    public void fireDueSteps() {
        world.steps.runOnce();
    }

    @Override
    public void deliver() {
        world.deliver();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable replica : replicas) {
            replica.close();
        }
        world.close();
    }

    private ThreadRef thread(EscalationId id) {
        return world.thread(id.number());
    }

    private static String account(String person) {
        String account = ACCOUNTS.get(person);
        if (account == null) {
            throw new IllegalArgumentException(person + " has no Discord account in this world");
        }
        return account;
    }
}
