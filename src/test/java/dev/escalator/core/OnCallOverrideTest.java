package dev.escalator.core;

import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.DAVE;
import static dev.escalator.testing.Fixtures.NEXT_HANDOFF;
import static dev.escalator.testing.Fixtures.PAYMENTS_PRIMARY;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.alice;
import static dev.escalator.testing.Fixtures.anOpenRequest;
import static dev.escalator.testing.Fixtures.bob;
import static dev.escalator.testing.Fixtures.carol;
import static dev.escalator.testing.Fixtures.dave;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Fixtures.paymentsPrimary;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §5 {@code override}: who is on call in a rotation, with overrides as data. */
class OnCallOverrideTest {
    private static final Directory DIRECTORY = payments();

    private static OnCallOverride override(PersonId person, Instant from, Duration length) {
        return new OnCallOverride(PAYMENTS_PRIMARY, person, from, from.plus(length), ALICE);
    }

    @Test
    void withoutOverridesTheScheduleDecides() {
        assertThat(Directory.onCallAt(paymentsPrimary(), T0, OnCallOverrides.NONE))
                .isEqualTo(ALICE);
    }

    @Test
    void anOverrideInForcePutsItsPersonOnCall() {
        var overrides = new OnCallOverrides(List.of(override(CAROL, T0, ofHours(8))));

        assertThat(Directory.onCallAt(paymentsPrimary(), T0.plus(ofHours(1)), overrides))
                .isEqualTo(CAROL);
    }

    @Test
    void anExpiredOverrideIsIgnored() {
        var overrides = new OnCallOverrides(List.of(override(CAROL, T0, ofHours(8))));

        assertThat(Directory.onCallAt(paymentsPrimary(), T0.plus(ofHours(8)), overrides))
                .isEqualTo(ALICE);
        assertThat(overrides.notOverAt(T0.plus(ofHours(8))).all()).isEmpty();
    }

    @Test
    void anOverrideOfAnotherRotationChangesNothing() {
        var overrides = new OnCallOverrides(
                List.of(new OnCallOverride(new RotationId("infra"), CAROL, T0, T0.plus(ofHours(8)), ALICE)));

        assertThat(Directory.onCallAt(paymentsPrimary(), T0, overrides)).isEqualTo(ALICE);
    }

    @Test
    void ofOverlappingOverridesTheNewestWins() {
        var older = override(CAROL, T0, ofHours(8));
        var newer = override(DAVE, T0.plus(ofHours(1)), ofHours(2));
        var overrides = new OnCallOverrides(List.of(newer, older));

        assertThat(Directory.onCallAt(paymentsPrimary(), T0.plus(ofMinutes(30)), overrides))
                .isEqualTo(CAROL);
        assertThat(Directory.onCallAt(paymentsPrimary(), T0.plus(ofHours(2)), overrides))
                .isEqualTo(DAVE);
        // the newer one over, the older one still in force
        assertThat(Directory.onCallAt(paymentsPrimary(), T0.plus(ofHours(4)), overrides))
                .isEqualTo(CAROL);
    }

    @Test
    void anOverrideChangesWhoTheNextLevelTags() {
        var overrides = new OnCallOverrides(List.of(override(DAVE, T0, ofHours(8))));
        var transitions = new Transitions(DIRECTORY).withOverrides(overrides);

        var outcome = (Outcome.Applied)
                transitions.open(new EscalationId(1), anOpenRequest().build(), T0);

        assertThat(outcome.escalation().tagged()).containsExactly(DAVE);
    }

    @Test
    void thePersonAnOverrideTagsMayAcknowledge() {
        var overrides = new OnCallOverrides(List.of(override(DAVE, T0, ofHours(8))));
        var transitions = new Transitions(DIRECTORY).withOverrides(overrides);
        var opened = ((Outcome.Applied)
                        transitions.open(new EscalationId(1), anOpenRequest().build(), T0))
                .escalation();

        var acked = transitions.decide(opened, new Command.Acknowledge(dave()), T0.plus(ofMinutes(1)));

        assertThat(acked).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void oncallNowNamesTheOverrideAndTheHandoffWhenItEnds() {
        var override = override(CAROL, T0, ofHours(8));

        OnCallNow now = Directory.onCallNow(paymentsPrimary(), T0, new OnCallOverrides(List.of(override)));

        assertThat(now.person()).isEqualTo(CAROL);
        assertThat(now.override()).contains(override);
        assertThat(now.handoffAt()).isEqualTo(T0.plus(ofHours(8)));
        assertThat(now.next()).isEqualTo(ALICE);
    }

    @Test
    void oncallNowWithoutOverridesHandsOffOnSchedule() {
        OnCallNow now = Directory.onCallNow(paymentsPrimary(), T0, OnCallOverrides.NONE);

        assertThat(now.person()).isEqualTo(ALICE);
        assertThat(now.override()).isEmpty();
        assertThat(now.handoffAt()).isEqualTo(NEXT_HANDOFF);
        assertThat(now.next()).isEqualTo(BOB);
    }

    @Test
    void anOverrideThatStartsLaterIsTheNextHandoff() {
        var override = override(CAROL, T0.plus(ofHours(2)), ofHours(8));

        OnCallNow now = Directory.onCallNow(paymentsPrimary(), T0, new OnCallOverrides(List.of(override)));

        assertThat(now.person()).isEqualTo(ALICE);
        assertThat(now.handoffAt()).isEqualTo(T0.plus(ofHours(2)));
        assertThat(now.next()).isEqualTo(CAROL);
    }

    @Test
    void adminsAndMembersMayOverride() {
        assertThat(Overriding.decide(DIRECTORY, alice(), PAYMENTS_PRIMARY, CAROL, ofHours(8), T0))
                .isEqualTo(new Overriding.Decision.Granted(
                        new OnCallOverride(PAYMENTS_PRIMARY, CAROL, T0, T0.plus(ofHours(8)), ALICE)));
        assertThat(Overriding.decide(DIRECTORY, bob(), PAYMENTS_PRIMARY, BOB, ofHours(8), T0))
                .isInstanceOf(Overriding.Decision.Granted.class);
    }

    @Test
    void someoneElseMayNotOverride() {
        var decision = Overriding.decide(DIRECTORY, carol(), PAYMENTS_PRIMARY, CAROL, ofHours(8), T0);

        assertThat(decision).isInstanceOf(Overriding.Decision.Denied.class);
        assertThat(((Overriding.Decision.Denied) decision).problem().message())
                .contains("only admins and the members of `payments-primary`");
        assertThat(Overriding.decide(DIRECTORY, Fixtures.stranger(), PAYMENTS_PRIMARY, CAROL, ofHours(8), T0))
                .isInstanceOf(Overriding.Decision.Denied.class);
    }

    @Test
    void anUnknownRotationPersonOrBadLengthIsDeniedWithAReason() {
        assertThat(Overriding.decide(DIRECTORY, alice(), new RotationId("nope"), CAROL, ofHours(8), T0))
                .isInstanceOfSatisfying(
                        Overriding.Decision.Denied.class,
                        d -> assertThat(d.problem().message()).contains("no rotation `nope`"));
        assertThat(Overriding.decide(DIRECTORY, alice(), PAYMENTS_PRIMARY, new PersonId("zed"), ofHours(8), T0))
                .isInstanceOf(Overriding.Decision.Denied.class);
        assertThat(Overriding.decide(DIRECTORY, alice(), PAYMENTS_PRIMARY, CAROL, Duration.ofDays(31), T0))
                .isInstanceOf(Overriding.Decision.Denied.class);
    }
}
