package dev.escalator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Directory;
import dev.escalator.core.Level;
import dev.escalator.core.PathId;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.RotationId;
import dev.escalator.core.Severity;
import dev.escalator.core.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {
    private static final Path EXAMPLE = Path.of("manifests/escalator.example.yml");

    private final ConfigResult result = ConfigLoader.load(EXAMPLE);

    private Directory directory() {
        return result.config().orElseThrow().directory();
    }

    @Test
    void exampleConfigLoadsWithoutErrors() {
        assertThat(result.errors()).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(result.config().orElseThrow().source()).isEqualTo(EXAMPLE);
    }

    @Test
    void exampleWarnsThatBobCannotBeTaggedInTheDiscordChannel() throws IOException {
        int levelOne = lineOf("{notify: [rotation:payments-primary]");
        int discordChannel = lineOf("{discord: \"222222222222222222\"");

        assertThat(result.warnings())
                .extracting(ConfigProblem::toString)
                .containsExactly(("manifests/escalator.example.yml:%d: paths.payments.levels[0]: Discord channel"
                                + " 222222222222222222 (channels[1], line %d) follows this path, but at times nobody at"
                                + " this level can be tagged there: bob (rotation payments-primary) has no Discord"
                                + " account")
                        .formatted(levelOne, discordChannel));
    }

    @Test
    void peopleHaveTheirAccountsAndTimeZones() {
        var people = directory().people();

        assertThat(people.keySet()).containsExactlyInAnyOrder(ids("alice", "bob", "carol"));
        assertThat(people.get(new PersonId("alice")).accounts())
                .isEqualTo(Map.of(Platform.SLACK, "U0ALICE", Platform.DISCORD, "111111111111111111"));
        assertThat(people.get(new PersonId("alice")).timeZone()).contains(ZoneId.of("Europe/Berlin"));
        assertThat(people.get(new PersonId("bob")).accounts()).isEqualTo(Map.of(Platform.SLACK, "U0BOB"));
        assertThat(people.get(new PersonId("bob")).timeZone()).contains(ZoneId.of("America/New_York"));
        assertThat(people.get(new PersonId("carol")).accounts())
                .isEqualTo(Map.of(Platform.DISCORD, "333333333333333333"));
        assertThat(people.get(new PersonId("carol")).timeZone()).isEmpty();
    }

    @Test
    void rotationHandsOverWeeklyOnMondayMorningInBerlin() {
        var rotation = directory().rotation(new RotationId("payments-primary")).orElseThrow();

        assertThat(rotation.members()).containsExactly(ids("alice", "bob"));
        assertThat(rotation.shiftDays()).isEqualTo(7);
        assertThat(rotation.handoffDay()).contains(DayOfWeek.MONDAY);
        assertThat(rotation.handoffTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(rotation.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(rotation.start()).isEqualTo(dev.escalator.core.Rotation.DEFAULT_START);
    }

    @Test
    void paymentsPathHasThreeLevelsWithTheirTimeouts() {
        var path = directory().path(new PathId("payments")).orElseThrow();

        assertThat(path.levels())
                .containsExactly(
                        new Level(
                                List.of(new Target.OnCall(new RotationId("payments-primary"))), Duration.ofMinutes(5)),
                        new Level(
                                List.of(
                                        new Target.Individual(new PersonId("bob")),
                                        new Target.Individual(new PersonId("carol"))),
                                Duration.ofMinutes(10)),
                        new Level(List.of(new Target.Individual(new PersonId("alice"))), Duration.ofMinutes(15)));
    }

    @Test
    void paymentsPathRepeatsOnceStartsSevOneAtLevelTwoAndFallsBackToTheLeads() {
        var path = directory().path(new PathId("payments")).orElseThrow();

        assertThat(path.repeat()).isEqualTo(1);
        assertThat(path.startLevel(new Severity(1))).isEqualTo(2);
        assertThat(path.startLevel(Severity.DEFAULT)).isEqualTo(1);
        assertThat(path.reescalateAfterAck()).contains(Duration.ofHours(2));
        assertThat(path.staleAfter()).isEqualTo(Duration.ofDays(30));
        assertThat(path.fallback()).contains(new ChannelRef(Platform.SLACK, "C0LEADS"));
    }

    @Test
    void bothChannelsFollowThePaymentsPath() {
        var config = result.config().orElseThrow();
        var slack = new ChannelRef(Platform.SLACK, "C0PAY");
        var discord = new ChannelRef(Platform.DISCORD, "222222222222222222");

        assertThat(config.channels())
                .containsExactly(
                        new ChannelBinding(slack, new PathId("payments")),
                        new ChannelBinding(discord, new PathId("payments")));
        assertThat(config.pathFor(discord)).contains(new PathId("payments"));
        assertThat(config.pathFor(new ChannelRef(Platform.SLACK, "C0OTHER"))).isEmpty();
    }

    @Test
    void aliceIsTheOnlyAdminAndReactionsAreTheDefaults() {
        var config = result.config().orElseThrow();

        assertThat(config.directory().admins()).containsExactly(new PersonId("alice"));
        assertThat(config.reactions()).isEqualTo(Reactions.DEFAULT);
        assertThat(config.reactions().actionFor("👀")).isEqualTo(Optional.of(Action.ACKNOWLEDGE));
    }

    @Test
    void aTypoInTheExampleIsReportedAsInTheSpec() throws IOException {
        String yaml = Files.readString(EXAMPLE).replace("[bob, carol]", "[bobb, carol]");

        assertThat(ConfigLoader.parse(yaml, "escalator.yml").errors())
                .extracting(ConfigProblem::toString)
                .containsExactly("escalator.yml:%d: paths.payments.levels[1].notify[0]: unknown person 'bobb' (known:"
                                .formatted(lineOf("{notify: [bob, carol]"))
                        + " alice, bob, carol)");
    }

    private static PersonId[] ids(String... names) {
        return java.util.Arrays.stream(names).map(PersonId::new).toArray(PersonId[]::new);
    }

    private static int lineOf(String text) throws IOException {
        var lines = Files.readAllLines(EXAMPLE);
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).contains(text)) {
                return index + 1;
            }
        }
        throw new AssertionError("the example has no line with " + text);
    }
}
