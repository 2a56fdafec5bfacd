package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Actor;
import dev.escalator.core.Cause;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Status;
import dev.escalator.delivery.DeliverEffects;
import dev.escalator.store.Stores;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC §2 and §7 on Discord: each Unicode reaction (👀 ✅ ⬆️ ❌) and each root-message button, by someone on the path
 * (alice, level 1), does its own action. The real JDA client against the fake Discord, as in {@link
 * DiscordEndToEndTest}.
 */
class EveryActionOnDiscordTest {
    static final String ALICE = DiscordWorld.ALICE;

    /** What a person on the path can do, the reaction and button that do it, and what the store then holds. */
    enum Act {
        ACKNOWLEDGE("👀", "ack", e -> {
            assertThat(e.status()).isEqualTo(Status.ACKNOWLEDGED);
            assertThat(((Actor.User) e.acknowledgedBy().orElseThrow()).account().userId())
                    .isEqualTo(ALICE);
        }),
        RESOLVE("✅", "resolve", e -> {
            assertThat(e.status()).isEqualTo(Status.RESOLVED);
        }),
        ESCALATE("⬆\uFE0F", "up", e -> {
            assertThat(e.status()).isEqualTo(Status.OPEN);
            assertThat(e.level()).isEqualTo(2);
            assertThat(e.timeline())
                    .anyMatch(entry ->
                            entry.event() instanceof Event.Escalated escalated && escalated.cause() == Cause.MANUAL);
            assertThat(e.timeline()).noneMatch(entry -> entry.event() instanceof Event.Declined);
        }),
        DECLINE("❌", null, e -> {
            assertThat(e.status()).isEqualTo(Status.OPEN);
            assertThat(e.level()).isEqualTo(2);
            assertThat(e.timeline()).anyMatch(entry -> entry.event() instanceof Event.Declined);
        });

        final String emoji;
        /** The root message's button for it; declining has none (SPEC §6: Acknowledge / Resolve / Escalate). */
        final String button;

        final Consumer<Escalation> done;

        Act(String emoji, String button, Consumer<Escalation> done) {
            this.emoji = emoji;
            this.button = button;
            this.done = done;
        }

        /** Done, as far as the store can tell: the status or the level moved. */
        boolean happened(Escalation e) {
            return e.status() != Status.OPEN || e.level() != 1;
        }
    }

    static final EscalationId ESC_1 = new EscalationId(1);

    /** JDA reads an interaction's age from its snowflake id, so ids are made from the wall clock, as Discord does. */
    final AtomicLong interactions = new AtomicLong((System.currentTimeMillis() - 1_420_070_400_000L) << 22);

    DiscordWorld world;
    FakeDiscord.Ids ids;
    FakeDiscordRest rest;
    FakeDiscordGateway gateway;
    Stores stores;
    DeliverEffects delivery;
    String root;

    @BeforeEach
    void startAndOpenOne() throws Exception {
        world = new DiscordWorld(); // the bot as main wires it; payments: alice at level 1, bob at level 2
        ids = world.ids;
        rest = world.rest;
        gateway = world.gateway;
        stores = world.stores;
        delivery = world.delivery;

        String interaction = String.valueOf(interactions.incrementAndGet());
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.slashCommand(
                        ids,
                        interaction,
                        ALICE,
                        "open",
                        DataArray.empty().add(FakeDiscord.stringOption("title", "Checkout is failing"))));
        awaitCall(call -> call.path().endsWith("/token-" + interaction));
        delivery.deliver(ESC_1);
        root = stores.escalations().thread(ESC_1).orElseThrow().rootMessageId();
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @ParameterizedTest
    @EnumSource(Act.class)
    void eachReactionBySomeoneOnThePathDoesItsOwnAction(Act act) {
        gateway.dispatch("MESSAGE_REACTION_ADD", FakeDiscord.reaction(ids, ids.channel(), root, ALICE, act.emoji));

        Eventually.holds(act + " done", () -> act.happened(escalation()));
        act.done.accept(escalation());
    }

    @ParameterizedTest
    @EnumSource(
            value = Act.class,
            names = {"DECLINE"},
            mode = EnumSource.Mode.EXCLUDE)
    void eachButtonPressedBySomeoneOnThePathDoesItsOwnAction(Act act) {
        String interaction = String.valueOf(interactions.incrementAndGet());

        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.buttonPress(ids, interaction, ALICE, root, ButtonIds.of(actionOf(act), ESC_1)));

        awaitCall(call -> call.path().endsWith("/token-" + interaction));
        act.done.accept(escalation());
    }

    private static dev.escalator.core.Action actionOf(Act act) {
        return switch (act) {
            case ACKNOWLEDGE -> dev.escalator.core.Action.ACKNOWLEDGE;
            case RESOLVE -> dev.escalator.core.Action.RESOLVE;
            case ESCALATE -> dev.escalator.core.Action.ESCALATE;
            case DECLINE -> dev.escalator.core.Action.DECLINE;
        };
    }

    private Escalation escalation() {
        return stores.escalations().find(ESC_1).orElseThrow();
    }

    private FakeDiscordRest.Call awaitCall(Predicate<FakeDiscordRest.Call> matches) {
        return Eventually.found(
                "a call to the fake Discord",
                () -> rest.calls().stream().filter(matches).findFirst());
    }
}
