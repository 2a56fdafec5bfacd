package dev.escalator.core;

import static dev.escalator.testing.Fixtures.PAYMENTS_PRIMARY;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.paymentsPrimary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.FewerTriesWhenSmall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Overrides, whatever they are: the newest in force decides; with none in force, the schedule does. A tenth of the tries
 * under mutation testing ({@link FewerTriesWhenSmall}).
 */
@AddLifecycleHook(FewerTriesWhenSmall.class)
class OnCallOverrideProperties {
    private static final List<PersonId> PEOPLE =
            List.of(new PersonId("alice"), new PersonId("bob"), new PersonId("carol"), new PersonId("dave"));

    @Property(tries = 1_000)
    void theNewestOverrideInForceDecidesElseTheSchedule(
            @ForAll("overrides") List<OnCallOverride> overrides, @ForAll("minutes") int minutes) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        var inForce = overrides.stream().filter(o -> o.inForceAt(at)).toList();

        PersonId onCall = Directory.onCallAt(paymentsPrimary(), at, new OnCallOverrides(overrides));

        if (inForce.isEmpty()) {
            assertThat(onCall).isEqualTo(paymentsPrimary().onCallAt(at));
        } else {
            Instant newest = inForce.stream()
                    .map(OnCallOverride::from)
                    .max(Instant::compareTo)
                    .orElseThrow();
            var newestOnes =
                    inForce.stream().filter(o -> o.from().equals(newest)).toList();
            assertThat(onCall).isEqualTo(newestOnes.getLast().person());
        }
    }

    @Property(tries = 500)
    void theNextHandoffIsAfterNowAndChangesWhoIsOnCall(
            @ForAll("overrides") List<OnCallOverride> overrides, @ForAll("minutes") int minutes) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        var known = new OnCallOverrides(overrides);

        OnCallNow now = Directory.onCallNow(paymentsPrimary(), at, known);

        assertThat(now.handoffAt()).isAfter(at);
        assertThat(now.next()).isEqualTo(Directory.onCallAt(paymentsPrimary(), now.handoffAt(), known));
        assertThat(now.next()).isNotEqualTo(now.person());
        assertThat(Directory.onCallAt(paymentsPrimary(), now.handoffAt().minusMillis(1), known))
                .isEqualTo(now.person());
    }

    @Provide
    Arbitrary<Integer> minutes() {
        return Arbitraries.integers().between(0, 60 * 24 * 10);
    }

    @Provide
    Arbitrary<List<OnCallOverride>> overrides() {
        Arbitrary<OnCallOverride> one = Combinators.combine(
                        Arbitraries.of(PEOPLE),
                        Arbitraries.integers().between(0, 60 * 24 * 10),
                        Arbitraries.integers().between(1, 60 * 24 * 3))
                .as((person, start, length) -> new OnCallOverride(
                        PAYMENTS_PRIMARY,
                        person,
                        T0.plus(Duration.ofMinutes(start)),
                        T0.plus(Duration.ofMinutes(start + length)),
                        person));
        return one.list().ofMaxSize(6).map(ArrayList::new);
    }
}
