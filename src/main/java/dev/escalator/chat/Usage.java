package dev.escalator.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** How each sub-command is written; the help text and every "write it as" message come from here. */
public final class Usage {
    private static final Map<String, String> FORMS = new LinkedHashMap<>();

    static {
        FORMS.put("open", "<title> [sev:1-4] [path:NAME] [by:4h]");
        FORMS.put("ack", "ack ESC-12");
        FORMS.put("resolve", "resolve ESC-12 [note]");
        FORMS.put("up", "up ESC-12 [to:LEVEL] [reason]");
        FORMS.put("decline", "decline ESC-12 [reason]");
        FORMS.put("reassign", "reassign ESC-12 @someone");
        FORMS.put("snooze", "snooze ESC-12 30m");
        FORMS.put("note", "note ESC-12 text");
        FORMS.put("reopen", "reopen ESC-12");
        FORMS.put("status", "status ESC-12");
        FORMS.put("list", "list [mine|all|stale]");
        FORMS.put("stats", "stats [path] [7d|30d|90d]");
        FORMS.put("timeline", "timeline ESC-12");
        FORMS.put("help", "help");
    }

    private Usage() {}

    static String of(String verb) {
        return FORMS.getOrDefault(verb, verb);
    }

    /** The whole usage, one line per sub-command, for {@code /escalate help}. */
    public static String help(String command) {
        return "Escalator: get a stuck issue in front of the right person.\n"
                + FORMS.values().stream()
                        .map(form -> "`" + command + " " + form + "`")
                        .collect(Collectors.joining("\n"))
                + "\nAn empty `" + command
                + "` opens a form. React 👀 to acknowledge, ✅ to resolve, ⬆️ to escalate, ❌ to decline.";
    }
}
