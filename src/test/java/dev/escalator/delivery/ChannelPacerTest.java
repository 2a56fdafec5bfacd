package dev.escalator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.Platform;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChannelPacerTest {
    static final long SECOND = Duration.ofSeconds(1).toNanos();
    final ChannelRef pay = new ChannelRef(Platform.SLACK, "C0PAY");
    final ChannelRef ops = new ChannelRef(Platform.SLACK, "C0OPS");

    @Test
    void aQuietChannelTakesABurstThenOnePostPerSecond() {
        var pacer = new ChannelPacer(Duration.ofSeconds(1), 3);
        long now = 1_000 * SECOND;

        assertThat(pacer.reserve(pay, now)).isZero();
        assertThat(pacer.reserve(pay, now)).isZero();
        assertThat(pacer.reserve(pay, now)).isZero();
        assertThat(pacer.reserve(pay, now)).isEqualTo(SECOND);
        assertThat(pacer.reserve(pay, now)).isEqualTo(2 * SECOND);
    }

    @Test
    void channelsArePacedIndependently() {
        var pacer = new ChannelPacer(Duration.ofSeconds(1), 1);
        long now = 1_000 * SECOND;

        assertThat(pacer.reserve(pay, now)).isZero();
        assertThat(pacer.reserve(ops, now)).isZero();
        assertThat(pacer.reserve(pay, now)).isEqualTo(SECOND);
    }

    @Test
    void aChannelIdleLongEnoughHasItsBurstBack() {
        var pacer = new ChannelPacer(Duration.ofSeconds(1), 2);
        long now = 1_000 * SECOND;
        pacer.reserve(pay, now);
        pacer.reserve(pay, now);

        long later = now + 10 * SECOND;
        assertThat(pacer.reserve(pay, later)).isZero();
        assertThat(pacer.reserve(pay, later)).isZero();
        assertThat(pacer.reserve(pay, later)).isEqualTo(SECOND);
    }
}
