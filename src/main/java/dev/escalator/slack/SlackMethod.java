package dev.escalator.slack;

import java.util.Set;

/**
 * Every Slack Web API method the bot calls, with the bot scope it needs. The one list: the manifest test checks that
 * {@code manifests/slack/manifest.yml} asks for exactly these scopes, so a new call cannot ship without its scope.
 */
enum SlackMethod {
    AUTH_TEST("auth.test"),
    CHAT_POST_MESSAGE("chat.postMessage", "chat:write"),
    CHAT_UPDATE("chat.update", "chat:write"),
    CHAT_POST_EPHEMERAL("chat.postEphemeral", "chat:write"),
    VIEWS_OPEN("views.open"),
    /** The link to an escalation's root message, asked once and kept on the escalation; needs no scope. */
    CHAT_GET_PERMALINK("chat.getPermalink"),
    /** The SDK's three-step upload: files.getUploadURLExternal, the upload, files.completeUploadExternal. */
    FILES_UPLOAD_V2("files.uploadV2", "files:write"),
    /** Opening (or finding) the direct-message channel with a person tagged, to send them a direct message. */
    CONVERSATIONS_OPEN("conversations.open", "im:write"),
    /** Looking for a post an interrupted attempt may have made, in a public or a private channel or a direct message. */
    CONVERSATIONS_HISTORY("conversations.history", "channels:history", "groups:history", "im:history"),
    /** The same in a thread. */
    CONVERSATIONS_REPLIES("conversations.replies", "channels:history", "groups:history");

    private final String method;

    @SuppressWarnings("ImmutableEnumChecker") // Set.of: unmodifiable, though the declared type cannot say so
    private final Set<String> scopes;

    SlackMethod(String method, String... scopes) {
        this.method = method;
        this.scopes = Set.of(scopes);
    }

    /** The method's name in Slack's documentation and URL, e.g. {@code chat.postMessage}. */
    String method() {
        return method;
    }

    /** The bot scopes the method needs; empty for methods any valid token may call. */
    Set<String> scopes() {
        return scopes;
    }
}
