package dev.escalator.digest;

import static dev.escalator.digest.WeekOfEscalations.POSTED_AT;
import static dev.escalator.digest.WeekOfEscalations.WEEK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.Markup;
import dev.escalator.testing.Fixtures;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTextTest {
    final Digest digest =
            Digest.of(Fixtures.PAYMENTS, WEEK, ZoneOffset.UTC, WeekOfEscalations.escalations(), POSTED_AT);

    @Test
    void theDigestReadsAsCountsTimesTheSlowestAndTheDays() {
        assertThat(DigestText.render(digest, ZoneOffset.UTC, Markup.SLACK)).isEqualTo("""
                        *Weekly digest · payments* · Mon 3 Jun – Mon 10 Jun
                        Opened 6 · acknowledged 3 · resolved 3 · exhausted 1 · still open 3
                        Time to acknowledge: median 10m, p90 20m · to resolve: median 1h, p90 2h
                        Slowest to acknowledge:
                        • ESC-3 (sev 3) Checkout is failing: not acknowledged after 5d21h
                        • ESC-4 (sev 3) Checkout is failing: not acknowledged after 3d23h
                        • ESC-2 (sev 2) Checkout is failing: 20m
                        Per day: Mon 1 · Tue 2 · Wed 0 · Thu 2 · Fri 0 · Sat 1 · Sun 0""");
    }

    @Test
    void onDiscordTheHeadlineIsBoldTheDiscordWay() {
        assertThat(DigestText.render(digest, ZoneOffset.UTC, Markup.DISCORD))
                .startsWith("**Weekly digest · payments**");
    }

    @Test
    void aQuietWeekSaysSo() {
        var quiet = Digest.of(Fixtures.PAYMENTS, WEEK, ZoneOffset.UTC, List.of(), POSTED_AT);

        assertThat(DigestText.render(quiet, ZoneOffset.UTC, Markup.SLACK)).endsWith("\nNo escalations this week.");
    }
}
