package dev.escalator.digest;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The digest's chart: seven bars, one per day, stacked by severity from 1 (at the bottom, red) to 4, drawn in-process
 * to a PNG. It has no text on purpose: fonts are the one part of Java2D a slim server image may lack, and the message
 * beside it names the days and the numbers.
 */
final class DigestChart {
    static final int WIDTH = 560;
    static final int HEIGHT = 240;
    static final Color BACKGROUND = Color.WHITE;
    /** Severity 1 to 4: worst is loudest. */
    static final List<Color> SEVERITY_COLOURS =
            List.of(new Color(0xC0392B), new Color(0xE67E22), new Color(0xF1C40F), new Color(0x95A5A6));

    private static final int MARGIN = 20;
    private static final int SLOT = (WIDTH - 2 * MARGIN) / Digest.DAYS;
    private static final int BAR = SLOT * 2 / 3;
    static final int BASELINE = HEIGHT - MARGIN;

    static {
        // a server has no display; rendering to an image needs none
        System.setProperty("java.awt.headless", "true");
    }

    private DigestChart() {}

    /** The x of the middle of day {@code day}'s bar (0 to 6). */
    static int barCentre(int day) {
        return MARGIN + day * SLOT + SLOT / 2;
    }

    static byte[] png(List<Digest.Day> days) {
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(MARGIN, BASELINE, WIDTH - MARGIN, BASELINE);
            int most = days.stream().mapToInt(Digest.Day::total).max().orElse(0);
            double perEscalation = most == 0 ? 0 : (double) (BASELINE - MARGIN) / most;
            for (int day = 0; day < days.size(); day++) {
                int top = BASELINE;
                var bySeverity = days.get(day).bySeverity();
                for (int severity = 0; severity < bySeverity.size(); severity++) {
                    int height = (int) Math.round(bySeverity.get(severity) * perEscalation);
                    g.setColor(SEVERITY_COLOURS.get(severity));
                    g.fillRect(barCentre(day) - BAR / 2, top - height, BAR, height);
                    top -= height;
                }
            }
        } finally {
            g.dispose();
        }
        var png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the digest chart", e);
        }
        return png.toByteArray();
    }
}
