package dev.escalator.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.Fixtures;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DigestChartTest {
    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    final Digest digest = Digest.of(
            Fixtures.PAYMENTS,
            WeekOfEscalations.WEEK,
            ZoneOffset.UTC,
            WeekOfEscalations.escalations(),
            WeekOfEscalations.POSTED_AT);

    @Test
    void theChartIsAPngOfTheExpectedSize() throws IOException {
        byte[] png = DigestChart.png(digest.days());

        assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(DigestChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(DigestChart.HEIGHT);
    }

    @Test
    void daysWithEscalationsHaveABarAndQuietDaysHaveNone() throws IOException {
        var image = ImageIO.read(new ByteArrayInputStream(DigestChart.png(digest.days())));
        int background = DigestChart.BACKGROUND.getRGB();
        int justAboveTheBaseline = DigestChart.BASELINE - 2;

        for (int day = 0; day < Digest.DAYS; day++) {
            int pixel = image.getRGB(DigestChart.barCentre(day), justAboveTheBaseline);
            if (digest.days().get(day).total() > 0) {
                assertThat(pixel).as("day %d has a bar", day).isNotEqualTo(background);
            } else {
                assertThat(pixel).as("day %d has no bar", day).isEqualTo(background);
            }
        }
    }

    @Test
    void barsStackBySeverityWithTheWorstAtTheBottom() throws IOException {
        var image = ImageIO.read(new ByteArrayInputStream(DigestChart.png(digest.days())));

        // day 0 holds one sev 1 escalation, the most of any day but day 1 and 3 (two each): half the height, red
        int pixel = image.getRGB(DigestChart.barCentre(0), DigestChart.BASELINE - 2);
        assertThat(pixel).isEqualTo(DigestChart.SEVERITY_COLOURS.getFirst().getRGB());
        // day 3: sev 3 at the bottom, sev 4 above it
        assertThat(image.getRGB(DigestChart.barCentre(3), DigestChart.BASELINE - 2))
                .isEqualTo(DigestChart.SEVERITY_COLOURS.get(2).getRGB());
        assertThat(image.getRGB(DigestChart.barCentre(3), DigestChart.BASELINE - 150))
                .isEqualTo(DigestChart.SEVERITY_COLOURS.get(3).getRGB());
    }

    @Test
    void theChartIsWhiteWithALightGreyBaselineUnderTheBars() throws IOException {
        var image = ImageIO.read(new ByteArrayInputStream(DigestChart.png(digest.days())));
        int white = Color.WHITE.getRGB();
        int lightGrey = Color.LIGHT_GRAY.getRGB();

        assertThat(image.getRGB(0, 0)).as("top left").isEqualTo(white);
        assertThat(image.getRGB(DigestChart.WIDTH - 1, DigestChart.HEIGHT - 1))
                .as("bottom right")
                .isEqualTo(white);
        assertThat(image.getRGB(DigestChart.barCentre(0), DigestChart.BASELINE))
                .as("the baseline, under day 0's bar")
                .isEqualTo(lightGrey);
        assertThat(image.getRGB(DigestChart.barCentre(6), DigestChart.BASELINE))
                .as("the baseline, under day 6's")
                .isEqualTo(lightGrey);
    }

    @Test
    void aQuietWeekStillRendersAnEmptyChart() throws IOException {
        var quiet = Digest.of(
                Fixtures.PAYMENTS,
                WeekOfEscalations.WEEK,
                ZoneOffset.UTC,
                java.util.List.of(),
                WeekOfEscalations.POSTED_AT);

        var image = ImageIO.read(new ByteArrayInputStream(DigestChart.png(quiet.days())));

        assertThat(image.getWidth()).isEqualTo(DigestChart.WIDTH);
    }
}
