package dev.escalator.slack;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.escalator.chat.FormInput;
import dev.escalator.core.PathId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The modal an empty {@code /escalate} opens, and what its submission says. The channel the command was typed in
 * rides along in {@code private_metadata}: a submission carries no channel of its own.
 */
final class EscalationForm {
    static final String CALLBACK_ID = "escalator_open";
    static final String TITLE = "title";
    static final String WHAT_IS_WRONG = "what_is_wrong";
    static final String IMPACT = "impact";
    static final String TRIED = "tried";
    static final String HELP_NEEDED = "help_needed";
    static final String DECISION_BY = "decision_by";
    static final String SEVERITY = "severity";
    static final String PATH = "path";
    /** Each input block has one element; its action id is the same everywhere, the block id says which field. */
    static final String VALUE = "value";

    private EscalationForm() {}

    /** The modal, for a channel whose bound path (if any) is preselected. */
    static View modal(String channelId, List<PathId> paths, Optional<PathId> channelPath) {
        var blocks = new ArrayList<LayoutBlock>();
        blocks.add(text(TITLE, "Title", false, false, 150));
        blocks.add(text(WHAT_IS_WRONG, "What is wrong", true, true, 2000));
        blocks.add(text(IMPACT, "Impact", true, true, 2000));
        blocks.add(text(TRIED, "What was tried", true, true, 2000));
        blocks.add(text(HELP_NEEDED, "Help needed", true, true, 2000));
        blocks.add(text(DECISION_BY, "Decision needed by (4h, or 2026-11-24T17:00Z)", false, true, 40));
        List<OptionObject> severities =
                List.of(option("1", "1 (worst)"), option("2", "2"), option("3", "3 (default)"), option("4", "4"));
        blocks.add(select(SEVERITY, "Severity", severities, Optional.of(severities.get(2))));
        if (!paths.isEmpty()) {
            List<OptionObject> options =
                    paths.stream().map(p -> option(p.value(), p.value())).toList();
            Optional<OptionObject> initial = channelPath.flatMap(bound -> options.stream()
                    .filter(o -> o.getValue().equals(bound.value()))
                    .findFirst());
            blocks.add(select(PATH, "Path", options, initial));
        }
        return view(v -> v.type("modal")
                .callbackId(CALLBACK_ID)
                .privateMetadata(channelId)
                .title(viewTitle(t -> t.type("plain_text").text("Escalate")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Open")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /** The input block of a field, where Slack shows an error about it. */
    static String blockId(FormInput.Field field) {
        return switch (field) {
            case TITLE -> TITLE;
            case WHAT_IS_WRONG -> WHAT_IS_WRONG;
            case IMPACT -> IMPACT;
            case TRIED -> TRIED;
            case HELP_NEEDED -> HELP_NEEDED;
            case DECISION_BY -> DECISION_BY;
            case SEVERITY -> SEVERITY;
            case PATH -> PATH;
        };
    }

    /** What was typed and chosen; blank fields are absent. */
    static FormInput submitted(View submitted) {
        Map<String, Map<String, ViewState.Value>> values =
                submitted.getState() == null ? Map.of() : submitted.getState().getValues();
        return new FormInput(
                field(values, TITLE).orElse(""),
                field(values, WHAT_IS_WRONG),
                field(values, IMPACT),
                field(values, TRIED),
                field(values, HELP_NEEDED),
                field(values, DECISION_BY),
                field(values, SEVERITY),
                field(values, PATH));
    }

    private static Optional<String> field(Map<String, Map<String, ViewState.Value>> values, String block) {
        return Optional.ofNullable(values.get(block))
                .map(actions -> actions.get(VALUE))
                .flatMap(value -> value.getSelectedOption() != null
                        ? Optional.ofNullable(value.getSelectedOption().getValue())
                        : Optional.ofNullable(value.getValue()))
                .map(String::strip)
                .filter(text -> !text.isEmpty());
    }

    private static LayoutBlock text(String block, String label, boolean multiline, boolean optional, int max) {
        return Blocks.input(i -> i.blockId(block)
                .label(plainText(label))
                .optional(optional)
                .element(plainTextInput(
                        e -> e.actionId(VALUE).multiline(multiline).maxLength(max))));
    }

    private static LayoutBlock select(
            String block, String label, List<OptionObject> options, Optional<OptionObject> initial) {
        return Blocks.input(i -> i.blockId(block)
                .label(plainText(label))
                .element(staticSelect(s -> s.actionId(VALUE).options(options).initialOption(initial.orElse(null)))));
    }

    private static OptionObject option(String value, String text) {
        return OptionObject.builder().value(value).text(plainText(text)).build();
    }
}
