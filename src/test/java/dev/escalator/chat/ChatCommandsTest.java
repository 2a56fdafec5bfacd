package dev.escalator.chat;

import static dev.escalator.testing.Fixtures.PAYMENTS_CHANNEL;
import static dev.escalator.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.ChannelBinding;
import dev.escalator.config.Config;
import dev.escalator.config.Reactions;
import dev.escalator.core.Action;
import dev.escalator.core.Actor;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import dev.escalator.core.Status;
import dev.escalator.core.Transitions;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.CuttableProxy;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests as people make them in chat, through the real desk and store, answered privately. */
class ChatCommandsTest {
    static final ChatUser ALICE = new ChatUser(Platform.SLACK, "U0ALICE");
    static final ChatUser BOB = new ChatUser(Platform.SLACK, "U0BOB");
    static final ChatUser DAVE = new ChatUser(Platform.SLACK, "U0DAVE");
    static final ChatUser STRANGER = new ChatUser(Platform.SLACK, "U0STRANGER");
    static final ChannelRef UNBOUND = new ChannelRef(Platform.SLACK, "C0RANDOM");

    final TestClock clock = new TestClock(T0);
    final AtomicInteger wakeups = new AtomicInteger();
    InMemoryMongo server;
    CuttableProxy proxy;
    StoreConnection connection;
    Stores stores;
    ChatCommands commands;

    @BeforeEach
    void start() throws Exception {
        server = new InMemoryMongo();
        proxy = new CuttableProxy(server.port());
        connection = StoreConnection.connect("mongodb://127.0.0.1:" + proxy.port() + "/escalator");
        stores = Stores.over(connection, clock);
        var config = new Config(
                Fixtures.payments(),
                List.of(new ChannelBinding(PAYMENTS_CHANNEL, Fixtures.PAYMENTS)),
                Reactions.DEFAULT,
                Path.of("escalator.yml"));
        var desk = new EscalationDesk(
                stores.escalations(), new Transitions(config.directory()), clock, change -> wakeups.incrementAndGet());
        commands = new ChatCommands(config, desk, stores.escalations(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        proxy.close();
        server.close();
    }

    @Test
    void openingInABoundChannelUsesItsPathAndSaysWhatHappens() {
        String answer = say(STRANGER, "Checkout is failing sev:2");

        assertThat(answer).contains("Opened ESC-1").contains("`payments`");
        Escalation opened = stored(1);
        assertThat(opened.severity()).isEqualTo(new Severity(2));
        assertThat(opened.reporter())
                .isInstanceOfSatisfying(
                        Actor.User.class, by -> assertThat(by.account()).isEqualTo(STRANGER));
        assertThat(wakeups).hasValue(1);
    }

    @Test
    void openingInAnUnboundChannelAsksForAPathAndNamesTheKnownOnes() {
        var answer = commands.handle(CommandLine.parse("Checkout is failing"), STRANGER, UNBOUND, Optional.empty());

        assertThat(text(answer)).contains("not bound").contains("path:NAME").contains("payments");
        assertThat(stores.escalations().find(new EscalationId(1))).isEmpty();
    }

    @Test
    void aDecisionDeadlineGoesIntoTheBrief() {
        say(STRANGER, "DB down by:4h");

        assertThat(stored(1).brief().decisionBy()).contains(T0.plus(Duration.ofHours(4)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"by:400d", "by:99999w", "by:+999999999-12-31T23:59:59Z", "by:2999-01-01T00:00Z"})
    void aFarFutureDecisionIsAnsweredClearlyAndUsesUpNoId(String by) {
        String refused = say(STRANGER, "DB down " + by);
        String opened = say(STRANGER, "DB down by:4h");

        assertThat(refused).contains("more than 366 days ahead", "Nothing was opened");
        assertThat(opened).as("the next opening gets the first id").contains("Opened ESC-1");
    }

    @Test
    void aKnownPersonInAnotherChannelMaySeeAnEscalationAndAStrangerThereMayNot() {
        say(STRANGER, "Secret merger talks leaked");

        String known = text(commands.handle(CommandLine.parse("status ESC-1"), ALICE, UNBOUND, Optional.empty()));
        String stranger = text(commands.handle(CommandLine.parse("status ESC-1"), STRANGER, UNBOUND, Optional.empty()));

        assertThat(known).contains("Secret merger");
        assertThat(stranger).doesNotContain("Secret merger").contains("ESC-1");
    }

    @Test
    void theEmptyCommandAsksForTheForm() {
        assertThat(commands.handle(CommandLine.parse(""), STRANGER, PAYMENTS_CHANNEL, Optional.empty()))
                .isInstanceOf(Answer.ShowForm.class);
    }

    @Test
    void aSubmittedFormOpensWithItsBrief() {
        var form = new FormInput(
                "DB down",
                Optional.of("502s"),
                Optional.of("no checkouts"),
                Optional.empty(),
                Optional.of("a DBA"),
                Optional.of("2h"),
                Optional.of("1"),
                Optional.empty());

        String answer = text(commands.submit(form, STRANGER, PAYMENTS_CHANNEL));

        assertThat(answer).contains("Opened ESC-1");
        Escalation opened = stored(1);
        assertThat(opened.brief().impact()).contains("no checkouts");
        assertThat(opened.brief().decisionBy()).contains(T0.plus(Duration.ofHours(2)));
        assertThat(opened.severity()).isEqualTo(new Severity(1));
    }

    @Test
    void aFormWithABadSeverityIsRefusedWithoutOpening() {
        var form = new FormInput(
                "DB down",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("7"),
                Optional.empty());

        assertThat(text(commands.submit(form, STRANGER, PAYMENTS_CHANNEL))).contains("Severity is 1");
        assertThat(stores.escalations().find(new EscalationId(1))).isEmpty();
    }

    @Test
    void acknowledgingByCommandStopsEscalationAndAnsweringAgainIsFriendly() {
        say(STRANGER, "Checkout is failing");

        assertThat(say(BOB, "ack ESC-1")).contains("acknowledged by <@U0BOB>");
        assertThat(stored(1).status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(say(ALICE, "ack ESC-1")).contains("already acknowledged");
    }

    @Test
    void someoneOffThePathIsRefusedPrivatelyAndTheRefusalIsRecorded() {
        say(STRANGER, "Checkout is failing");

        String answer = say(DAVE, "resolve ESC-1");

        assertThat(answer).startsWith("Sorry,").contains("payments");
        Escalation stored = stored(1);
        assertThat(stored.status()).isEqualTo(Status.OPEN);
        assertThat(stored.timeline().getLast().event()).isInstanceOf(Event.Refused.class);
    }

    @Test
    void anUnknownIdGetsASpecificAnswerAndChangesNothing() {
        say(STRANGER, "Checkout is failing");
        Escalation before = stored(1);

        assertThat(say(BOB, "ack ESC-99")).contains("no escalation ESC-99");

        assertThat(stored(1)).isEqualTo(before);
        assertThat(stores.escalations().find(new EscalationId(99))).isEmpty();
        assertThat(stores.escalations().find(new EscalationId(2))).isEmpty();
    }

    @Test
    void aCommandWithoutAnIdInsideAThreadActsOnThatThreadsEscalation() {
        say(STRANGER, "Checkout is failing");

        var answer = commands.handle(
                new ChatRequest.Acknowledge(Optional.empty()), BOB, PAYMENTS_CHANNEL, Optional.of(new EscalationId(1)));

        assertThat(text(answer)).contains("acknowledged");
        assertThat(commands.handle(
                        new ChatRequest.Acknowledge(Optional.empty()), BOB, PAYMENTS_CHANNEL, Optional.empty()))
                .isEqualTo(new Answer.Text("Which escalation? Write it as `/escalate ack ESC-12`."));
    }

    @Test
    void reassigningByMentionTagsThatPerson() {
        say(STRANGER, "Checkout is failing");

        say(ALICE, "reassign ESC-1 <@U0BOB|bob>");

        assertThat(stored(1).tagged()).containsExactly(Fixtures.BOB);
        assertThat(say(ALICE, "reassign ESC-1 <@U0NOBODY>")).contains("not a person in Escalator's configuration");
    }

    @Test
    void statusTimelineAndListAnswerWithWhatThePersonNeeds() {
        say(STRANGER, "Checkout is failing <!here>");
        say(STRANGER, "Search is slow");
        say(BOB, "note ESC-1 looking");

        assertThat(say(BOB, "status ESC-1"))
                .contains("ESC-1")
                .contains("level 1/3")
                .contains("Next: escalates at")
                .doesNotContain("<!here>");
        assertThat(say(BOB, "timeline ESC-1")).contains("opened ESC-1").contains("📝 <@U0BOB>: looking");
        assertThat(say(BOB, "list")).contains("ESC-1").contains("ESC-2");
        assertThat(say(STRANGER, "list mine")).contains("ESC-1").contains("ESC-2");
        assertThat(say(DAVE, "list mine")).isEqualTo("Nothing open that you reported or are tagged on.");
    }

    @Test
    void aNoteLongerThanTheTimelineKeepsIsCutAndItsAuthorToldSo() {
        say(STRANGER, "Checkout is failing");

        String answer = say(BOB, "note ESC-1 " + "x".repeat(20_000));

        assertThat(answer).startsWith("Done").contains("Your note was cut to its first 2,000 characters");
        var noted = (Event.Noted) stored(1).timeline().getLast().event();
        assertThat(noted.text()).hasSize(2_000);
        assertThat(say(BOB, "note ESC-1 short")).doesNotContain("cut");
    }

    @Test
    void statsCountWhatWasOpenedInTheWindow() {
        say(STRANGER, "Checkout is failing");
        clock.advance(Duration.ofMinutes(3));
        say(BOB, "ack ESC-1");
        clock.advance(Duration.ofMinutes(57));
        say(BOB, "resolve ESC-1 fixed");

        assertThat(say(BOB, "stats payments 7d"))
                .contains("`payments`: 1 escalation")
                .contains("acknowledge median 3m")
                .contains("resolve median 1h");
        assertThat(say(BOB, "stats nosuchpath")).contains("There is no path `nosuchpath`");
    }

    @Test
    void aReactionOnABotMessageActsAndOtherReactionsAreIgnored() {
        say(STRANGER, "Checkout is failing");
        deliverRootAs("1700000000.000100");

        assertThat(commands.react(BOB, "1700000000.000100", "tada")).isEmpty();
        assertThat(commands.react(BOB, "1699999999.000000", "eyes")).isEmpty();
        assertThat(commands.react(BOB, "1700000000.000100", "eyes")).isPresent();
        assertThat(stored(1).status()).isEqualTo(Status.ACKNOWLEDGED);
    }

    @Test
    void buttonsDoTheirAction() {
        say(STRANGER, "Checkout is failing");

        commands.press(BOB, new EscalationId(1), Action.ESCALATE);

        assertThat(stored(1).level()).isEqualTo(2);
    }

    @Test
    void whenTheStoreIsDownTheAnswerSaysTryAgainAndNothingIsHalfDone() {
        proxy.cut();

        String answer = say(STRANGER, "Checkout is failing");

        assertThat(answer).contains("cannot record this right now").contains("try again");
        proxy.restore();
        assertThat(stores.escalations().find(new EscalationId(1))).isEmpty();
    }

    @Test
    void helpListsEverySubCommand() {
        assertThat(say(STRANGER, "help"))
                .contains("ack ESC-12")
                .contains("snooze ESC-12 30m")
                .contains("stats");
    }

    private void deliverRootAs(String ts) {
        var parcel = stores.outbox()
                .claim(new EscalationId(1), "test", clock.instant(), Duration.ofMinutes(1))
                .orElseThrow();
        stores.outbox()
                .delivered(
                        new EscalationId(1),
                        "test",
                        List.of(parcel.effects().getFirst().id()),
                        Platform.SLACK,
                        Optional.of(new dev.escalator.core.ThreadRef(PAYMENTS_CHANNEL, ts, ts)),
                        Optional.empty(),
                        clock.instant().plusSeconds(60));
    }

    private String say(ChatUser user, String text) {
        return text(commands.handle(CommandLine.parse(text), user, PAYMENTS_CHANNEL, Optional.empty()));
    }

    private Escalation stored(long number) {
        return stores.escalations().find(new EscalationId(number)).orElseThrow();
    }

    private static String text(Answer answer) {
        assertThat(answer).isInstanceOf(Answer.Text.class);
        return ((Answer.Text) answer).text();
    }
}
