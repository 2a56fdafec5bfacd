package dev.escalator.cli;

import dev.escalator.config.ChannelBinding;
import dev.escalator.config.Config;
import dev.escalator.config.DigestSetting;
import dev.escalator.config.Integration;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Path;
import dev.escalator.core.PersonId;
import dev.escalator.core.Rotation;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A few lines saying what a valid configuration holds, so a user sees that the file says what they meant. */
final class ConfigSummary {
    private final Config config;
    private final Instant now;

    ConfigSummary(Config config, Instant now) {
        this.config = config;
        this.now = now;
    }

    String text() {
        var directory = config.directory();
        return line("people", sorted(directory.people().keySet(), PersonId::value, PersonId::value))
                + line(
                        "rotations",
                        sorted(
                                directory.rotations().values(),
                                rotation -> rotation.id().value(),
                                this::rotation))
                + line(
                        "paths",
                        sorted(directory.paths().values(), path -> path.id().value(), ConfigSummary::path))
                + line(
                        "channels",
                        config.channels().stream().map(ConfigSummary::binding).toList())
                + digests()
                + integrations()
                + line("admins", sorted(directory.admins(), PersonId::value, PersonId::value));
    }

    private String rotation(Rotation rotation) {
        return "%s (%s; on call now: %s)".formatted(rotation.id(), names(rotation.members()), rotation.onCallAt(now));
    }

    private static String path(Path path) {
        String levels = path.levelCount() == 1 ? "1 level" : path.levelCount() + " levels";
        String fallback =
                path.fallback().map(channel -> ", fallback " + channel(channel)).orElse("");
        return "%s (%s, repeat %d%s)".formatted(path.id(), levels, path.repeat(), fallback);
    }

    /** Only when there are some: most files have none, and their summary stays as it was. */
    private String digests() {
        if (config.digests().isEmpty()) {
            return "";
        }
        return line("digests", sorted(config.digests(), digest -> digest.path().value(), ConfigSummary::digest));
    }

    /** Only when there are some; each with where its source sends and what it speaks. */
    private String integrations() {
        if (config.integrations().isEmpty()) {
            return "";
        }
        return line("integrations", sorted(config.integrations(), Integration::name, ConfigSummary::integration));
    }

    private static String integration(Integration integration) {
        String routes = integration.routes().isEmpty()
                ? ""
                : ", " + integration.routes().size() + " route(s)";
        return "%s (%s, POST %s -> %s%s)"
                .formatted(
                        integration.name(),
                        integration.kind().word(),
                        integration.urlPath(),
                        integration.path(),
                        routes);
    }

    private static String digest(DigestSetting digest) {
        return "%s -> %s, %ss %s %s"
                .formatted(
                        digest.path(),
                        channel(digest.channel()),
                        digest.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                        digest.time(),
                        digest.zone().getId());
    }

    private static String binding(ChannelBinding binding) {
        return channel(binding.channel()) + " -> " + binding.path();
    }

    static String channel(ChannelRef channel) {
        return channel.platform().displayName() + " " + channel.channelId();
    }

    private static String line(String what, List<String> items) {
        return "  %-10s %d%s%n".formatted(what, items.size(), items.isEmpty() ? "" : ": " + String.join(", ", items));
    }

    private static <T> List<String> sorted(Collection<T> items, Function<T, String> key, Function<T, String> show) {
        return items.stream().sorted(Comparator.comparing(key)).map(show).toList();
    }

    private static String names(List<PersonId> people) {
        return people.stream().map(PersonId::value).collect(Collectors.joining(", "));
    }
}
