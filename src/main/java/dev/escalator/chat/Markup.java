package dev.escalator.chat;

import dev.escalator.core.Platform;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How each platform writes a mention, a time every reader sees in their own zone, bold text and a link. */
public enum Markup {
    SLACK(Platform.SLACK) {
        @Override
        public String mention(String userId) {
            return "<@" + userId + ">";
        }

        @Override
        public String time(Instant at) {
            return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + FALLBACK.format(at) + ">";
        }

        @Override
        public String bold(String text) {
            return "*" + text + "*";
        }

        @Override
        public String link(String url, String label) {
            return "<" + url + "|" + label + ">";
        }
    },
    DISCORD(Platform.DISCORD) {
        @Override
        public String mention(String userId) {
            return "<@" + userId + ">";
        }

        @Override
        public String time(Instant at) {
            return "<t:" + at.getEpochSecond() + ":f>";
        }

        @Override
        public String bold(String text) {
            return "**" + text + "**";
        }

        // the bare URL: Discord shows a link to one of its own messages as a jump to it
        @Override
        public String link(String url, String label) {
            return url;
        }
    };

    private static final DateTimeFormatter FALLBACK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Platform platform;

    Markup(Platform platform) {
        this.platform = platform;
    }

    public Platform platform() {
        return platform;
    }

    public static Markup of(Platform platform) {
        return platform == Platform.SLACK ? SLACK : DISCORD;
    }

    public abstract String mention(String userId);

    public abstract String time(Instant at);

    public abstract String bold(String text);

    /** A link to {@code url} reading {@code label} where the platform can label links. */
    public abstract String link(String url, String label);
}
