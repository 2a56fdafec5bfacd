package dev.escalator.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The emoji the bot knows by both names: Slack reports a reaction by its name ({@code eyes}), Discord by the emoji
 * itself (👀). Each entry is a name as Slack and Discord spell it, other names Slack accepts for it, and the Unicode
 * emoji in its fully-qualified form (with the U+FE0F variation selector where the standard puts one).
 */
public final class Emoji {
    private record Entry(String name, List<String> aliases, String unicode) {}

    private static final List<Entry> TABLE = List.of(
            new Entry("eyes", List.of(), "👀"),
            new Entry("white_check_mark", List.of(), "✅"),
            new Entry("heavy_check_mark", List.of(), "✔\uFE0F"),
            new Entry("ballot_box_with_check", List.of(), "☑\uFE0F"),
            new Entry("arrow_up", List.of(), "⬆\uFE0F"),
            new Entry("arrow_double_up", List.of(), "⏫"),
            new Entry("point_up", List.of(), "☝\uFE0F"),
            new Entry("up", List.of(), "🆙"),
            new Entry("x", List.of(), "❌"),
            new Entry("heavy_multiplication_x", List.of(), "✖\uFE0F"),
            new Entry("negative_squared_cross_mark", List.of(), "❎"),
            new Entry("no_entry", List.of(), "⛔"),
            new Entry("no_entry_sign", List.of(), "🚫"),
            new Entry("no_good", List.of(), "🙅"),
            new Entry("thumbsup", List.of("+1"), "👍"),
            new Entry("thumbsdown", List.of("-1"), "👎"),
            new Entry("ok_hand", List.of(), "👌"),
            new Entry("raised_hand", List.of("hand"), "✋"),
            new Entry("raising_hand", List.of(), "🙋"),
            new Entry("raised_hands", List.of(), "🙌"),
            new Entry("wave", List.of(), "👋"),
            new Entry("muscle", List.of(), "💪"),
            new Entry("rotating_light", List.of(), "🚨"),
            new Entry("fire", List.of(), "🔥"),
            new Entry("warning", List.of(), "⚠\uFE0F"),
            new Entry("sos", List.of(), "🆘"),
            new Entry("octagonal_sign", List.of("stop_sign"), "🛑"),
            new Entry("ok", List.of(), "🆗"),
            new Entry("100", List.of(), "💯"),
            new Entry("tada", List.of(), "🎉"),
            new Entry("rocket", List.of(), "🚀"),
            new Entry("zzz", List.of(), "💤"),
            new Entry("hourglass", List.of(), "⌛"));

    /** Slack reports a reaction with a skin tone as {@code thumbsup::skin-tone-2}. */
    private static final Pattern SLACK_SKIN_TONE = Pattern.compile("::skin-tone-\\d:?$");

    private static final Pattern SURROUNDING_COLONS = Pattern.compile("^:+|:+$");

    private static final Map<String, Entry> BY_NAME = new HashMap<>();
    private static final Map<String, Entry> BY_UNICODE = new HashMap<>();

    static {
        for (var entry : TABLE) {
            BY_NAME.put(entry.name(), entry);
            entry.aliases().forEach(alias -> BY_NAME.put(alias, entry));
            BY_UNICODE.put(withoutModifiers(entry.unicode()), entry);
        }
    }

    private Emoji() {}

    /**
     * One spelling for every way of writing the same emoji, so they compare equal: {@code :+1:},
     * {@code thumbsup::skin-tone-3}, 👍 and 👍🏽 all give {@code thumbsup}. A name the table does not know (a custom
     * emoji) gives itself without colons, in lower case.
     */
    public static String canonical(String reaction) {
        String text = reaction.strip();
        var byUnicode = BY_UNICODE.get(withoutModifiers(text));
        if (byUnicode != null) {
            return byUnicode.name();
        }
        String name = SURROUNDING_COLONS
                .matcher(SLACK_SKIN_TONE.matcher(text).replaceFirst(""))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
        var byName = BY_NAME.get(name);
        return byName != null ? byName.name() : name;
    }

    /** The Unicode emoji for a name, alias or emoji, when the table knows it. */
    public static Optional<String> unicode(String reaction) {
        return Optional.ofNullable(BY_NAME.get(canonical(reaction))).map(Entry::unicode);
    }

    /**
     * Discord sends ⬆️ with or without the variation selector depending on the client, and a skin tone as a modifier
     * after the hand; neither changes which emoji it is.
     */
    private static String withoutModifiers(String emoji) {
        var plain = new StringBuilder();
        emoji.codePoints()
                .filter(point -> point != 0xFE0F && point != 0xFE0E && (point < 0x1F3FB || point > 0x1F3FF))
                .forEach(plain::appendCodePoint);
        return plain.toString();
    }
}
