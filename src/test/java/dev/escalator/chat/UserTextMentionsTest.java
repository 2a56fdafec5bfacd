package dev.escalator.chat;

import static dev.escalator.testing.Commands.decline;
import static dev.escalator.testing.Commands.note;
import static dev.escalator.testing.Commands.resolve;
import static dev.escalator.testing.Commands.up;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.alice;
import static dev.escalator.testing.Fixtures.anOpenRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Brief;
import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Outcome;
import dev.escalator.core.TimelineEntry;
import dev.escalator.core.Transitions;
import dev.escalator.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §6: user text never mentions broadly. Every field a user types goes through the narrator, and each one is
 * neutralised on each platform, for every kind of broad mention: a field that skipped it would ping a whole channel.
 */
class UserTextMentionsTest {
    static final Transitions TRANSITIONS = new Transitions(Fixtures.payments());

    /** What each platform reads as a broad mention, as a user could type it. */
    static final List<String> SLACK_BROAD =
            List.of("<!channel>", "<!here>", "<!everyone>", "<!subteam^S0ONCALL|@oncall>");

    static final List<String> DISCORD_BROAD = List.of("@everyone", "@here", "<@&300000000000000001>");

    /** One place user text shows up: the field's text in, what the narrator posts out. */
    enum Field {
        TITLE_IN_THE_HEADLINE((narrator, text) -> narrator.headline(opened(text, Brief.EMPTY))),
        TITLE_IN_THE_LIST((narrator, text) -> narrator.listLine(opened(text, Brief.EMPTY))),
        TITLE_IN_THE_FALLBACK_ALERT((narrator, text) -> narrator.fallbackAlert(opened(text, Brief.EMPTY))),
        TITLE_IN_THE_TIMELINE((narrator, text) -> narrator.timeline(opened(text, Brief.EMPTY))),
        WHAT_IS_WRONG((narrator, text) -> narrator.brief(opened("x", brief(text, 0)))),
        IMPACT((narrator, text) -> narrator.brief(opened("x", brief(text, 1)))),
        TRIED((narrator, text) -> narrator.brief(opened("x", brief(text, 2)))),
        HELP_NEEDED((narrator, text) -> narrator.brief(opened("x", brief(text, 3)))),
        NOTE((narrator, text) -> told(narrator, note(alice(), text), Event.Noted.class)),
        RESOLVE_NOTE((narrator, text) -> told(narrator, resolve(alice(), text), Event.Resolved.class)),
        DECLINE_REASON((narrator, text) -> told(narrator, decline(alice(), text), Event.Declined.class)),
        ESCALATE_REASON((narrator, text) -> told(narrator, up(alice(), text), Event.Escalated.class));

        final BiFunction<Narrator, String, String> posted;

        Field(BiFunction<Narrator, String, String> posted) {
            this.posted = posted;
        }
    }

    static Stream<Arguments> everyFieldOnEveryPlatformWithEveryBroadMention() {
        var cases = new ArrayList<Arguments>();
        for (Field field : Field.values()) {
            SLACK_BROAD.forEach(mention -> cases.add(Arguments.of(field, Markup.SLACK, mention)));
            DISCORD_BROAD.forEach(mention -> cases.add(Arguments.of(field, Markup.DISCORD, mention)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("everyFieldOnEveryPlatformWithEveryBroadMention")
    void aBroadMentionTypedIntoAnyFieldIsNeutralised(Field field, Markup markup, String mention) {
        var narrator = new Narrator(Fixtures.payments(), markup);

        String posted = field.posted.apply(narrator, "look " + mention + " now");

        assertThat(posted).as("the field is shown").contains("look ").contains(" now");
        assertThat(posted).doesNotContain(mention);
        if (markup == Markup.SLACK) {
            assertThat(posted)
                    .as("no special mention; dates are <!date^…>")
                    .doesNotContainPattern("<!(channel|here|everyone|subteam)");
        } else {
            assertThat(posted).doesNotContain("@everyone", "@here", "<@&");
        }
    }

    private static Escalation opened(String title, Brief brief) {
        var applied = (Outcome.Applied) TRANSITIONS.open(
                new EscalationId(7), anOpenRequest().titled(title).brief(brief).build(), T0);
        return applied.escalation();
    }

    private static Brief brief(String text, int field) {
        Optional<String> none = Optional.empty();
        Optional<String> it = Optional.of(text);
        return new Brief(
                field == 0 ? it : none,
                field == 1 ? it : none,
                field == 2 ? it : none,
                field == 3 ? it : none,
                Optional.empty());
    }

    /** The thread post for the entry of type {@code event} that {@code command} adds to an open escalation. */
    private static String told(Narrator narrator, Command command, Class<? extends Event> event) {
        Escalation open = opened("x", Brief.EMPTY);
        var applied = (Outcome.Applied) TRANSITIONS.decide(open, command, T0.plus(Duration.ofMinutes(1)));
        Escalation after = applied.escalation();
        TimelineEntry entry = after.timeline().stream()
                .filter(e -> event.isInstance(e.event()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + event.getSimpleName() + " in " + after.timeline()));
        return narrator.entry(after, entry);
    }
}
