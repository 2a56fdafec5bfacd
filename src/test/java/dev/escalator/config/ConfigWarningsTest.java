package dev.escalator.config;

import static dev.escalator.config.ConfigText.parse;
import static dev.escalator.config.ConfigText.warningsOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigWarningsTest {
    private static final String PEOPLE = """
            people:
              slacker: {slack: U0SLACK}
              gamer: {discord: "111111111111111111"}
              both: {slack: U0BOTH, discord: "444444444444444444"}
            """;

    @Test
    void aDiscordChannelWhosePathHasASlackOnlyLevelIsWarnedAbout() {
        assertThat(warningsOf(PEOPLE + """
                paths:
                  p:
                    levels:
                      - {notify: [both], ack_timeout: 5m}
                      - {notify: [slacker], ack_timeout: 5m}
                channels:
                  - {discord: "222222222222222222", path: p}
                """))
                .containsExactly("escalator.yml:9: paths.p.levels[1]: Discord channel 222222222222222222 (channels[0],"
                        + " line 11) follows this path, but nobody at this level has a Discord account");
    }

    @Test
    void aSlackChannelWhosePathHasADiscordOnlyRotationIsWarnedAbout() {
        assertThat(warningsOf(PEOPLE + """
                        rotations:
                          gamers: {members: [gamer, gamer], shift: 1d, handoff: "09:00"}
                        paths:
                          p: {levels: [{notify: [rotation:gamers], ack_timeout: 5m}]}
                        channels:
                          - {slack: C0PAY, path: p}
                        """))
                .containsExactly("escalator.yml:8: paths.p.levels[0]: Slack channel C0PAY (channels[0], line 10)"
                        + " follows this path, but nobody at this level has a Slack account");
    }

    @Test
    void aRotationWithSomeMembersLackingTheAccountIsWarnedAboutNamingThem() {
        assertThat(warningsOf(PEOPLE + """
                        rotations:
                          mixed: {members: [both, slacker], shift: 1w, handoff: "mon 09:00"}
                        paths:
                          p: {levels: [{notify: [rotation:mixed], ack_timeout: 5m}]}
                        channels:
                          - {discord: "222222222222222222", path: p}
                        """))
                .containsExactly("escalator.yml:8: paths.p.levels[0]: Discord channel 222222222222222222 (channels[0],"
                        + " line 10) follows this path, but at times nobody at this level can be tagged there: slacker"
                        + " (rotation mixed) has no Discord account");
    }

    @Test
    void aLevelWithOnePersonReachableOnTheChannelsPlatformIsNotWarnedAbout() {
        assertThat(warningsOf(PEOPLE + """
                        rotations:
                          mixed: {members: [both, slacker], shift: 1w, handoff: "mon 09:00"}
                        paths:
                          p:
                            levels:
                              - {notify: [slacker, gamer], ack_timeout: 5m}
                              - {notify: [rotation:mixed, gamer], ack_timeout: 5m}
                        channels:
                          - {discord: "222222222222222222", path: p}
                          - {slack: C0PAY, path: p}
                        """)).isEmpty();
    }

    @Test
    void aLevelIsWarnedAboutOncePerPlatformHoweverManyChannelsUseThePath() {
        assertThat(warningsOf(PEOPLE + """
                        paths:
                          p: {levels: [{notify: [slacker], ack_timeout: 5m}]}
                        channels:
                          - {discord: "222222222222222222", path: p}
                          - {discord: "333333333333333333", path: p}
                        """))
                .containsExactly("escalator.yml:6: paths.p.levels[0]: Discord channel 222222222222222222 (channels[0],"
                        + " line 8) follows this path, but nobody at this level has a Discord account");
    }

    @Test
    void aFileWithOnlyWarningsLoads() {
        var result = parse(PEOPLE + """
                paths:
                  p: {levels: [{notify: [slacker], ack_timeout: 30s}]}
                channels:
                  - {discord: "222222222222222222", path: p}
                """);

        assertThat(result.warnings()).hasSize(2);
        assertThat(result.errors()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @Test
    void aRotationWithASingleMemberIsWarnedAbout() {
        assertThat(warningsOf(PEOPLE + """
                rotations:
                  solo: {members: [both], shift: 1w, handoff: "mon 09:00"}
                paths:
                  p: {levels: [{notify: [rotation:solo], ack_timeout: 5m}]}
                """))
                .containsExactly("escalator.yml:6: rotations.solo.members: has a single member, who is on call all the"
                        + " time with nobody to take over");
    }

    @Test
    void anAckTimeoutUnderAMinuteIsWarnedAboutButAccepted() {
        assertThat(warningsOf(PEOPLE + """
                paths:
                  p:
                    levels:
                      - {notify: [both], ack_timeout: 59s}
                      - {notify: [both], ack_timeout: 1m}
                """))
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
        assertThat(warningsOf(PEOPLE + """
                        paths:
                          p:
                            levels:
                              - {notify: [both], ack_timeout: 5m}
                              - {notify: [slacker, both], ack_timeout: 5m}
                        """)).isEmpty();
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
        var result = parse(PEOPLE + """
                paths:
                  p: {levels: [{notify: [both], ack_timeout: 59s}]}
                """);

        assertThat(result.warningLines())
                .containsExactly("escalator.yml:6: paths.p.levels[0].ack_timeout: is under a minute: fine for trying"
                        + " the bot out, too short for people to react");
    }
}
