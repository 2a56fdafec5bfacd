package dev.escalator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What people read of an alert group: a title that fits, and a brief that stays one post however big the group. */
class AlertBriefTest {
    @Test
    void aGroupOfManyAlertsListsTheFirstTwentyAndCountsTheRest() {
        var brief = briefOf(group(AlertBrief.LISTED_ALERTS + 1));

        assertThat(brief)
                .contains("21 alerts:\n")
                .contains("• alert 20\n")
                .doesNotContain("• alert 21")
                .contains("… and 1 more\n");
    }

    @Test
    void aGroupOfTwentyAlertsListsThemAll() {
        var brief = briefOf(group(AlertBrief.LISTED_ALERTS));

        assertThat(brief).contains("• alert 20\n").doesNotContain("more");
    }

    @Test
    void aGroupOfOneAlertSaysAlert() {
        assertThat(briefOf(group(1))).contains("Alert:\n• alert 1\n").doesNotContain("1 alerts");
    }

    @Test
    void labelsAreListedOnlyWhenTheGroupHasSome() {
        assertThat(briefOf(group(1))).doesNotContain("Labels:");
        assertThat(briefOf(withLabels(Map.of("team", "payments")))).contains("Labels: {team=payments}\n");
    }

    @Test
    void aTitleOfTwoHundredCharactersIsKeptAndALongerOneIsCutWithAnEllipsis() {
        String longest = "t".repeat(200);

        assertThat(AlertBrief.title(titled(longest))).isEqualTo(longest);
        assertThat(AlertBrief.title(titled(longest + "u"))).isEqualTo("t".repeat(199) + "…");
    }

    private static String briefOf(AlertEvent alert) {
        return AlertBrief.of("prom", alert).whatIsWrong().orElseThrow();
    }

    private static AlertEvent group(int alerts) {
        var items = IntStream.rangeClosed(1, alerts)
                .mapToObj(i -> new AlertEvent.Item("alert " + i, true, "", List.of()))
                .toList();
        return event("Group", Map.of(), items);
    }

    private static AlertEvent withLabels(Map<String, String> labels) {
        return event("Group", labels, List.of());
    }

    private static AlertEvent titled(String title) {
        return event(title, Map.of(), List.of());
    }

    private static AlertEvent event(String title, Map<String, String> labels, List<AlertEvent.Item> items) {
        return new AlertEvent(
                "key",
                false,
                AlertEvent.Signal.FIRING,
                title,
                Optional.empty(),
                labels,
                Optional.empty(),
                items,
                List.of());
    }
}
