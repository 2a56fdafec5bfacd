package dev.escalator.store;

import static dev.escalator.testing.Fixtures.anEscalation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Status;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What {@link DecodedEscalations} may answer from memory: only an escalation read after every write to it had ended,
 * and only while no write to it has begun since. The store stands in as a counter of reads and the escalation it holds.
 */
class DecodedEscalationsTest {
    static final EscalationId ID = new EscalationId(7);

    final AtomicReference<Escalation> stored =
            new AtomicReference<>(anEscalation().id(7).build());
    final AtomicInteger reads = new AtomicInteger();
    final Supplier<Optional<Escalation>> store = () -> {
        reads.incrementAndGet();
        return Optional.ofNullable(stored.get());
    };
    final DecodedEscalations decoded = DecodedEscalations.keptByTheOnlyWriter();

    @Test
    void anEscalationNothingWroteSinceItWasReadIsAnsweredWithoutTheStore() {
        assertThat(decoded.find(ID, store)).contains(stored.get());
        assertThat(decoded.find(ID, store)).contains(stored.get());

        assertThat(reads).hasValue(1);
    }

    @Test
    void aWriteMakesTheNextReadGoToTheStoreAndSeeIt() {
        decoded.find(ID, store);

        Escalation acknowledged = write(Status.ACKNOWLEDGED);

        assertThat(decoded.find(ID, store)).contains(acknowledged);
        assertThat(reads).hasValue(2);
    }

    @Test
    void whileAWriteIsUnderWayEveryReadGoesToTheStore() {
        decoded.find(ID, store);

        decoded.writing(ID, () -> {
            // the change may be in the store already, its commit still running
            stored.set(stored.get().toBuilder().status(Status.ACKNOWLEDGED).build());
            assertThat(decoded.find(ID, store).orElseThrow().status()).isEqualTo(Status.ACKNOWLEDGED);
            assertThat(decoded.find(ID, store).orElseThrow().status()).isEqualTo(Status.ACKNOWLEDGED);
            return null;
        });

        assertThat(reads).hasValue(3);
    }

    @Test
    void whatAReadDecodedIsNotUsedOnceAWriteBeganWhileItRead() {
        Escalation before = stored.get();
        Supplier<Optional<Escalation>> overtaken = () -> {
            reads.incrementAndGet();
            Optional<Escalation> read = Optional.of(before);
            write(Status.RESOLVED); // begins and ends after this read took its copy
            return read;
        };
        assertThat(decoded.find(ID, overtaken)).contains(before);

        assertThat(decoded.find(ID, store).orElseThrow().status()).isEqualTo(Status.RESOLVED);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anEscalationAFailedWriteMayStillChangeIsNeverKeptAgain() {
        decoded.find(ID, store);

        assertThatThrownBy(() -> decoded.writing(ID, () -> {
                    throw new IllegalStateException("timed out; it may land later");
                }))
                .isInstanceOf(IllegalStateException.class);
        decoded.find(ID, store);
        decoded.find(ID, store);

        assertThat(reads).hasValue(3);
    }

    @Test
    void aWriteToAnotherEscalationLeavesThisOneAsItWasRead() {
        decoded.find(ID, store);

        decoded.writing(new EscalationId(8), () -> null);
        decoded.find(ID, store);

        assertThat(reads).hasValue(1);
    }

    @Test
    void anEscalationNotFoundIsNotRemembered() {
        stored.set(null);
        assertThat(decoded.find(ID, store)).isEmpty();

        stored.set(anEscalation().id(7).build());

        assertThat(decoded.find(ID, store)).isPresent();
    }

    @Test
    void anEscalationWhoseTimelineAloneIsOverTheBoundIsNotKept() {
        Escalation opened = stored.get();
        stored.set(opened.toBuilder()
                .timeline(java.util.Collections.nCopies(
                        DecodedEscalations.KEPT_ENTRIES, opened.timeline().getFirst()))
                .build());

        decoded.find(ID, store);
        decoded.find(ID, store);

        assertThat(reads).hasValue(2);
    }

    @Test
    void noneKeepsNothing() {
        DecodedEscalations.NONE.find(ID, store);
        DecodedEscalations.NONE.find(ID, store);

        assertThat(reads).hasValue(2);
    }

    private Escalation write(Status status) {
        return decoded.writing(ID, () -> {
            Escalation next = stored.get().toBuilder()
                    .version(stored.get().version() + 1)
                    .status(status)
                    .build();
            stored.set(next);
            return next;
        });
    }
}
