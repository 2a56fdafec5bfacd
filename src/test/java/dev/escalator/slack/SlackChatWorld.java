package dev.escalator.slack;

import dev.escalator.AssembledBot;
import dev.escalator.core.Action;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Platform;
import dev.escalator.scenario.ChatWorld;
import dev.escalator.testing.FakeSlackApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ChatWorld} on Slack: a {@link SlackWorld} (SPEC §2's configuration, {@code C0PAY}, fallback {@code C0LEADS})
 * driven through signed requests to the real Bolt app.
 */
public final class SlackChatWorld implements ChatWorld {
    private static final Map<String, String> ACCOUNTS = Map.of(
            "alice", SlackWorld.ALICE,
            "bob", SlackWorld.BOB,
            "stranger", SlackWorld.STRANGER,
            "reporter", SlackWorld.REPORTER);
    private static final Pattern AT_PERSON = Pattern.compile("@([a-z]+)");

    private static final List<Action> BUTTONS = List.of(Action.ACKNOWLEDGE, Action.RESOLVE, Action.ESCALATE);

    private final SlackWorld world;
    private final List<AutoCloseable> replicas = new ArrayList<>();
    private int presses;
    private boolean lastPrivate;

    private SlackChatWorld(SlackWorld world) {
        this.world = world;
    }

    public static SlackChatWorld start() throws Exception {
        return new SlackChatWorld(new SlackWorld());
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public String member() {
        return "bob";
    }

    @Override
    public String tag(String person) {
        return ACCOUNTS.containsKey(person)
                ? mention(person)
                : person + " (no Slack account and Discord is not connected)";
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
        return answered(() -> world.command(account(person), escaped(text)));
    }

    @Override
    public String typeInThread(String person, long number, String text) {
        // Slack runs slash commands in the channel, never in a thread: the id is always typed
        String[] words = text.split(" ", 2);
        return type(person, words[0] + " ESC-" + number + (words.length > 1 ? " " + words[1] : ""));
    }

    @Override
    public void react(String person, long number, String reaction) {
        world.reaction(account(person), rootTs(number), reaction);
        world.settle();
        world.deliver();
    }

    @Override
    public String press(String person, long number, Action action) {
        return answered(() -> world.press(
                account(person),
                RootMessage.actionId(action),
                new EscalationId(number),
                "1700000300.%06d".formatted(++presses)));
    }

    /** The immediate answer, or else the one the bot sent to the request's {@code response_url}. */
    private String answered(java.util.function.Supplier<java.net.http.HttpResponse<String>> request) {
        var answer = request.get();
        // this request's own response_url: an earlier one's answer, late on a loaded machine, is not this one's
        String responseUrl = world.lastResponseUrl();
        world.settle();
        world.deliver();
        String immediate = SlackWorld.text(answer);
        if (!immediate.isEmpty()) {
            lastPrivate = answer.body().contains("\"response_type\":\"ephemeral\"");
            return immediate;
        }
        var later = world.api.answersTo(responseUrl);
        if (later.isEmpty()) {
            lastPrivate = false;
            return "";
        }
        var sent = later.getLast();
        lastPrivate = "ephemeral".equals(sent.params().get("response_type"))
                && "false".equals(sent.params().get("replace_original"));
        return sent.text();
    }

    @Override
    public List<String> thread(long number) {
        String root = rootTs(number);
        return world.api.calls("chat.postMessage").stream()
                .filter(call -> root.equals(call.params().get("thread_ts")))
                .map(FakeSlackApi.Call::text)
                .toList();
    }

    @Override
    public String root(long number) {
        return String.join("\n", latestRoot(number).sectionTexts());
    }

    @Override
    public List<Action> rootButtons(long number) {
        String blocks = latestRoot(number).blocks();
        return BUTTONS.stream()
                .filter(action -> blocks.contains("\"" + RootMessage.actionId(action) + "\""))
                .toList();
    }

    private FakeSlackApi.Call latestRoot(long number) {
        String root = rootTs(number);
        return world.api.calls().stream()
                .filter(call ->
                        (call.method().equals("chat.postMessage") && call.ts().equals(root))
                                || (call.method().equals("chat.update")
                                        && root.equals(call.params().get("ts"))))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    @Override
    public List<String> everyPost() {
        return world.api.calls("chat.postMessage").stream()
                .filter(call -> SlackWorld.CHANNEL.equals(call.params().get("channel")))
                .map(FakeSlackApi.Call::text)
                .toList();
    }

    @Override
    public boolean answeredPrivately() {
        return lastPrivate;
    }

    @Override
    public String rootMessageLink(long number) {
        return FakeSlackApi.permalink(SlackWorld.CHANNEL, rootTs(number));
    }

    @Override
    public List<String> toldPrivately(String person) {
        String user = account(person);
        return world.api.calls("chat.postEphemeral").stream()
                .filter(call -> user.equals(call.params().get("user")))
                .map(FakeSlackApi.Call::text)
                .toList();
    }

    @Override
    public String directMessage(String person, long number) {
        return String.join("\n", latestDirectMessage(person, number).sectionTexts());
    }

    @Override
    public List<Action> directMessageButtons(String person, long number) {
        String blocks = latestDirectMessage(person, number).blocks();
        return DirectMessageBlocks.BUTTONS.stream()
                .filter(action -> blocks.contains("\"" + RootMessage.actionId(action) + "\""))
                .toList();
    }

    @Override
    public String pressInDirectMessage(String person, long number, Action action) {
        String message = directMessagePost(person, number).ts();
        return answered(() -> world.pressInDirectMessage(
                account(person),
                RootMessage.actionId(action),
                new EscalationId(number),
                message,
                "1700000300.%06d".formatted(++presses)));
    }

    @Override
    public void closeDirectMessages(String person) {
        world.api.refuseIn(FakeSlackApi.directMessageChannel(account(person)), "channel_not_found");
    }

    /** ESC-n's newest direct message to {@code person} as posted. */
    private FakeSlackApi.Call directMessagePost(String person, long number) {
        String headline = "ESC-" + number + " ·";
        return world.api.postsIn(FakeSlackApi.directMessageChannel(account(person))).stream()
                .filter(call -> call.text().contains(headline))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no direct message to " + person + " about ESC-" + number));
    }

    /** That message after its latest edit. */
    private FakeSlackApi.Call latestDirectMessage(String person, long number) {
        var posted = directMessagePost(person, number);
        String channel = posted.param("channel");
        return world.api.calls("chat.update").stream()
                .filter(call -> channel.equals(call.params().get("channel"))
                        && posted.ts().equals(call.params().get("ts")))
                .reduce((first, second) -> second)
                .orElse(posted);
    }

    @Override
    public List<String> fallbackAlerts() {
        return world.api.calls("chat.postMessage").stream()
                .filter(call -> "C0LEADS".equals(call.params().get("channel")))
                .map(FakeSlackApi.Call::text)
                .toList();
    }

    @Override
    public Escalation escalation(long number) {
        return world.escalation(number);
    }

    @Override
    public Replica secondReplica() throws Exception {
        AssembledBot bot = world.replica("second");
        replicas.add(bot);
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

    private String rootTs(long number) {
        return world.stores
                .escalations()
                .thread(new EscalationId(number))
                .orElseThrow(() -> new AssertionError("ESC-" + number + " has no root message yet"))
                .rootMessageId();
    }

    private static String account(String person) {
        String account = ACCOUNTS.get(person);
        if (account == null) {
            throw new IllegalArgumentException(person + " has no Slack account in this world");
        }
        return account;
    }

    /** {@code @alice} as Slack sends it with escaping on: {@code <@U0ALICE|alice>}. */
    private static String escaped(String text) {
        Matcher at = AT_PERSON.matcher(text);
        var out = new StringBuilder();
        while (at.find()) {
            String person = at.group(1);
            String replacement =
                    ACCOUNTS.containsKey(person) ? "<@" + ACCOUNTS.get(person) + "|" + person + ">" : at.group();
            at.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        at.appendTail(out);
        return out.toString();
    }
}
