package dev.escalator.testing;

import dev.escalator.core.Actor;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Directory;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Rotation;
import dev.escalator.core.RotationId;
import dev.escalator.core.Target;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The tests' one fixture world: the configuration of SPEC §2 as a {@link Directory}, its people as chat actors, the
 * instant {@link #T0} and the named instants that follow from it, and builders for everything a test wants to vary.
 * Every test world takes its time and its payments path from here ({@link ScenarioData} cuts the path down to two
 * levels; {@code cli.ConfigFixtures} makes a {@code Config} of it); a test that depends on a particular date (a DST
 * change, a weekday, a digest week) names its own instant and says why. Static-import what you need:
 *
 * <pre>{@code
 * var escalation = anEscalation().onPath("payments").atLevel(2).withStatus(ACKNOWLEDGED).build();
 * var outcome = transitions.decide(escalation, ack(bob()), T0.plus(ofMinutes(3)));
 * }</pre>
 *
 * <p>The standard directory ({@link #payments()}) is SPEC §2's example plus one person, {@code dave}, who is
 * configured but not on the payments path (he is the only level of a second path, {@code infra}), so tests have a
 * configured person who is nevertheless not allowed to act on payments escalations:
 *
 * <ul>
 *   <li>people: alice (Slack {@code U0ALICE}, Discord, Europe/Berlin), bob (Slack {@code U0BOB}, America/New_York),
 *       carol (Discord only), dave (Slack {@code U0DAVE}, Europe/London)
 *   <li>rotation {@code payments-primary}: alice then bob, weekly, handoff Monday 09:00 Europe/Berlin; at {@link #T0}
 *       alice is on call, from {@link #NEXT_HANDOFF} bob
 *   <li>path {@code payments}: level 1 the rotation (5m), level 2 bob and carol (10m), level 3 alice (15m); repeat 1;
 *       severity 1 starts at level 2; re-escalates 2h after an acknowledgement; stale after 30d; fallback
 *       {@link #LEADS_CHANNEL}
 *   <li>path {@code infra}: one level, dave (5m); no repeat, no fallback, no re-escalation
 *   <li>admins: alice
 * </ul>
 *
 * <p>Everything returned is immutable or a fresh builder, so tests can share it freely.
 */
public final class Fixtures {

    /** Monday 3 June 2024, 12:00 in Berlin: three hours into alice's payments-primary shift. */
    public static final Instant T0 = Instant.parse("2024-06-03T10:00:00Z");

    /** Monday 10 June 2024, 09:00 in Berlin: bob takes over payments-primary from alice. */
    public static final Instant NEXT_HANDOFF = Instant.parse("2024-06-10T07:00:00Z");

    /**
     * Tuesday 11 June 2024, 12:00 in Berlin: a day into bob's payments-primary shift (from {@link #NEXT_HANDOFF}). The
     * chat worlds and the command-line tests start here, so that level 1 tags bob, who is on the path but no admin.
     */
    public static final Instant IN_BOBS_WEEK = Instant.parse("2024-06-11T10:00:00Z");

    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    public static final PersonId ALICE = new PersonId("alice");
    public static final PersonId BOB = new PersonId("bob");
    public static final PersonId CAROL = new PersonId("carol");
    public static final PersonId DAVE = new PersonId("dave");

    public static final PathId PAYMENTS = new PathId("payments");
    public static final PathId INFRA = new PathId("infra");
    public static final RotationId PAYMENTS_PRIMARY = new RotationId("payments-primary");

    /** The Slack channel bound to the payments path, where payments escalations live by default. */
    public static final ChannelRef PAYMENTS_CHANNEL = new ChannelRef(Platform.SLACK, "C0PAY");

    /** The payments path's fallback channel, told when an escalation is exhausted. */
    public static final ChannelRef LEADS_CHANNEL = new ChannelRef(Platform.SLACK, "C0LEADS");

    private Fixtures() {}

    /** SPEC §2's configuration plus dave and the infra path (see the class comment). */
    public static Directory payments() {
        return aDirectory().build();
    }

    /** A builder preloaded with {@link #payments()}; change what the test is about. */
    public static DirectoryBuilder aDirectory() {
        return new DirectoryBuilder();
    }

    /** A builder preloaded with the payments path of {@link #payments()}: {@code aPaymentsPath().repeat(0).build()}. */
    public static PathBuilder aPaymentsPath() {
        return DirectoryBuilder.paymentsPath();
    }

    /** A builder for a path with no levels yet and every option at its default. */
    public static PathBuilder aPath(String id) {
        return new PathBuilder(id);
    }

    /** A builder preloaded with payments-primary: alice then bob, weekly, Monday 09:00 Europe/Berlin. */
    public static RotationBuilder aRotation() {
        return new RotationBuilder();
    }

    /** An OPEN escalation on payments at its start level, opened at {@link #T0} by {@link #reporter()}. */
    public static EscalationBuilder anEscalation() {
        return new EscalationBuilder();
    }

    /** A request to open "Checkout is failing" on payments, severity 3, by {@link #reporter()}. */
    public static OpenRequestBuilder anOpenRequest() {
        return new OpenRequestBuilder();
    }

    public static Rotation paymentsPrimary() {
        return aRotation().build();
    }

    public static Path paymentsPath() {
        return aPaymentsPath().build();
    }

    /** alice on Slack: on call at {@link #T0}, level 3 of payments, and admin. */
    public static Actor.User alice() {
        return actor(ALICE);
    }

    /** bob on Slack: payments-primary member (not on call at {@link #T0}) and level 2 of payments. */
    public static Actor.User bob() {
        return actor(BOB);
    }

    /** carol on Discord (her only account): level 2 of payments. */
    public static Actor.User carol() {
        return actor(CAROL);
    }

    /** dave on Slack: configured, but only on the infra path, so not allowed to act on payments escalations. */
    public static Actor.User dave() {
        return actor(DAVE);
    }

    /** A Slack user the configuration does not know at all. */
    public static Actor.User stranger() {
        return Actor.User.stranger(new ChatUser(Platform.SLACK, "U0STRANGER"));
    }

    /** The default reporter: a Slack user from another team, not in the configuration (anyone may open). */
    public static Actor.User reporter() {
        return Actor.User.stranger(new ChatUser(Platform.SLACK, "U0REPORTER"));
    }

    /** A configured person of {@link #payments()} acting from their Slack account, or Discord if they have none. */
    public static Actor.User actor(PersonId id) {
        return actor(payments(), id);
    }

    /** A person of {@code directory} acting from their Slack account, or Discord if they have none. */
    public static Actor.User actor(Directory directory, PersonId id) {
        Person person = directory.person(id).orElseThrow(() -> new IllegalArgumentException("no person " + id));
        Platform platform = person.accountOn(Platform.SLACK).isPresent() ? Platform.SLACK : Platform.DISCORD;
        return Actor.User.known(
                new ChatUser(platform, person.accountOn(platform).orElseThrow()), id);
    }

    /** A level target naming one person: {@code person("bob")}. */
    public static Target person(String id) {
        return new Target.Individual(new PersonId(id));
    }

    /** A level target for whoever is on call in a rotation: {@code onCall("payments-primary")}. */
    public static Target onCall(String rotation) {
        return new Target.OnCall(new RotationId(rotation));
    }
}
