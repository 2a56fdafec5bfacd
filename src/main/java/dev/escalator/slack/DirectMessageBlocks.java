package dev.escalator.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.escalator.chat.Narrator;
import dev.escalator.chat.TextLimit;
import dev.escalator.core.Action;
import dev.escalator.core.Escalation;
import dev.escalator.core.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A direct message to someone tagged, in Block Kit (SPEC §11): what the narrator says, and Acknowledge / Decline while
 * it asks for an answer. Its buttons are the root's kind ({@link RootMessage#action}): the press acts on the escalation
 * named by the button's value, whatever channel it comes from.
 */
final class DirectMessageBlocks {
    static final List<Action> BUTTONS = List.of(Action.ACKNOWLEDGE, Action.DECLINE);

    private DirectMessageBlocks() {}

    static String text(Narrator narrator, Escalation e, TimelineEntry tag, Optional<String> threadLink) {
        return TextLimit.SLACK_MESSAGE.cut(narrator.directMessage(e, tag, threadLink));
    }

    static List<LayoutBlock> blocks(Narrator narrator, Escalation e, TimelineEntry tag, Optional<String> threadLink) {
        var blocks = new ArrayList<LayoutBlock>();
        String body = narrator.directMessage(e, tag, threadLink);
        blocks.add(section(s -> s.text(markdownText(TextLimit.SLACK_BLOCK.cut(body)))));
        if (Narrator.asksForAnswer(e, tag.seq())) {
            List<BlockElement> buttons = BUTTONS.stream()
                    .map(action -> RootMessage.button(action, e))
                    .toList();
            blocks.add(actions(a -> a.blockId("escalator_dm_actions").elements(buttons)));
        }
        return blocks;
    }
}
