package dev.escalator.slack;

/**
 * What the bot receives from Slack besides Web API answers, with the bot scope each needs: the manifest test checks
 * these next to {@link SlackMethod}.
 */
enum SlackSubscription {
    /** {@code /escalate}. */
    SLASH_COMMAND("commands"),
    /** The {@code reaction_added} event: acknowledging and resolving by emoji. */
    REACTION_ADDED("reactions:read");

    private final String scope;

    SlackSubscription(String scope) {
        this.scope = scope;
    }

    String scope() {
        return scope;
    }
}
