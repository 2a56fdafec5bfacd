package dev.escalator.slack;

import java.util.Optional;

/**
 * Every Slack Web API method the bot calls, with the bot scope it needs. The one list: the manifest test checks that
 * {@code manifests/slack/manifest.yml} asks for exactly these scopes, so a new call cannot ship without its scope.
 */
enum SlackMethod {
    AUTH_TEST("auth.test", Optional.empty()),
    CHAT_POST_MESSAGE("chat.postMessage", Optional.of("chat:write")),
    CHAT_UPDATE("chat.update", Optional.of("chat:write")),
    CHAT_POST_EPHEMERAL("chat.postEphemeral", Optional.of("chat:write")),
    VIEWS_OPEN("views.open", Optional.empty()),
    /** The SDK's three-step upload: files.getUploadURLExternal, the upload, files.completeUploadExternal. */
    FILES_UPLOAD_V2("files.uploadV2", Optional.of("files:write"));

    private final String method;
    private final Optional<String> scope;

    SlackMethod(String method, Optional<String> scope) {
        this.method = method;
        this.scope = scope;
    }

    /** The method's name in Slack's documentation and URL, e.g. {@code chat.postMessage}. */
    String method() {
        return method;
    }

    /** The bot scope the method needs; empty for methods any valid token may call. */
    Optional<String> scope() {
        return scope;
    }
}
