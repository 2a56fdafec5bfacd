package dev.escalator.config;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the ids chat platforms give to accounts and channels, checking their form so that a name written where an id
 * belongs ({@code slack: alice}, {@code slack: "#payments"}) is caught at start-up instead of at the first escalation.
 */
final class ChatIds {
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,}");
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");

    private ChatIds() {}

    static Optional<String> slackUser(YamlField field) {
        return field.parsed("a Slack user id like U0ALICE (U or W, then capitals and digits)", matching(SLACK_USER));
    }

    static Optional<String> slackChannel(YamlField field) {
        return field.parsed(
                "a Slack channel id like C0PAY (C or G, then capitals and digits; not the #name)",
                matching(SLACK_CHANNEL));
    }

    static Optional<String> discordUser(YamlField field) {
        return field.parsed("a Discord user id: digits, like \"111111111111111111\"", ChatIds::snowflake);
    }

    static Optional<String> discordChannel(YamlField field) {
        return field.parsed("a Discord channel id: digits, like \"222222222222222222\"", ChatIds::snowflake);
    }

    private static Function<String, Optional<String>> matching(Pattern pattern) {
        return text ->
                Optional.of(text.strip()).filter(id -> pattern.matcher(id).matches());
    }

    /** A snowflake is an unsigned 64-bit number. */
    private static Optional<String> snowflake(String text) {
        String id = text.strip();
        if (!SNOWFLAKE.matcher(id).matches()) {
            return Optional.empty();
        }
        try {
            Long.parseUnsignedLong(id);
            return Optional.of(id);
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }
}
