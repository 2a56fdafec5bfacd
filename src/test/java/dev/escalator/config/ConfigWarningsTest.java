package dev.escalator.config;

import static dev.escalator.config.ConfigText.parse;
import static dev.escalator.config.ConfigText.warningsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigWarningsTest {
    private static final String PEOPLE = """
            people:
              slacker: {slack: U0SLACK}
              gamer: {discord: "111111111111111111"}
              both: {slack: U0BOTH, discord: "444444444444444444"}
            """;
    private static final String MIXED_ROTATION = "mixed: {members: [both, slacker], shift: 1w, handoff: \"mon 09:00\"}";
    private static final String DISCORD_CHANNEL = "{discord: \"222222222222222222\", path: p}";

    /**
     * The people above (lines 1 to 4); then, unless {@code rotation} is empty, {@code rotations:} with it (line 6); then
     * path {@code p} with {@code levels}, one a line; then {@code channels}, one a line. Without a rotation, level 0 is
     * on line 8 and the first channel two lines after the last level.
     */
    private static String file(String rotation, List<String> levels, String... channels) {
        var yaml = new StringBuilder(PEOPLE);
        if (!rotation.isEmpty()) {
            yaml.append("rotations:\n  ").append(rotation).append('\n');
        }
        yaml.append("paths:\n  p:\n    levels:\n");
        levels.forEach(level -> yaml.append("      - ").append(level).append('\n'));
        if (channels.length > 0) {
            yaml.append("channels:\n");
            Arrays.stream(channels)
                    .forEach(channel -> yaml.append("  - ").append(channel).append('\n'));
        }
        return yaml.toString();
    }

    private static String level(String notify, String ackTimeout) {
        return "{notify: [%s], ack_timeout: %s}".formatted(notify, ackTimeout);
    }

    @Test
    void aDiscordChannelWhosePathHasASlackOnlyLevelIsWarnedAbout() {
        assertThat(warningsOf(file("", List.of(level("both", "5m"), level("slacker", "5m")), DISCORD_CHANNEL)))
                .containsExactly("escalator.yml:9: paths.p.levels[1]: Discord channel 222222222222222222 (channels[0],"
                        + " line 11) follows this path, but nobody at this level has a Discord account");
    }

    @Test
    void aSlackChannelWhosePathHasADiscordOnlyRotationIsWarnedAbout() {
        assertThat(warningsOf(file(
                        "gamers: {members: [gamer, gamer], shift: 1d, handoff: \"09:00\"}",
                        List.of(level("rotation:gamers", "5m")),
                        "{slack: C0PAY, path: p}")))
                .containsExactly("escalator.yml:10: paths.p.levels[0]: Slack channel C0PAY (channels[0], line 12)"
                        + " follows this path, but nobody at this level has a Slack account");
    }

    @Test
    void aRotationWithSomeMembersLackingTheAccountIsWarnedAboutNamingThem() {
        assertThat(warningsOf(file(MIXED_ROTATION, List.of(level("rotation:mixed", "5m")), DISCORD_CHANNEL)))
                .containsExactly("escalator.yml:10: paths.p.levels[0]: Discord channel 222222222222222222 (channels[0],"
                        + " line 12) follows this path, but at times nobody at this level can be tagged there: slacker"
                        + " (rotation mixed) has no Discord account");
    }

    @Test
    void aLevelWithOnePersonReachableOnTheChannelsPlatformIsNotWarnedAbout() {
        assertThat(warningsOf(file(
                        MIXED_ROTATION,
                        List.of(level("slacker, gamer", "5m"), level("rotation:mixed, gamer", "5m")),
                        DISCORD_CHANNEL,
                        "{slack: C0PAY, path: p}")))
                .isEmpty();
    }

    @Test
    void aLevelIsWarnedAboutOncePerPlatformHoweverManyChannelsUseThePath() {
        assertThat(warningsOf(file(
                        "",
                        List.of(level("slacker", "5m")),
                        DISCORD_CHANNEL,
                        "{discord: \"333333333333333333\", path: p}")))
                .containsExactly("escalator.yml:8: paths.p.levels[0]: Discord channel 222222222222222222 (channels[0],"
                        + " line 10) follows this path, but nobody at this level has a Discord account");
    }

    @Test
    void aFileWithOnlyWarningsLoads() {
        var result = parse(file("", List.of(level("slacker", "30s")), DISCORD_CHANNEL));

        assertThat(result.warnings()).hasSize(2);
        assertThat(result.errors()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @Test
    void aRotationWithASingleMemberIsWarnedAbout() {
        assertThat(warningsOf(file(
                        "solo: {members: [both], shift: 1w, handoff: \"mon 09:00\"}",
                        List.of(level("rotation:solo", "5m")))))
                .containsExactly("escalator.yml:6: rotations.solo.members: has a single member, who is on call all the"
                        + " time with nobody to take over");
    }

    @Test
    void anAckTimeoutUnderAMinuteIsWarnedAboutButAccepted() {
        assertThat(warningsOf(file("", List.of(level("both", "59s"), level("both", "1m")))))
                .containsExactly(
                        "escalator.yml:8: paths.p.levels[0].ack_timeout: is under a minute: fine for trying the"
                                + " bot out, too short for people to react");
    }

    @Test
    void aPersonOrRotationListedTwiceAtOneLevelIsWarnedAboutAndTheFileStillLoads() {
        var result = parse(PEOPLE + """
                rotations:
                  duo: {members: [both, slacker], shift: 1w, handoff: "mon 09:00"}
                paths:
                  p:
                    levels:
                      - {notify: [both, slacker, both], ack_timeout: 5m}
                      - notify:
                          - rotation:duo
                          - slacker
                          - rotation:duo
                        ack_timeout: 5m
                """);

        assertThat(result.warnings().stream().map(ConfigProblem::toString))
                .containsExactly(
                        "escalator.yml:10: paths.p.levels[0].notify[2]: 'both' is listed twice at this level (also as"
                                + " notify[0], line 10): tagged once; was someone else meant?",
                        "escalator.yml:14: paths.p.levels[1].notify[2]: 'rotation:duo' is listed twice at this level"
                                + " (also as notify[0], line 12): tagged once; was someone else meant?");
        assertThat(result.isValid()).isTrue();
    }

    @Test
    void aPersonAtSeveralLevelsOfAPathIsNotWarnedAbout() {
        assertThat(warningsOf(file("", List.of(level("both", "5m"), level("slacker, both", "5m")))))
                .isEmpty();
    }

    @Test
    void aWarningGivenInManyPlacesIsLoggedAsOneLineWithItsCountAndEveryPlace() {
        var result = parse(PEOPLE + """
                rotations:
                  solo: {members: [both], shift: 1w, handoff: "mon 09:00"}
                paths:
                  a: {levels: [{notify: [both], ack_timeout: 5s}, {notify: [both], ack_timeout: 10s}]}
                  b: {levels: [{notify: [rotation:solo], ack_timeout: 2m}, {notify: [both], ack_timeout: 30s}]}
                """);

        assertThat(result.warnings()).hasSize(4);
        assertThat(result.warningLines())
                .containsExactly(
                        "escalator.yml:6: rotations.solo.members: has a single member, who is on call all the time"
                                + " with nobody to take over",
                        "escalator.yml: 3 places: is under a minute: fine for trying the bot out, too short for people"
                                + " to react: paths.a.levels[0].ack_timeout (line 8),"
                                + " paths.a.levels[1].ack_timeout (line 8), paths.b.levels[1].ack_timeout (line 9)");
    }

    @Test
    void aWarningGivenOnceIsLoggedAsItIs() {
        var result = parse(file("", List.of(level("both", "59s"))));

        assertThat(result.warningLines())
                .containsExactly("escalator.yml:8: paths.p.levels[0].ack_timeout: is under a minute: fine for trying"
                        + " the bot out, too short for people to react");
    }
}
