package dev.escalator.chat;

import dev.escalator.core.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * The one cutting rule for every text the bot sends (SPEC §6), thread posts and answers alike, immediate HTTP answers
 * included. A text is cut to the platform's limit with a visible ellipsis, never rejected. A list or a timeline keeps
 * its <em>newest</em> entries whole and says how many older ones were left out ("… 12 earlier entries not shown"); the
 * next older entry that does not fit whole is shown cut, with an ellipsis, when there is room enough to read it.
 */
public enum TextLimit {
    /** Slack: 3,000 characters per block text. */
    SLACK_BLOCK(3000),
    /** Slack: 4,000 characters per message text (a post, an ephemeral answer, a command's HTTP answer). */
    SLACK_MESSAGE(4000),
    /** Discord: 2,000 characters per message. */
    DISCORD_MESSAGE(2000);

    /** The least room worth filling with the start of an entry that does not fit whole. */
    static final int SHORTEST_PART = 80;

    private final int chars;

    TextLimit(int chars) {
        this.chars = chars;
    }

    public int chars() {
        return chars;
    }

    /** The limit of one message on {@code platform}. */
    public static TextLimit messageOn(Platform platform) {
        return switch (platform) {
            case SLACK -> SLACK_MESSAGE;
            case DISCORD -> DISCORD_MESSAGE;
        };
    }

    /** The text, or its start and an ellipsis when it is too long. */
    public String cut(String text) {
        return SafeText.cut(text, chars);
    }

    /**
     * Entries oldest first (a timeline, the entries of one thread post), one per line: the newest that fit, after a
     * line saying how many earlier ones were left out.
     */
    public String newestLast(List<String> entries) {
        Kept kept = keepNewest(entries.reversed());
        var lines = new ArrayList<String>();
        if (kept.leftOut() > 0) {
            lines.add(leftOut(kept.leftOut(), "earlier"));
        }
        lines.addAll(kept.entries().reversed());
        return String.join("\n", lines);
    }

    /** Entries newest first (a list): the newest that fit, then a line saying how many older ones were left out. */
    public String newestFirst(List<String> entries) {
        Kept kept = keepNewest(entries);
        var lines = new ArrayList<>(kept.entries());
        if (kept.leftOut() > 0) {
            lines.add(leftOut(kept.leftOut(), "older"));
        }
        return String.join("\n", lines);
    }

    static String leftOut(int count, String which) {
        return "%s %d %s %s not shown".formatted(SafeText.ELLIPSIS, count, which, count == 1 ? "entry" : "entries");
    }

    private record Kept(List<String> entries, int leftOut) {}

    /**
     * From the newest on, whole entries while they fit with room for the "left out" line; the first that does not fit
     * is cut to the room left when that is enough to read ({@link #SHORTEST_PART}), so a long brief posted with its
     * first tag is shortened, not lost.
     */
    private Kept keepNewest(List<String> newestFirst) {
        int total = newestFirst.size();
        int notice = leftOut(total, "earlier").length() + 1;
        var kept = new ArrayList<String>();
        int used = 0;
        for (String entry : newestFirst) {
            int separator = kept.isEmpty() ? 0 : 1;
            boolean last = kept.size() + 1 == total;
            int room = chars - used - separator - (last ? 0 : notice);
            if (entry.length() <= room) {
                kept.add(entry);
                used += separator + entry.length();
                continue;
            }
            if (room >= SHORTEST_PART || kept.isEmpty()) {
                kept.add(SafeText.cut(entry, Math.max(1, room)));
            }
            break;
        }
        return new Kept(kept, total - kept.size());
    }
}
