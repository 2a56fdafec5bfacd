package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Actor;
import dev.escalator.core.Cause;
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
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real JDA client against a fake Discord (gateway and REST on loopback), with the bot started through the
 * production assembly on an in-memory MongoDB and a test clock: see {@link DiscordWorld}. What every platform does with
 * people's actions is in the scenario suite ({@code dev.escalator.scenario}), run on Slack and on Discord; here is
 * what is Discord's own (interactions, threads, allowed mentions, rate limits, reconnects).
 */
class DiscordEndToEndTest {
    static final Instant T0 = DiscordWorld.T0;
    static final String ALICE = DiscordWorld.ALICE;
    static final String BOB = DiscordWorld.BOB;
    static final String EVE = DiscordWorld.EVE;
    static final Duration RECONNECT = Duration.ofSeconds(15);

    final AtomicLong interactions = FakeDiscord.interactionIds();

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

        Call deferred = world.awaitCall("the deferral", call -> call.path().startsWith("/interactions/" + interaction));
        assertThat(deferred.body().getInt("type"))
                .as("deferred channel message")
                .isEqualTo(5);
        assertThat(deferred.body().getObject("data").getInt("flags") & 64)
                .as("ephemeral")
                .isEqualTo(64);
        Call answer = world.awaitAnswer(interaction);
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
        List<Call> thread = rest.postsIn(world.thread(1).threadId());
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

        Call last = rest.postsIn(world.thread(1).threadId()).getLast();
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
        assertThat(rest.postsIn(world.thread(1).threadId()).getLast().content()).contains("<@" + ALICE + ">");
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
        assertThat(rest.postsIn(world.thread(1).threadId()))
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

        var nonces = rest.postsIn(world.thread(1).threadId()).stream()
                .filter(call -> call.content().contains("level 2/2"))
                .map(call -> call.body().getString("nonce"))
                .toList();
        assertThat(nonces).as("the same post sent again").hasSizeGreaterThanOrEqualTo(2);
        assertThat(nonces).as("with the same nonce").containsOnly(nonces.getFirst());
        assertThat(rest.messagesKept(world.thread(1).threadId()))
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
        List<Call> thread = rest.postsIn(world.thread(1).threadId());
        assertThat(thread)
                .extracting(Call::content)
                .filteredOn(c -> c.contains("No brief given"))
                .hasSize(1);
        assertThat(thread.getLast().content()).contains("<@" + ALICE + ">");
    }

    @Test
    void openWithEveryChoiceTypedShowsTheModalAsTheFirstAnswer() {
        String interaction = String.valueOf(interactions.incrementAndGet());

        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        ids,
                        interaction,
                        ALICE,
                        "open",
                        DataArray.empty()
                                .add(FakeDiscord.stringOption("severity", "2"))
                                .add(FakeDiscord.stringOption("by", "4h"))));

        Call callback = world.awaitCall("the form", call -> call.path().startsWith("/interactions/" + interaction));
        assertThat(callback.body().getInt("type")).as("modal").isEqualTo(9);
        assertThat(callback.body().getObject("data").getString("custom_id")).startsWith(OpenForm.MODAL);
        assertThat(callback.body().getObject("data").toString())
                .contains("\"title\"", "\"wrong\"", "\"impact\"", "\"tried\"", "\"help\"");
    }

    @Test
    void openWithoutATitleShowsTheFormsFirstPagePrivately() {
        String interaction = String.valueOf(interactions.incrementAndGet());

        gateway.dispatch(
                "INTERACTION_CREATE", FakeDiscord.slashCommand(ids, interaction, ALICE, "open", DataArray.empty()));

        Call callback = world.awaitCall("the form", call -> call.path().startsWith("/interactions/" + interaction));
        assertThat(callback.body().getInt("type")).as("a message").isEqualTo(4);
        DataObject data = callback.body().getObject("data");
        assertThat(data.getInt("flags") & 64).as("ephemeral").isEqualTo(64);
        assertThat(data.getArray("components").toString())
                .contains("escalator-form:severity:", "escalator-form:by:", "Write the brief")
                .as("the channel is bound to a path: the form does not ask for one")
                .doesNotContain("escalator-form:path:");
    }

    @Test
    void theFormAsksWhatTheSlackModalAsksAndOpensWithTheWholeBrief() {
        String command = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE", FakeDiscord.slashCommand(ids, command, ALICE, "open", DataArray.empty()));
        world.awaitCall("the first page", call -> call.path().startsWith("/interactions/" + command));

        String severity = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.stringSelect(
                        ids, severity, ALICE, "700000000000000001", "escalator-form:severity:3||", "1"));
        Call updated = world.awaitCall("the page again", call -> call.path().startsWith("/interactions/" + severity));
        assertThat(updated.body().getInt("type")).as("the message updated").isEqualTo(7);
        String by = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.stringSelect(ids, by, ALICE, "700000000000000001", "escalator-form:by:1||", "4h"));
        Call again = world.awaitCall("the page again", call -> call.path().startsWith("/interactions/" + by));
        assertThat(again.body().getObject("data").getArray("components").toString())
                .contains("escalator-form:write:1|4h|");

        String write = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.buttonPress(ids, write, ALICE, "700000000000000001", "escalator-form:write:1|4h|"));
        Call modal = world.awaitCall("the modal", call -> call.path().startsWith("/interactions/" + write));
        assertThat(modal.body().getInt("type")).isEqualTo(9);
        String modalId = modal.body().getObject("data").getString("custom_id");

        String submit = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.modalSubmit(
                        ids,
                        submit,
                        ALICE,
                        modalId,
                        java.util.Map.of(
                                "title", "Checkout is failing",
                                "wrong", "502s on card payments",
                                "impact", "no card sales",
                                "tried", "rolled back the deploy",
                                "help", "a DBA")));
        Call answer = world.awaitAnswer(submit);

        assertThat(answer.content()).contains("Opened ESC-1");
        Escalation opened = world.escalation(new EscalationId(1));
        assertThat(opened.severity().value()).isEqualTo(1);
        assertThat(opened.brief().whatIsWrong()).contains("502s on card payments");
        assertThat(opened.brief().impact()).contains("no card sales");
        assertThat(opened.brief().tried()).contains("rolled back the deploy");
        assertThat(opened.brief().helpNeeded()).contains("a DBA");
        assertThat(opened.brief().decisionBy()).contains(T0.plus(Duration.ofHours(4)));
    }

    @Test
    void whileTheStoreIsAwayAButtonPressAndAFormSubmissionAreAnsweredTryAgain() {
        EscalationId id = openAndDeliver("Checkout is failing");
        String root = stores.escalations().thread(id).orElseThrow().rootMessageId();
        world.storeLink.cut();

        String press = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.buttonPress(ids, press, BOB, root, "escalator:ack:1"));
        String submit = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.modalSubmit(
                        ids, submit, ALICE, OpenForm.MODAL + "3||", java.util.Map.of("title", "Refunds are stuck")));

        for (String interaction : List.of(press, submit)) {
            Call answer = Eventually.found(
                    "the answer to " + interaction + "; calls: " + rest.calls(),
                    Duration.ofSeconds(15),
                    () -> rest.calls().stream()
                            .filter(call -> call.path().startsWith("/interactions/" + interaction))
                            .findFirst());
            DataObject data = answer.body().getObject("data");
            assertThat(data.getString("content")).contains("try again");
            assertThat(data.getInt("flags") & 64).as("ephemeral").isEqualTo(64);
        }
    }

    @Test
    void aButtonPressDeliveredTwiceActsAndAnswersOnce() {
        EscalationId id = openAndDeliver("Checkout is failing");
        String root = stores.escalations().thread(id).orElseThrow().rootMessageId();
        String interaction = String.valueOf(interactions.incrementAndGet());

        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.buttonPress(ids, interaction, BOB, root, "escalator:ack:1"));
        world.awaitAnswer(interaction);
        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.buttonPress(ids, interaction, BOB, root, "escalator:ack:1"));
        world.assembled.recordedActions().runOnce();

        Eventually.holds(
                "the second delivery found recorded",
                () -> metrics()
                        .contains("escalator_inbound_events_total{outcome=\"duplicate\",platform=\"discord\"} 1.0"));
        assertThat(rest.calls().stream().filter(call -> call.path().endsWith("/token-" + interaction)))
                .hasSize(1);
        assertThat(world.escalation(id).timeline())
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

        assertThat(world.escalation(id).status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(world.escalation(id).timeline())
                .filteredOn(entry2 -> entry2.event() instanceof Event.Acknowledged)
                .hasSize(1);
        assertThat(stores.inbox().unclaimed(clock.instant().plus(Duration.ofDays(1)), 10))
                .isEmpty();
    }

    @Test
    void aReactionFromSomeoneOffThePathIsRefusedAndToldByDirectMessageNeverInTheThread() {
        EscalationId id = openAndDeliver("Checkout is failing");
        int threadPosts = rest.postsIn(world.thread(1).threadId()).size();

        react(EVE, "👀");

        Call told = awaitDirectMessage(EVE);
        assertThat(told.content()).contains("Sorry");
        assertThat(told.allowedUsers()).isEmpty();
        assertThat(told.allowedParse()).isEmpty();
        assertThat(world.escalation(id).status()).isEqualTo(Status.OPEN);
        assertThat(world.escalation(id).timeline()).anyMatch(entry -> entry.event() instanceof Event.Refused);
        assertThat(rest.postsIn(world.thread(1).threadId()))
                .as("nothing public in the thread")
                .hasSize(threadPosts);
        assertThat(rest.postsIn(ids.channel())).as("nor in the channel").hasSize(1);
    }

    @Test
    void theSameReactionDeliveredTwiceHasOneEffect() {
        EscalationId id = openAndDeliver("Checkout is failing");

        react(ALICE, "👀");
        react(ALICE, "👀");
        Eventually.holds("acknowledged", () -> world.escalation(id).status() == Status.ACKNOWLEDGED);
        // a later event, to know the repeat has been through the listener too
        react(EVE, "✅");
        awaitDirectMessage(EVE);

        assertThat(world.escalation(id).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Acknowledged)
                .hasSize(1);
        // alice has a direct message from the bot, her tag's (SPEC §11), but no answer to the repeat
        assertThat(rest.directMessagesWith(ALICE).map(rest::postsIn).orElse(List.of()))
                .as("no 'already acknowledged' answer to alice: the timeline post was her confirmation")
                .extracting(Call::content)
                .noneMatch(text -> text.contains("already"));
    }

    @Test
    void aReactionAddedWhileTheSessionWasGoneIsAppliedWhenItIsRecreated() {
        EscalationId id = openAndDeliver("Checkout is failing");
        String root = stores.escalations().thread(id).orElseThrow().rootMessageId();
        rest.reacted(root, "👀", ids.bot(), ALICE);

        gateway.invalidateSession();

        // JDA waits a few seconds between two IDENTIFYs, as Discord asks
        Eventually.holds("acknowledged", RECONNECT, () -> world.escalation(id).status() == Status.ACKNOWLEDGED);
        assertThat(((Actor.User) world.escalation(id).acknowledgedBy().orElseThrow())
                        .account()
                        .userId())
                .isEqualTo(ALICE);
    }

    @Test
    void aPastNoOpReactionIsNotReplayedAfterAReconnect() {
        EscalationId id = openAndDeliver("Checkout is failing");
        String root = stores.escalations().thread(id).orElseThrow().rootMessageId();
        press(BOB, root, "escalator:resolve:1");
        Eventually.holds("resolved by bob", () -> world.escalation(id).status() == Status.RESOLVED);
        react(ALICE, "✅"); // a harmless no-op: it is resolved already, as a direct message tells her
        // alice is tagged at level 1, so her direct messages hold the tag's too: wait for the answer itself
        awaitDirectMessage(ALICE, "ESC-1 is already resolved");
        typeBy(BOB, "reopen", "ESC-1");
        Eventually.holds("reopened", () -> world.escalation(id).status() == Status.OPEN);
        // alice's ✅ is still on the message, and eve's ❌, made while the bot was away, is the last one read
        rest.reacted(root, "✅", ids.bot(), ALICE);
        rest.reacted(root, "❌", ids.bot(), EVE);

        gateway.invalidateSession();

        Eventually.found(
                "eve's refusal, told by direct message after the reconnect",
                RECONNECT,
                () -> rest.directMessagesWith(EVE)
                        .flatMap(dm -> rest.postsIn(dm).stream().findFirst()));
        assertThat(world.escalation(id).status())
                .as("alice's old ✅ resolves nothing now")
                .isEqualTo(Status.OPEN);
        assertThat(world.escalation(id).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Resolved)
                .hasSize(1);
    }

    @Test
    void theSameEmojiRemovedAndAddedAgainActsAgain() {
        EscalationId id = openAndDeliver("Checkout is failing");
        react(ALICE, "✅");
        Eventually.holds("resolved", () -> world.escalation(id).status() == Status.RESOLVED);
        typeBy(BOB, "reopen", "ESC-1");
        Eventually.holds("reopened", () -> world.escalation(id).status() == Status.OPEN);

        unreact(ALICE, "✅");
        react(ALICE, "✅");

        Eventually.holds("resolved again", () -> world.escalation(id).status() == Status.RESOLVED);
        assertThat(world.escalation(id).timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Resolved)
                .hasSize(2);
    }

    @Test
    void anEmojiSentWithoutItsVariationSelectorIsOneReactionWithItsOtherForm() {
        EscalationId id = openAndDeliver("Checkout is failing");
        react(ALICE, "⬆"); // some clients send ⬆️ without U+FE0F, the form the reconciliation reads
        Eventually.holds("escalated", () -> world.escalation(id).level() == 2);

        unreact(ALICE, "⬆\uFE0F");
        react(ALICE, "⬆");

        // at the last level, escalating exhausts the path, which the answer says; dropped as seen, nothing would be
        // said
        Eventually.holds(
                "the reaction added again handled, and answered privately",
                () -> rest.directMessagesWith(ALICE).stream()
                        .flatMap(dm -> rest.postsIn(dm).stream())
                        .anyMatch(post -> post.content().contains("exhausted at level 2/2")));
        assertThat(world.escalation(id).timeline())
                .filteredOn(entry ->
                        entry.event() instanceof Event.Escalated escalated && escalated.cause() == Cause.MANUAL)
                .hasSize(1);
    }

    @Test
    void aPersonOutsideTheConfigurationInAnotherChannelGetsNoTitle() {
        openAndDeliver("Secret merger talks leaked");
        var elsewhere = new FakeDiscord.Ids(ids.bot(), ids.application(), ids.guild(), "500000000000000002");
        gateway.dispatch("CHANNEL_CREATE", FakeDiscord.textChannel(elsewhere));

        List<String> answers = new java.util.ArrayList<>();
        for (var request : List.of(List.of("status", "ESC-1"), List.of("timeline", "ESC-1"), List.of("list", ""))) {
            String interaction = String.valueOf(interactions.incrementAndGet());
            var options = DataArray.empty();
            if (!request.get(1).isEmpty()) {
                options.add(FakeDiscord.stringOption("id", request.get(1)));
            }
            gateway.dispatch(
                    "INTERACTION_CREATE",
                    FakeDiscord.slashCommand(
                            ids, FakeDiscord.textChannel(elsewhere), interaction, EVE, request.get(0), options));
            answers.add(world.awaitAnswer(interaction).content());
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain("Secret merger"));
        assertThat(answers.getFirst()).contains("ESC-1", "configuration");
    }

    @Test
    void anInteractionFromAnotherServerIsRefusedPolitelyAndOpensNothing() {
        var stranger = new FakeDiscord.Ids(ids.bot(), ids.application(), "700000000000000001", "700000000000000002");
        gateway.dispatch("GUILD_CREATE", FakeDiscord.guild(stranger));
        String interaction = String.valueOf(interactions.incrementAndGet());

        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        stranger,
                        interaction,
                        ALICE,
                        "open",
                        DataArray.empty().add(FakeDiscord.stringOption("title", "From elsewhere"))));

        Call refusal = world.awaitCall("the refusal", call -> call.path().startsWith("/interactions/" + interaction));
        assertThat(refusal.body().getInt("type"))
                .as("a message, not a deferral")
                .isEqualTo(4);
        assertThat(refusal.body().getObject("data").getString("content")).contains("does not serve this server");
        assertThat(refusal.body().getObject("data").getInt("flags") & 64)
                .as("ephemeral")
                .isEqualTo(64);
        assertThat(stores.escalations().find(new EscalationId(1))).isEmpty();
    }

    @Test
    void everyoneInATitleNeverPingsAnyone() {
        String interaction = typeOpen(ALICE, "@everyone checkout is down @here");
        Call answer = world.awaitAnswer(interaction);

        delivery.deliver(new EscalationId(1));

        Call root = rest.postsIn(ids.channel()).getFirst();
        List<Call> posted =
                List.of(answer, root, rest.postsIn(world.thread(1).threadId()).getLast());
        for (Call call : posted) {
            assertThat(call.content()).doesNotContain("@everyone", "@here");
            assertThat(call.allowedParse()).doesNotContain("everyone", "roles");
        }
        assertThat(root.content()).contains("@\u2060everyone checkout is down");
    }

    @Test
    void aLongTimelineAnswerKeepsItsNewestEntriesWithinDiscordsLimit() {
        openAndDeliver("Checkout is failing");
        for (int n = 1; n <= 40; n++) {
            String note = String.valueOf(interactions.incrementAndGet());
            gateway.dispatch(
                    "INTERACTION_CREATE",
                    FakeDiscord.slashCommand(
                            ids,
                            note,
                            ALICE,
                            "note",
                            DataArray.empty()
                                    .add(FakeDiscord.stringOption(
                                            "text", "note number %02d %s".formatted(n, "x".repeat(100))))
                                    .add(FakeDiscord.stringOption("id", "ESC-1"))));
            world.awaitAnswer(note);
        }

        String interaction = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        ids,
                        interaction,
                        ALICE,
                        "timeline",
                        DataArray.empty().add(FakeDiscord.stringOption("id", "ESC-1"))));
        Call answer = world.awaitAnswer(interaction);

        assertThat(answer.content().length()).isLessThanOrEqualTo(2000);
        assertThat(answer.content()).contains("note number 40").doesNotContain("note number 01");
        assertThat(answer.content().lines().findFirst().orElseThrow()).matches("… \\d+ earlier entries not shown");
    }

    @Test
    void helpAndHintsOnDiscordAreWrittenInDiscordsSyntax() {
        String help = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.slashCommand(ids, help, ALICE, "help", DataArray.empty()));
        String ack = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.slashCommand(ids, ack, ALICE, "ack", DataArray.empty()));

        assertThat(world.awaitAnswer(help).content())
                .contains("`/escalate ack id:ESC-12`", "`/escalate reassign id:ESC-12 user:@someone`");
        assertThat(world.awaitAnswer(ack).content())
                .isEqualTo("Which escalation? Write it as `/escalate ack id:ESC-12`.");
    }

    @Test
    void aLongBriefIsShortenedInTheThreadAndTheFirstTagStillGoesOut() {
        String submit = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.modalSubmit(
                        ids,
                        submit,
                        ALICE,
                        OpenForm.MODAL + "3||",
                        java.util.Map.of(
                                "title", "Checkout is failing",
                                "wrong", "w".repeat(1000),
                                "impact", "i".repeat(1000),
                                "tried", "t".repeat(1000),
                                "help", "h".repeat(1000))));
        world.awaitAnswer(submit);

        delivery.deliver(new EscalationId(1));

        // JDA refuses to send a message over Discord's 2,000 characters, as Discord would: an uncut post never arrives
        List<Call> posts = rest.postsIn(world.thread(1).threadId());
        assertThat(posts)
                .as("the thread's first post, the brief cut to 2,000 characters")
                .isNotEmpty();
        Call post = posts.getFirst();
        assertThat(post.content().length()).isLessThanOrEqualTo(2000);
        assertThat(post.content()).startsWith("**What is wrong:** www").contains("…\n🔔 <@" + ALICE + ">", "level 1/2");
        assertThat(post.allowedUsers()).containsExactly(ALICE);
    }

    private Call awaitDirectMessage(String userId) {
        return Eventually.found(
                "a direct message to " + userId,
                () -> rest.directMessagesWith(userId)
                        .flatMap(dm -> rest.postsIn(dm).stream().findFirst()));
    }

    private Call awaitDirectMessage(String userId, String saying) {
        return Eventually.found(
                "a direct message to " + userId + " saying " + saying,
                () -> rest.directMessagesWith(userId)
                        .flatMap(dm -> rest.postsIn(dm).stream()
                                .filter(post -> post.content().contains(saying))
                                .findFirst()));
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
        world.awaitAnswer(interaction);
        return new EscalationId(1);
    }

    private EscalationId openAndDeliver(String title) {
        EscalationId id = openByCommand(title);
        delivery.deliver(id);
        return id;
    }

    private void press(String userId, String root, String button) {
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.buttonPress(ids, String.valueOf(interactions.incrementAndGet()), userId, root, button));
    }

    private void typeBy(String userId, String subcommand, String id) {
        String interaction = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        ids,
                        interaction,
                        userId,
                        subcommand,
                        DataArray.empty().add(FakeDiscord.stringOption("id", id))));
        world.awaitAnswer(interaction);
    }

    private void unreact(String userId, String emoji) {
        String root =
                stores.escalations().thread(new EscalationId(1)).orElseThrow().rootMessageId();
        var removed = FakeDiscord.reaction(ids, ids.channel(), root, userId, emoji);
        removed.remove("member");
        removed.remove("message_author_id");
        gateway.dispatch("MESSAGE_REACTION_REMOVE", removed);
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

    @Test
    void theWeeklyDigestIsAMessageWithItsChartAttachedThatMentionsNobody() {
        // T0 is a Monday, 10:00 UTC, when the world's configuration has the digest of payments go out
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

    private Call awaitPost(String channelId, java.util.function.Predicate<Call> matches) {
        return Eventually.found(
                "a post in " + channelId,
                () -> rest.postsIn(channelId).stream().filter(matches).findFirst());
    }
}
