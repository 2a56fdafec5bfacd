package dev.escalator.chat;

import dev.escalator.core.Platform;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes user text safe to post: it can never mention a whole channel, workspace or group (SPEC §6). {@link #cut} is
 * the primitive under {@link TextLimit}, which holds the platforms' limits and the rule for lists.
 */
public final class SafeText {
    static final String ELLIPSIS = "…";
    /** A word joiner after the @ keeps the word readable and stops the platform from reading it as a mention. */
    private static final String BREAK = "\u2060";

    private static final Pattern SLACK_SPECIAL =
            Pattern.compile("<!(channel|here|everyone)(?:\\|[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SLACK_GROUP = Pattern.compile("<!subteam\\^[^>|]*(?:\\|([^>]*))?>");
    private static final Pattern SLACK_OTHER_COMMAND = Pattern.compile("<!([^>]*)>");
    /** No word boundary: Discord reads {@code @everyone} even inside a longer word. */
    private static final Pattern BROAD_WORD = Pattern.compile("@(channel|here|everyone)", Pattern.CASE_INSENSITIVE);

    private static final Pattern DISCORD_ROLE = Pattern.compile("<@&(\\d+)>");

    private SafeText() {}

    /** User text with every broad mention neutralised for {@code platform}; person mentions are left alone. */
    public static String neutralise(String text, Platform platform) {
        String safe = text;
        if (platform == Platform.SLACK) {
            safe = replace(SLACK_SPECIAL, safe, m -> "@" + BREAK + m.group(1).toLowerCase(java.util.Locale.ROOT));
            safe = replace(
                    SLACK_GROUP,
                    safe,
                    m -> "@" + BREAK
                            + (m.group(1) == null ? "group" : m.group(1).replaceFirst("^@", "")));
            safe = replace(SLACK_OTHER_COMMAND, safe, m -> "&lt;!" + m.group(1) + "&gt;");
        } else {
            safe = replace(DISCORD_ROLE, safe, m -> "@" + BREAK + "role");
        }
        return replace(BROAD_WORD, safe, m -> "@" + BREAK + m.group(1));
    }

    /** The text, or its start and an ellipsis when it is longer than {@code limit} characters; never splits a pair. */
    public static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
    }

    private static String replace(
            Pattern pattern, String text, java.util.function.Function<java.util.regex.MatchResult, String> with) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(with.apply(m)));
    }
}
