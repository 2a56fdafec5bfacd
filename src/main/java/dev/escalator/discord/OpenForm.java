package dev.escalator.discord;

import dev.escalator.chat.CommandLine;
import dev.escalator.chat.FormInput;
import dev.escalator.chat.SubCommand;
import dev.escalator.chat.Usage;
import dev.escalator.core.PathId;
import dev.escalator.core.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The form {@code /escalate open} shows without a title (SPEC §6): it asks what the Slack modal asks. A Discord modal
 * holds at most five fields and cannot follow another modal, so the form has two pages:
 *
 * <ol>
 *   <li>a private message with menus for the severity, the path (only where the channel has none bound) and when a
 *       decision is needed, and a "Write the brief…" button;
 *   <li>the modal that button opens: title, what is wrong, impact, what was tried, help needed.
 * </ol>
 *
 * What the first page chose travels in the custom ids of its menus, its button and the modal ({@link Draft}), so any
 * replica, before or after a restart, can carry the form on without remembering anything. Options typed with the
 * command ({@code severity:}, {@code path:}, {@code by:}) are the first page's answers; when they answer all of it,
 * the modal opens straight away.
 */
final class OpenForm {
    static final String PAGE = "escalator-form:";
    static final String MODAL = "escalator-open:";
    static final String SEVERITY = "severity";
    static final String PATH = "path";
    static final String BY = "by";
    static final String WRITE = "write";
    /** Discord's longest custom id. */
    private static final int LONGEST_ID = 100;

    private static final String NO_DEADLINE = "none";
    private static final Map<String, String> DEADLINES = presets();

    private OpenForm() {}

    /** What the first page has chosen so far. */
    record Draft(int severity, Optional<String> by, Optional<String> path) {
        static final Draft EMPTY = new Draft(3, Optional.empty(), Optional.empty());

        Draft {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(path, "path");
        }

        String encoded() {
            return severity + "|" + by.orElse("") + "|" + path.orElse("");
        }

        static Optional<Draft> decoded(String text) {
            String[] parts = text.split("\\|", 3);
            if (parts.length != 3 || !parts[0].matches("[1-4]")) {
                return Optional.empty();
            }
            return Optional.of(new Draft(Integer.parseInt(parts[0]), present(parts[1]), present(parts[2])));
        }

        Draft with(String field, String value) {
            return switch (field) {
                case SEVERITY -> value.matches("[1-4]") ? new Draft(Integer.parseInt(value), by, path) : this;
                case BY -> new Draft(severity, value.equals(NO_DEADLINE) ? Optional.empty() : Optional.of(value), path);
                case PATH -> new Draft(severity, by, present(value));
                default -> this;
            };
        }

        private static Optional<String> present(String text) {
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
    }

    /** How the form starts: its first page, straight at the modal, or a problem with what was typed. */
    sealed interface Start {
        record Page(String text, List<ActionRow> rows) implements Start {}

        record Form(Modal modal) implements Start {}

        record Problem(String text) implements Start {}
    }

    /**
     * The form for {@code /escalate open} typed with these {@code options} and no title; {@code pathsToAsk} are the
     * paths to offer, empty when the channel is bound to one.
     */
    static Start start(Map<String, String> options, List<PathId> pathsToAsk) {
        Optional<String> by = text(options, BY);
        if (by.isPresent() && CommandLine.decisionBy(by.get()).isEmpty()) {
            return new Start.Problem("`by` takes a duration like `4h` or a time like `2026-11-24T17:00Z`; got `%s`. %s"
                    .formatted(by.get(), Usage.writeItAs(SubCommand.OPEN, Platform.DISCORD)));
        }
        Optional<String> severity = text(options, SEVERITY).filter(s -> s.matches("[1-4]"));
        Optional<String> path = text(options, PATH);
        var draft = new Draft(severity.map(Integer::parseInt).orElse(3), by, path);
        if (!fits(draft)) {
            return new Start.Problem("That does not fit Discord's form; open it with `%s` instead."
                    .formatted(Usage.of(SubCommand.OPEN, Platform.DISCORD)));
        }
        boolean pathKnown = path.isPresent() || pathsToAsk.isEmpty();
        if (severity.isPresent() && by.isPresent() && pathKnown) {
            return new Start.Form(modal(draft));
        }
        return page(draft, pathsToAsk);
    }

    /** The first page showing {@code draft}'s choices. */
    static Start.Page page(Draft draft, List<PathId> pathsToAsk) {
        String state = draft.encoded();
        var rows = new ArrayList<ActionRow>();
        rows.add(ActionRow.of(StringSelectMenu.create(PAGE + SEVERITY + ":" + state)
                .setPlaceholder("Severity")
                .addOptions(
                        option("Severity 1 (worst)", "1", draft.severity() == 1),
                        option("Severity 2", "2", draft.severity() == 2),
                        option("Severity 3 (default)", "3", draft.severity() == 3),
                        option("Severity 4", "4", draft.severity() == 4))
                .build()));
        boolean askPath = !pathsToAsk.isEmpty();
        if (askPath) {
            rows.add(ActionRow.of(StringSelectMenu.create(PAGE + PATH + ":" + state)
                    .setPlaceholder("Escalation path (this channel has none)")
                    .addOptions(pathsToAsk.stream()
                            .limit(EscalateCommand.MOST_CHOICES)
                            .map(p -> option(
                                    "Path " + p.value(), p.value(), draft.path().equals(Optional.of(p.value()))))
                            .toList())
                    .build()));
        }
        rows.add(ActionRow.of(StringSelectMenu.create(PAGE + BY + ":" + state)
                .setPlaceholder("Decision needed by")
                .addOptions(deadlines(draft.by()))
                .build()));
        rows.add(ActionRow.of(Button.primary(PAGE + WRITE + ":" + state, "Write the brief…")
                .withDisabled(askPath && draft.path().isEmpty())));
        String text = "**Open an escalation** · pick the severity%s and when a decision is needed, then press **Write"
                        .formatted(askPath ? ", the path" : "")
                + " the brief…** for the title, what is wrong, impact, what was tried and help needed.";
        return new Start.Page(text, rows);
    }

    /** The second page: the brief's five text fields, with the first page's choices in its id. */
    static Modal modal(Draft draft) {
        return Modal.create(MODAL + draft.encoded(), "Open an escalation")
                .addComponents(
                        Label.of(
                                "Title",
                                TextInput.create("title", TextInputStyle.SHORT)
                                        .setRequired(true)
                                        .setMaxLength(200)
                                        .build()),
                        Label.of("What is wrong", optional("wrong")),
                        Label.of("Impact", optional("impact")),
                        Label.of("What was tried", optional("tried")),
                        Label.of("Help needed", optional("help")))
                .build();
    }

    /** The draft a page's menu or button, or the modal, carries in its custom id ({@code prefix} then the draft). */
    static Optional<Draft> draftIn(String customId, String prefix) {
        return customId.startsWith(prefix) ? Draft.decoded(customId.substring(prefix.length())) : Optional.empty();
    }

    /** The field a page's component is for, and the draft it carries. */
    static Optional<Map.Entry<String, Draft>> pageComponent(String customId) {
        if (!customId.startsWith(PAGE)) {
            return Optional.empty();
        }
        String rest = customId.substring(PAGE.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Draft.decoded(rest.substring(colon + 1)).map(draft -> Map.entry(rest.substring(0, colon), draft));
    }

    /** The submitted values, by field id, with the first page's choices; a field left empty is absent. */
    static FormInput input(Draft draft, Function<String, Optional<String>> value) {
        return new FormInput(
                value.apply("title").orElse(""),
                value.apply("wrong"),
                value.apply("impact"),
                value.apply("tried"),
                value.apply("help"),
                draft.by(),
                Optional.of(String.valueOf(draft.severity())),
                draft.path());
    }

    private static boolean fits(Draft draft) {
        return (PAGE + SEVERITY + ":" + draft.encoded()).length() <= LONGEST_ID
                && (MODAL + draft.encoded()).length() <= LONGEST_ID;
    }

    private static List<SelectOption> deadlines(Optional<String> chosen) {
        var options = new ArrayList<SelectOption>();
        if (chosen.isPresent() && !DEADLINES.containsKey(chosen.get())) {
            options.add(option("By " + chosen.get(), chosen.get(), true));
        }
        DEADLINES.forEach((value, label) ->
                options.add(option(label, value, chosen.map(value::equals).orElse(value.equals(NO_DEADLINE)))));
        return options;
    }

    private static Map<String, String> presets() {
        var presets = new java.util.LinkedHashMap<String, String>();
        presets.put(NO_DEADLINE, "No decision deadline");
        presets.put("1h", "Decision needed within 1 hour");
        presets.put("4h", "Decision needed within 4 hours");
        presets.put("8h", "Decision needed within 8 hours");
        presets.put("1d", "Decision needed within 1 day");
        presets.put("3d", "Decision needed within 3 days");
        presets.put("1w", "Decision needed within 1 week");
        return java.util.Collections.unmodifiableMap(presets);
    }

    private static SelectOption option(String label, String value, boolean chosen) {
        return SelectOption.of(label, value).withDefault(chosen);
    }

    private static Optional<String> text(Map<String, String> options, String name) {
        return Optional.ofNullable(options.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static TextInput optional(String id) {
        return TextInput.create(id, TextInputStyle.PARAGRAPH)
                .setRequired(false)
                .setMaxLength(1000)
                .build();
    }
}
