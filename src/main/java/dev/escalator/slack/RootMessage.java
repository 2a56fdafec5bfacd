package dev.escalator.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.escalator.chat.Narrator;
import dev.escalator.chat.TextLimit;
import dev.escalator.core.Action;
import dev.escalator.core.Escalation;
import dev.escalator.core.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The root message in Block Kit: the headline and facts in one section, and the Acknowledge / Resolve / Escalate
 * buttons while there is something left to do. A button's {@code value} is the escalation's number, its {@code
 * action_id} names the action ({@code escalator_ack}), so a press needs no lookup by message.
 */
final class RootMessage {
    static final String ACTION_PREFIX = "escalator_";
    private static final List<Action> BUTTONS = List.of(Action.ACKNOWLEDGE, Action.RESOLVE, Action.ESCALATE);

    private RootMessage() {}

    /** The notification and screen-reader text that goes with the blocks. */
    static String text(Narrator narrator, Escalation e) {
        return TextLimit.SLACK_MESSAGE.cut(narrator.headline(e));
    }

    static List<LayoutBlock> blocks(Narrator narrator, Escalation e) {
        String body = narrator.markup().bold(narrator.headline(e)) + "\n" + narrator.facts(e);
        var blocks = new ArrayList<LayoutBlock>();
        blocks.add(section(s -> s.text(markdownText(TextLimit.SLACK_BLOCK.cut(body)))));
        if (e.status() != Status.RESOLVED) {
            List<BlockElement> buttons =
                    BUTTONS.stream().map(action -> button(action, e)).toList();
            blocks.add(actions(a -> a.blockId("escalator_actions").elements(buttons)));
        }
        return blocks;
    }

    /** The action a button's {@code action_id} stands for, if it is one of ours (the root's or a direct message's). */
    static Optional<Action> action(String actionId) {
        return java.util.stream.Stream.concat(BUTTONS.stream(), DirectMessageBlocks.BUTTONS.stream())
                .filter(a -> actionId(a).equals(actionId))
                .findFirst();
    }

    static String actionId(Action action) {
        return ACTION_PREFIX + action.command().toLowerCase(Locale.ROOT);
    }

    static BlockElement button(Action action, Escalation e) {
        return ButtonElement.builder()
                .actionId(actionId(action))
                .text(plainText(label(action)))
                .value(Long.toString(e.id().number()))
                .style(action == Action.ACKNOWLEDGE ? "primary" : null)
                .build();
    }

    private static String label(Action action) {
        return switch (action) {
            case ACKNOWLEDGE -> "Acknowledge";
            case DECLINE -> "Decline";
            case RESOLVE -> "Resolve";
            case ESCALATE -> "Escalate";
            default -> throw new IllegalArgumentException("no button for " + action);
        };
    }
}
