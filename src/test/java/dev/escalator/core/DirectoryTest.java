package dev.escalator.core;

import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.NEXT_HANDOFF;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.aDirectory;
import static dev.escalator.testing.Fixtures.aPath;
import static dev.escalator.testing.Fixtures.onCall;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Fixtures.paymentsPath;
import static dev.escalator.testing.Fixtures.person;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectoryTest {
    private final Directory directory = payments();

    @Test
    void aLevelTagsWhoeverIsOnCallAtThatMoment() {
        Level rotationLevel = paymentsPath().level(1);

        assertThat(directory.peopleToTag(rotationLevel, T0)).containsExactly(ALICE);
        assertThat(directory.peopleToTag(rotationLevel, NEXT_HANDOFF)).containsExactly(BOB);
    }

    @Test
    void aLevelTagsEachPersonOnceInTheOrderConfigured() {
        Level level = new Level(
                java.util.List.of(person("carol"), onCall("payments-primary"), person("alice"), person("carol")),
                ofMinutes(5));

        assertThat(directory.peopleToTag(level, T0)).containsExactly(CAROL, ALICE);
    }

    @Test
    void everyMemberOfARotationIsOnThePathNotOnlyWhoeverIsOnCall() {
        var directory = aDirectory()
                .path(aPath("payments")
                        .level(ofMinutes(5), onCall("payments-primary"))
                        .build())
                .build();

        assertThat(directory.peopleOnPath(directory.path(new PathId("payments")).orElseThrow()))
                .containsExactlyInAnyOrder(ALICE, BOB);
    }

    @Test
    void everyLevelsPeopleAreOnThePath() {
        assertThat(directory.peopleOnPath(paymentsPath())).containsExactlyInAnyOrder(ALICE, BOB, CAROL);
    }

    @Test
    void aChatAccountBelongsToThePersonWithThatAccountOnThatPlatform() {
        assertThat(directory.personFor(new ChatUser(Platform.SLACK, "U0BOB"))).contains(BOB);
        assertThat(directory.personFor(new ChatUser(Platform.DISCORD, "333333333333333333")))
                .contains(CAROL);
        assertThat(directory.personFor(new ChatUser(Platform.DISCORD, "U0BOB"))).isEmpty();
        assertThat(directory.personFor(new ChatUser(Platform.SLACK, "U0NOBODY")))
                .isEmpty();
    }
}
