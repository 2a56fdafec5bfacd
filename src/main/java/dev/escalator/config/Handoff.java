package dev.escalator.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a rotation hands over, as written in the file: {@code "mon 09:00"} (on that weekday) or {@code "09:00"} (at the
 * end of every shift). Weekdays are three-letter or full English names in any case.
 */
record Handoff(Optional<DayOfWeek> day, LocalTime time) {
    static final String EXPECTED = "a time like \"09:00\" or a weekday and time like \"mon 09:00\" (24-hour clock)";

    private static final Pattern FORM = Pattern.compile("(?:(\\p{Alpha}+)\\s+)?(\\d{1,2}):(\\d{2})");

    static Optional<Handoff> parse(String text) {
        var matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(matcher.group(2));
        int minute = Integer.parseInt(matcher.group(3));
        if (hour > 23 || minute > 59) {
            return Optional.empty();
        }
        var time = LocalTime.of(hour, minute);
        if (matcher.group(1) == null) {
            return Optional.of(new Handoff(Optional.empty(), time));
        }
        return weekday(matcher.group(1)).map(day -> new Handoff(Optional.of(day), time));
    }

    static Optional<DayOfWeek> weekday(String word) {
        String wanted = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(DayOfWeek.values())
                .filter(day -> {
                    String full = day.name().toLowerCase(Locale.ROOT);
                    return full.equals(wanted) || full.substring(0, 3).equals(wanted);
                })
                .findFirst();
    }
}
