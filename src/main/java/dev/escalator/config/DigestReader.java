package dev.escalator.config;

import dev.escalator.core.PathId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Reads a path's {@code digest: {slack: C…, day: mon, time: "09:00", tz: Europe/Berlin}}: one channel, the rest optional. */
final class DigestReader {
    private static final List<String> KEYS = List.of("slack", "discord", "day", "time", "tz");
    private static final String DAY = "a weekday like mon or monday";
    private static final String TIME = "a time like \"09:00\" (24-hour clock)";

    private DigestReader() {}

    static Optional<DigestSetting> read(PathId path, YamlField field) {
        var clean = field.checkpoint();
        return field.object(KEYS).flatMap(digest -> {
            var channel = ChannelRefReader.read(digest);
            var day = digest.optional("day")
                    .flatMap(value -> value.parsed(DAY, Handoff::weekday))
                    .orElse(DigestSetting.DEFAULT_DAY);
            var time = digest.optional("time")
                    .flatMap(value -> value.parsed(
                            TIME,
                            text -> Handoff.parse(text)
                                    .filter(handoff -> handoff.day().isEmpty())
                                    .map(Handoff::time)))
                    .orElse(DigestSetting.DEFAULT_TIME);
            var zone = digest.optional("tz").flatMap(YamlField::timeZone).orElse(ZoneOffset.UTC);
            return clean.buildIfClean(() -> new DigestSetting(path, channel.orElseThrow(), day, time, zone));
        });
    }
}
