package dev.escalator.digest;

import dev.escalator.chat.Markup;
import dev.escalator.chat.SafeText;
import dev.escalator.chat.TextLimit;
import dev.escalator.core.DurationFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The words of a weekly digest, in a platform's markup; the chart beside it shows the days. */
final class DigestText {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private DigestText() {}

    static String render(Digest digest, ZoneId zone, Markup markup) {
        var counts = digest.counts();
        var stats = digest.stats();
        var lines = new ArrayList<String>();
        lines.add(markup.bold("Weekly digest · %s".formatted(digest.path()))
                + " · %s – %s"
                        .formatted(
                                DATE.format(digest.week().start().atZone(zone)),
                                DATE.format(digest.week().end().atZone(zone))));
        if (counts.opened() == 0) {
            lines.add("No escalations this week.");
            return String.join("\n", lines);
        }
        lines.add("Opened %d · acknowledged %d · resolved %d · exhausted %d · still open %d"
                .formatted(
                        counts.opened(),
                        counts.acknowledged(),
                        counts.resolved(),
                        counts.exhausted(),
                        counts.stillOpen()));
        lines.add("Time to acknowledge: median %s, p90 %s · to resolve: median %s, p90 %s"
                .formatted(
                        time(stats.medianToAcknowledge()),
                        time(stats.p90ToAcknowledge()),
                        time(stats.medianToResolve()),
                        time(stats.p90ToResolve())));
        if (!digest.slowest().isEmpty()) {
            lines.add("Slowest to acknowledge:");
            digest.slowest()
                    .forEach(slow -> lines.add("• %s (sev %d) %s: %s"
                            .formatted(
                                    slow.id(),
                                    slow.severity().value(),
                                    SafeText.neutralise(SafeText.cut(slow.title(), 80), markup.platform()),
                                    slow.acknowledgedAfter()
                                            .map(DurationFormat::format)
                                            .orElse("not acknowledged after "
                                                    + DurationFormat.format(slow.waited())))));
        }
        lines.add("Per day: "
                + digest.days().stream()
                        .map(day ->
                                day.start().atZone(zone).getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                                        + " " + day.total())
                        .collect(Collectors.joining(" · ")));
        return TextLimit.messageOn(markup.platform()).cut(String.join("\n", lines));
    }

    private static String time(Optional<Duration> duration) {
        return duration.map(DurationFormat::format).orElse("–");
    }
}
