package dev.escalator.demo;

import dev.escalator.config.Emoji;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the demo's Slack as a person reads it: who said what, in the channel or in the escalation's thread, mentions
 * as {@code @name}, dates as Slack shows them, emoji as emoji; never JSON.
 */
final class ThreadPrinter {
    private static final String THREAD = "    ";
    private static final int NAME_WIDTH = 12;
    private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern CHANNEL = Pattern.compile("<#([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern DATE = Pattern.compile("<!date\\^[^|>]*\\|([^>]*)>");
    private static final Pattern SPECIAL = Pattern.compile("<!(here|channel|everyone)(?:\\|[^>]*)?>");
    private static final Pattern LINK = Pattern.compile("<([^|>]+)\\|([^>]*)>");
    private static final Pattern BOLD = Pattern.compile("\\*([^*\\n]+)\\*");
    private static final Pattern EMOJI = Pattern.compile(":([a-z0-9_+\\-]+):");

    private final PrintWriter out;
    private final Map<String, String> roots = new HashMap<>();
    private Optional<String> channel = Optional.empty();
    private boolean inThread;

    ThreadPrinter(PrintWriter out) {
        this.out = out;
    }

    /** A message from Slack, as its channel or thread shows it. */
    synchronized void show(FakeSlack.Post post) {
        var directMessagesWith = FakeSlack.directMessagesWith(post.channel()).map(Workspace::name);
        if (directMessagesWith.isPresent()) {
            directMessage(post, directMessagesWith.get());
            out.flush();
            return;
        }
        switch (post.kind()) {
            case MESSAGE -> {
                if (post.threadTs().isPresent()) {
                    inChannel(post.channel());
                    thread();
                    lines(THREAD, "Escalator:", post.text());
                } else {
                    inChannel(post.channel());
                    out.println();
                    lines("", "Escalator:", post.text());
                    roots.put(post.ts(), readable(post.text()));
                    inThread = false;
                }
            }
            case UPDATE -> {
                // only what changed, as the eye catches it on the message above the thread
                var before = Optional.ofNullable(roots.put(post.ts(), readable(post.text())))
                        .map(text -> text.lines().toList())
                        .orElse(List.of());
                var changed = readable(post.text())
                        .lines()
                        .filter(line -> !before.contains(line))
                        .toList();
                if (!changed.isEmpty()) {
                    out.println(
                            indent() + "(the message above the thread now shows: " + String.join(" / ", changed) + ")");
                }
            }
            case ONLY_FOR -> {
                String to = post.to().map(Workspace::name).orElse("someone");
                lines(indent(), "Escalator:", "(only " + to + " sees this) " + post.text());
            }
        }
        out.flush();
    }

    /** A direct message of the bot's to a person, or its update, set apart from the channel and its thread. */
    private void directMessage(FakeSlack.Post post, String person) {
        String text = readable(post.text());
        switch (post.kind()) {
            case MESSAGE -> {
                roots.put(post.ts(), text);
                lines(indent() + "  ✉ ", "Escalator → " + person + ":", text);
            }
            case UPDATE -> {
                var before = Optional.ofNullable(roots.put(post.ts(), text))
                        .map(old -> old.lines().toList())
                        .orElse(List.of());
                var changed =
                        text.lines().filter(line -> !before.contains(line)).toList();
                if (!changed.isEmpty()) {
                    out.println(indent() + "  ✉ (" + person + "'s direct message now shows: "
                            + String.join(" / ", changed) + ")");
                }
            }
            case ONLY_FOR -> lines(indent() + "  ✉ ", "Escalator → " + person + ":", text);
        }
    }

    /** What a person typed, in the thread when it is about an escalation already open. */
    synchronized void typed(String person, String text) {
        boolean aboutOne = text.contains("ESC-");
        lines(aboutOne ? indent() : "", person + ":", text);
        if (!aboutOne) {
            inThread = false;
        }
        out.flush();
    }

    /** {@code person} fills in the form {@code /escalate} opened and submits it. */
    synchronized void filledIn(String person, Map<String, String> fields) {
        out.println(indent() + "(a form opens; " + person + " fills it in and presses Open)");
        fields.forEach((field, value) -> out.println(indent() + "    " + field.replace('_', ' ') + ": " + value));
        out.flush();
    }

    synchronized void reacted(String person, String emoji) {
        out.println(indent() + person + " reacts " + Emoji.unicode(emoji).orElse(":" + emoji + ":"));
        out.flush();
    }

    synchronized void pressed(String person, String button) {
        out.println(indent() + person + " presses [" + button + "]");
        out.flush();
    }

    /** A line of the narrator's, set apart from what is on Slack. */
    synchronized void narrate(String text) {
        out.println();
        out.println("-- " + text);
        out.flush();
    }

    synchronized void plain(String text) {
        out.println(text);
        out.flush();
    }

    private String indent() {
        return inThread ? THREAD : "";
    }

    private void inChannel(String id) {
        if (channel.filter(id::equals).isEmpty()) {
            out.println();
            out.println("#" + Workspace.channelName(id));
            channel = Optional.of(id);
            inThread = false;
        }
    }

    private void thread() {
        if (!inThread) {
            out.println("  └ thread");
            inThread = true;
        }
    }

    private void lines(String indent, String who, String text) {
        String head = indent + who + " ".repeat(Math.max(1, NAME_WIDTH - who.length()));
        String rest = indent + " ".repeat(Math.max(NAME_WIDTH, who.length() + 1));
        var lines = readable(text).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            out.println((i == 0 ? head : rest) + lines.get(i));
        }
        if (lines.isEmpty()) {
            out.println(head.stripTrailing());
        }
    }

    /** Slack's markup as its app shows it. */
    static String readable(String text) {
        String shown = replace(MENTION, text, m -> "@" + Workspace.name(m.group(1)));
        shown = replace(CHANNEL, shown, m -> "#" + Workspace.channelName(m.group(1)));
        shown = replace(DATE, shown, m -> m.group(1));
        shown = replace(SPECIAL, shown, m -> "@" + m.group(1));
        shown = replace(LINK, shown, m -> m.group(2));
        shown = replace(BOLD, shown, m -> m.group(1));
        shown = replace(EMOJI, shown, m -> Emoji.unicode(m.group(1)).orElse(m.group()));
        return shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> by) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(by.apply(m)));
    }
}
