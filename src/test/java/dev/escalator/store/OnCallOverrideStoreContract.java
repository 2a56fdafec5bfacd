package dev.escalator.store;

import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.DAVE;
import static dev.escalator.testing.Fixtures.PAYMENTS_PRIMARY;
import static dev.escalator.testing.Fixtures.T0;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.OnCallOverride;
import dev.escalator.core.OnCallOverrideStore;
import dev.escalator.core.RotationId;
import dev.escalator.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OnCallOverrideStore} does: the MongoDB store and the in-memory fake both pass it. */
abstract class OnCallOverrideStoreContract {
    final TestClock clock = new TestClock(T0);
    OnCallOverrideStore store;

    abstract OnCallOverrideStore create();

    void close() {}

    @BeforeEach
    void setUp() {
        store = create();
    }

    @AfterEach
    void tearDown() {
        close();
    }

    @Test
    void anAddedOverrideIsKnownUntilItEnds() {
        var override = new OnCallOverride(PAYMENTS_PRIMARY, CAROL, T0, T0.plus(ofHours(8)), ALICE);

        store.add(override);

        assertThat(store.notOverAt(T0).all()).containsExactly(override);
        assertThat(store.notOverAt(T0.plus(ofHours(8))).all()).isEmpty();
    }

    @Test
    void overridesOfEveryRotationAreKeptOldestFirst() {
        var first = new OnCallOverride(PAYMENTS_PRIMARY, CAROL, T0, T0.plus(ofHours(8)), ALICE);
        var second = new OnCallOverride(new RotationId("infra"), DAVE, T0.plus(ofHours(1)), T0.plus(ofHours(2)), ALICE);
        var third = new OnCallOverride(PAYMENTS_PRIMARY, BOB, T0.plus(ofHours(3)), T0.plus(ofHours(4)), BOB);

        store.add(first);
        store.add(second);
        store.add(third);

        assertThat(store.notOverAt(T0.plus(ofHours(1))).all()).containsExactly(first, second, third);
        assertThat(store.notOverAt(T0.plus(ofHours(3))).all()).containsExactly(first, third);
    }
}
