package dev.escalator.config;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.PathId;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/** A path's weekly digest: the channel it goes to, and the local weekday and time it is posted at in {@code zone}. */
public record DigestSetting(PathId path, ChannelRef channel, DayOfWeek day, LocalTime time, ZoneId zone) {
    public static final DayOfWeek DEFAULT_DAY = DayOfWeek.MONDAY;
    public static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);

    public DigestSetting {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
    }
}
