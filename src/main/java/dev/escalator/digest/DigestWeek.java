package dev.escalator.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Objects;

/**
 * One week a digest covers: from {@code start} to {@code end}, the digest's posting instant, which falls on the local
 * date {@code postedOn}. The key names the ISO week of that date, so each week of each path has one key everywhere.
 */
record DigestWeek(LocalDate postedOn, Instant start, Instant end) {
    DigestWeek {
        Objects.requireNonNull(postedOn, "postedOn");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Like {@code 2026-W48}. */
    String key() {
        return "%d-W%02d"
                .formatted(postedOn.get(IsoFields.WEEK_BASED_YEAR), postedOn.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
