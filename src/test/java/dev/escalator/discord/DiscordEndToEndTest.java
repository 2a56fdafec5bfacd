package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.ChatUser;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Inbox;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.store.Stores;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import dev.escalator.testing.FakeDiscordRest.Call;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real JDA client against a fake Discord (gateway and REST on loopback), with the bot started through the
 * production assembly on an in-memory MongoDB and a test clock: see {@link DiscordWorld}.
 */
class DiscordEndToEndTest {
    static final Instant T0 = DiscordWorld.T0;
    static final String ALICE = DiscordWorld.ALICE;
    static final String BOB = DiscordWorld.BOB;
    static final String EVE = DiscordWorld.EVE;
    static final Duration RECONNECT = Duration.ofSeconds(15);

    /** JDA reads an interaction's age from its snowflake id, so ids are made from the wall clock, as Discord does. */
    final AtomicLong interactions = new AtomicLong((System.currentTimeMillis() - 1_420_070_400_000L) << 22);

    DiscordWorld world;
    FakeDiscord.Ids ids;
    TestClock clock;
    FakeDiscordRest rest;
    FakeDiscordGateway gateway;
    Stores stores;
    DiscordBot bot;
    DeliverEffects delivery;
    FireDueSteps steps;

    @BeforeEach
    void start() throws Exception {
        world = new DiscordWorld();
        ids = world.ids;
        clock = world.clock;
        rest = world.rest;
        gateway = world.gateway;
        stores = world.stores;
        bot = world.bot;
        delivery = world.delivery;
        steps = world.steps;
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void openingBySlashCommandAnswersPrivatelyThenPostsTheRootAThreadAndTagsLevelOne() {
        String interaction = typeOpen(ALICE, "Checkout is failing");

        Call deferred = awaitCall("the deferral", call -> call.path().startsWith("/interactions/" + interaction));
        assertThat(deferred.body().getInt("type"))
                .as("deferred channel message")
                .isEqualTo(5);
        assertThat(deferred.body().getObject("data").getInt("flags") & 64)
                .as("ephemeral")
                .isEqualTo(64);
        Call answer = awaitCall("the answer", call -> call.path().endsWith("/token-" + interaction));
        assertThat(answer.content()).contains("Opened ESC-1");
        assertThat(answer.body().getInt("flags") & 64).as("ephemeral").isEqualTo(64);

        delivery.deliver(new EscalationId(1));

        Call root = rest.postsIn(ids.channel()).getFirst();
        assertThat(root.content()).contains("ESC-1", "Checkout is failing", "level 1/2");
        assertThat(root.body().getArray("components").toString())
                .contains("escalator:ack:1", "escalator:resolve:1", "escalator:up:1");
        String rootId =
                stores.escalations().thread(new EscalationId(1)).orElseThrow().rootMessageId();
        assertThat(rest.calls())
                .anyMatch(call -> call.method().equals("POST")
                        && call.path().equals("/channels/%s/messages/%s/threads".formatted(ids.channel(), rootId)));
        List<Call> thread = rest.postsIn(threadOf(1));
        assertThat(thread).as("the brief and the first tag go out as one post").hasSize(1);
        Call tag = thread.getFirst();
        assertThat(tag.content()).startsWith("No brief given").contains("<@" + ALICE + ">", "level 1/2");
        assertThat(tag.body().getString("nonce"))
                .as("the same post always has the same nonce, so Discord drops a repeat of it")
                .isEqualTo("esc1-1");
        assertThat(tag.body().getBoolean("enforce_nonce")).isTrue();
        assertThat(tag.allowedUsers()).containsExactly(ALICE);
        assertThat(tag.allowedParse()).isEmpty();
    }

    @Test
    void whenNobodyAcknowledgesInTimeLevelTwoIsTaggedInTheThread() {
        EscalationId id = openAndDeliver("Checkout is failing");

        clock.advance(Duration.ofMinutes(5));
        steps.runOnce();
        delivery.deliver(id);

        Call last = rest.postsIn(threadOf(1)).getLast();
        assertThat(last.content()).contains("<@" + BOB + ">", "level 2/2");
        assertThat(last.content()).doesNotContain("<@" + ALICE + ">");
        assertThat(last.allowedUsers()).containsExactly(BOB);
        assertThat(rest.calls())
                .as("the root message shows level 2")
                .anyMatch(
                        call -> call.method().equals("PATCH") && call.content().contains("level 2/2"));
    }

    @Test
    void aRateLimitedPostWaitsDiscordsTimeAndIsNotDropped() {
        EscalationId id = openByCommand("Checkout is failing");
        rest.rateLimitNextPost(Duration.ofSeconds(3));

        delivery.deliver(id);

        assertThat(stores.escalations().thread(id)).as("nothing posted yet").isEmpty();
        clock.advance(Duration.ofSeconds(3));
        delivery.deliver(id);
        assertThat(stores.escalations().thread(id)).isPresent();
        assertThat(rest.postsIn(threadOf(1)).getLast().content()).contains("<@" + ALICE + ">");
    }

    @Test
    void aRootPostAnswered500IsPostedOnceLater() {
        EscalationId id = openByCommand("Checkout is failing");
        rest.failNextPost(500);

        delivery.deliver(id);
        if (stores.escalations().thread(id).isEmpty()) {
            clock.advance(Duration.ofSeconds(2)); // delivery's backoff, when JDA did not retry by itself
            delivery.deliver(id);
        }

        assertThat(stores.escalations().thread(id)).isPresent();
        assertThat(rest.postsIn(ids.channel()))
                .as("the refused try, then the post")
                .hasSize(2);
        assertThat(rest.messagesKept(ids.channel())).as("one root message").isEqualTo(1);
        assertThat(rest.postsIn(threadOf(1)))
                .extracting(Call::content)
                .filteredOn(c -> c.contains("<@" + ALICE + ">"))
                .hasSize(1);
    }

    @Test
    void aTagPostedWhoseAnswerWasLostIsNotPostedTwice() {
        EscalationId id = openAndDeliver("Checkout is failing");
        rest.loseAnswerOfNextPost(502);

        clock.advance(Duration.ofMinutes(5));
        steps.runOnce();
        delivery.deliver(id);
        clock.advance(Duration.ofMinutes(1)); // delivery's backoff, when JDA did not retry by itself
        delivery.deliver(id);

        var nonces = rest.postsIn(threadOf(1)).stream()
                .filter(call -> call.content().contains("level 2/2"))
                .map(call -> call.body().getString("nonce"))
                .toList();
        assertThat(nonces).as("the same post sent again").hasSizeGreaterThanOrEqualTo(2);
        assertThat(nonces).as("with the same nonce").containsOnly(nonces.getFirst());
        assertThat(rest.messagesKept(threadOf(1)))
                .as("the brief with level 1's tag, then level 2's tag: kept once")
                .isEqualTo(2);
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofDays(1)), 10))
                .isEmpty();
    }

    @Test
    void aRetryAfterTheThreadWasRateLimitedPostsNoSecondRootMessage() {
        EscalationId id = openByCommand("Checkout is failing");
        rest.rateLimitNextThread(Duration.ofSeconds(2));

        delivery.deliver(id);
        clock.advance(Duration.ofSeconds(2));
        delivery.deliver(id);

        assertThat(rest.calls())
                .as("the thread asked for twice: rate-limited, then retried")
                .filteredOn(call -> call.path().endsWith("/threads"))
                .hasSize(2);
        assertThat(rest.postsIn(ids.channel())).as("one root message").hasSize(1);
        List<Call> thread = rest.postsIn(threadOf(1));
        assertThat(thread)
                .extracting(Call::content)
                .filteredOn(c -> c.contains("No brief given"))
                .hasSize(1);
        assertThat(thread.getLast().content()).contains("<@" + ALICE + ">");
    }

    @Test
    void aReactionOnTheRootMessageAcknowledges() {
        EscalationId id = openAndDeliver("Checkout is failing");

        react(ALICE, "👀");

        Eventually.holds("acknowledged", () -> escalation(id).status() == Status.ACKNOWLEDGED);
        assertThat(escalation(id).acknowledgedBy().orElseThrow().account().userId())
                .isEqualTo(ALICE);
    }

    @Test
    void openWithoutATitleShowsTheFormAsTheFirstAnswer() {
        String interaction = String.valueOf(interactions.incrementAndGet());

        gateway.dispatch(
                "INTERACTION_CREATE", FakeDiscord.slashCommand(ids, interaction, ALICE, "open", DataArray.empty()));

        Call callback = awaitCall("the form", call -> call.path().startsWith("/interactions/" + interaction));
        assertThat(callback.body().getInt("type")).as("modal").isEqualTo(9);
        assertThat(callback.body().getObject("data").getString("custom_id")).isEqualTo(OpenForm.ID);
        assertThat(callback.body().getObject("data").toString()).contains("\"title\"", "\"impact\"", "\"by\"");
    }

    @Test
    void insideTheThreadTheIdMayBeLeftOut() {
        EscalationId id = openAndDeliver("Checkout is failing");
        String interaction = String.valueOf(interactions.incrementAndGet());

        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        ids, FakeDiscord.thread(ids, threadOf(1)), interaction, ALICE, "ack", DataArray.empty()));

        Call answer = awaitCall("the answer", call -> call.path().endsWith("/token-" + interaction));
        assertThat(answer.content()).contains("Done", "ESC-1");
        assertThat(escalation(id).status()).isEqualTo(Status.ACKNOWLEDGED);
    }

    @Test
    void theAcknowledgeButtonAcknowledgesAndAnswersPrivately() {
        EscalationId id = openAndDeliver("Checkout is failing");
        String root = stores.escalations().thread(id).orElseThrow().rootMessageId();
        String interaction = String.valueOf(interactions.incrementAndGet());

        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.buttonPress(ids, interaction, BOB, root, "escalator:ack:1"));

        Call answer = awaitCall("the answer", call -> call.path().endsWith("/token-" + interaction));
        assertThat(answer.content()).contains("Done");
        assertThat(answer.body().getInt("flags") & 64).as("ephemeral").isEqualTo(64);
        assertThat(escalation(id).acknowledgedBy().orElseThrow().account().userId())
                .isEqualTo(BOB);
    }

    @Test
    void aButtonPressDeliveredTwiceActsAndAnswersOnce() {
        EscalationId id = openAndDeliver("Checkout is failing");
        String root = stores.escalations().thread(id).orElseThrow().rootMessageId();
        String interaction = String.valueOf(interactions.incrementAndGet());

        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.buttonPress(ids, interaction, BOB, root, "escalator:ack:1"));
        awaitCall("the answer", call -> call.path().endsWith("/token-" + interaction));
        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.buttonPress(ids, interaction, BOB, root, "escalator:ack:1"));
        world.assembled.recordedActions().runOnce();

        Eventually.holds(
                "the second delivery found recorded",
                () -> metrics()
                        .contains("escalator_inbound_events_total{outcome=\"duplicate\",platform=\"discord\"} 1.0"));
        assertThat(rest.calls().stream().filter(call -> call.path().endsWith("/token-" + interaction)))
                .hasSize(1);
        assertThat(escalation(id).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
    }

    @Test
    void aSlashCommandRecordedByAProcessThatDiedIsCarriedOutOnceByTheJob() {
        EscalationId id = openAndDeliver("Checkout is failing");
        // what a process leaves that recorded the command, deferred the reply and died before carrying it out
        var actions = world.assembled.actions();
        var entry = actions.action(
                "discord:interaction:" + interactions.incrementAndGet(),
                new ChatUser(Platform.DISCORD, BOB),
                DiscordListener.SLASH,
                Map.of("subcommand", "ack", "channel", ids.channel(), "option.id", "ESC-1"));
        assertThat(stores.inbox().record(entry, "a-process-that-died", clock.instant()))
                .isEqualTo(Inbox.Recorded.NEW);

        world.assembled.recordedActions().runOnce();
        world.assembled.recordedActions().runOnce();

        assertThat(escalation(id).status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(escalation(id).timeline())
                .filteredOn(entry2 -> entry2.event() instanceof Event.Acknowledged)
                .hasSize(1);
        assertThat(stores.inbox().unclaimed(clock.instant().plus(Duration.ofDays(1)), 10))
                .isEmpty();
    }

    @Test
    void resolvingTakesTheButtonsOffTheRootMessageAndReopeningPutsThemBack() {
        EscalationId id = openAndDeliver("Checkout is failing");
        String root = stores.escalations().thread(id).orElseThrow().rootMessageId();

        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.buttonPress(
                        ids, String.valueOf(interactions.incrementAndGet()), BOB, root, "escalator:resolve:1"));
        Eventually.holds("resolved", () -> escalation(id).status() == Status.RESOLVED);
        delivery.deliver(id);

        Call resolved = lastEditOf(root);
        assertThat(resolved.body().getArray("components").length()).isZero();

        String reopen = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        ids, reopen, BOB, "reopen", DataArray.empty().add(FakeDiscord.stringOption("id", "ESC-1"))));
        Eventually.holds("reopened", () -> escalation(id).status() == Status.OPEN);
        delivery.deliver(id);

        assertThat(lastEditOf(root).body().getArray("components").toString())
                .contains("escalator:ack:1", "escalator:resolve:1", "escalator:up:1");
    }

    @Test
    void aReactionFromSomeoneOffThePathIsRefusedAndToldInTheThreadToThemOnly() {
        EscalationId id = openAndDeliver("Checkout is failing");

        react(EVE, "👀");

        Call told = awaitPost(threadOf(1), call -> call.content().startsWith("<@" + EVE + ">"));
        assertThat(told.content()).contains("Sorry");
        assertThat(told.allowedUsers()).containsExactly(EVE);
        assertThat(escalation(id).status()).isEqualTo(Status.OPEN);
        assertThat(escalation(id).timeline()).anyMatch(entry -> entry.event() instanceof Event.Refused);
    }

    @Test
    void theSameReactionDeliveredTwiceHasOneEffect() {
        EscalationId id = openAndDeliver("Checkout is failing");

        react(ALICE, "👀");
        react(ALICE, "👀");
        Eventually.holds("acknowledged", () -> escalation(id).status() == Status.ACKNOWLEDGED);
        // a later event, to know the repeat has been through the listener too
        react(EVE, "✅");
        awaitPost(threadOf(1), call -> call.content().startsWith("<@" + EVE + ">"));

        assertThat(escalation(id).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
        assertThat(rest.postsIn(threadOf(1)))
                .as("no 'already acknowledged' answer to alice: the timeline post was her confirmation")
                .filteredOn(call -> call.content().startsWith("<@" + ALICE + ">"))
                .isEmpty();
    }

    @Test
    void aReactionAddedWhileTheSessionWasGoneIsAppliedWhenItIsRecreated() {
        EscalationId id = openAndDeliver("Checkout is failing");
        String root = stores.escalations().thread(id).orElseThrow().rootMessageId();
        rest.reacted(root, "👀", ids.bot(), ALICE);

        gateway.invalidateSession();

        // JDA waits a few seconds between two IDENTIFYs, as Discord asks
        Eventually.holds("acknowledged", RECONNECT, () -> escalation(id).status() == Status.ACKNOWLEDGED);
        assertThat(escalation(id).acknowledgedBy().orElseThrow().account().userId())
                .isEqualTo(ALICE);
    }

    @Test
    void everyoneInATitleNeverPingsAnyone() {
        String interaction = typeOpen(ALICE, "@everyone checkout is down @here");
        Call answer = awaitCall("the answer", call -> call.path().endsWith("/token-" + interaction));

        delivery.deliver(new EscalationId(1));

        Call root = rest.postsIn(ids.channel()).getFirst();
        List<Call> posted = List.of(answer, root, rest.postsIn(threadOf(1)).getLast());
        for (Call call : posted) {
            assertThat(call.content()).doesNotContain("@everyone", "@here");
            assertThat(call.allowedParse()).doesNotContain("everyone", "roles");
        }
        assertThat(root.content()).contains("@\u2060everyone checkout is down");
    }

    private String typeOpen(String userId, String title) {
        String interaction = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        ids,
                        interaction,
                        userId,
                        "open",
                        DataArray.empty().add(FakeDiscord.stringOption("title", title))));
        return interaction;
    }

    /** Opened and answered, nothing delivered yet. */
    private EscalationId openByCommand(String title) {
        String interaction = typeOpen(ALICE, title);
        awaitCall("the answer", call -> call.path().endsWith("/token-" + interaction));
        return new EscalationId(1);
    }

    private EscalationId openAndDeliver(String title) {
        EscalationId id = openByCommand(title);
        delivery.deliver(id);
        return id;
    }

    private void react(String userId, String emoji) {
        String root =
                stores.escalations().thread(new EscalationId(1)).orElseThrow().rootMessageId();
        gateway.dispatch("MESSAGE_REACTION_ADD", FakeDiscord.reaction(ids, ids.channel(), root, userId, emoji));
    }

    private Call lastEditOf(String messageId) {
        return rest.calls().stream()
                .filter(call -> call.method().equals("PATCH") && call.path().endsWith("/messages/" + messageId))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no edit of " + messageId + ": " + rest.calls()));
    }

    private String threadOf(long number) {
        return stores.escalations()
                .thread(new EscalationId(number))
                .orElseThrow()
                .threadId();
    }

    private Escalation escalation(EscalationId id) {
        return stores.escalations().find(id).orElseThrow();
    }

    @Test
    void theWeeklyDigestIsAMessageWithItsChartAttachedThatMentionsNobody() {
        // T0 is a Monday, 09:00 UTC, when the world's configuration has the digest of payments go out
        world.assembled.digests().runOnce();

        Call digest = awaitPost(ids.channel(), call -> !call.files().isEmpty());
        assertThat(digest.content()).contains("**Weekly digest · payments**");
        assertThat(digest.allowedParse()).isEmpty();
        assertThat(digest.allowedUsers()).isEmpty();
        assertThat(digest.files()).singleElement().satisfies(file -> {
            assertThat(file.fileName()).endsWith(".png");
            assertThat(java.util.Arrays.copyOf(file.data(), 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        });
    }

    private String metrics() {
        try {
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + world.assembled.httpPort() + "/metrics"))
                    .build();
            return java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }

    private Call awaitCall(String what, java.util.function.Predicate<Call> matches) {
        return Eventually.found(
                what, () -> rest.calls().stream().filter(matches).findFirst());
    }

    private Call awaitPost(String channelId, java.util.function.Predicate<Call> matches) {
        return Eventually.found(
                "a post in " + channelId,
                () -> rest.postsIn(channelId).stream().filter(matches).findFirst());
    }
}
