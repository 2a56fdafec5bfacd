package dev.escalator.digest;

import static dev.escalator.digest.WeekOfEscalations.POSTED_AT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatFailure;
import dev.escalator.config.DigestSetting;
import dev.escalator.core.Platform;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.TestClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostWeeklyDigestsTest {
    static final DigestSetting MONDAY_NINE = new DigestSetting(
            Fixtures.PAYMENTS, Fixtures.LEADS_CHANNEL, DayOfWeek.MONDAY, LocalTime.of(9, 0), ZoneOffset.UTC);

    final InMemoryMongo server = new InMemoryMongo();
    final List<StoreConnection> connections = new ArrayList<>();
    final TestClock clock = new TestClock(POSTED_AT.minus(Duration.ofMinutes(1)));
    final RecordingChat slack = new RecordingChat(Platform.SLACK);

    @BeforeEach
    void seedTheWeek() {
        var stores = replicaStores();
        WeekOfEscalations.escalations().forEach(e -> stores.escalations().create(e, List.of()));
    }

    @AfterEach
    void stop() {
        connections.forEach(StoreConnection::close);
        server.close();
    }

    @Test
    void nothingIsPostedBeforeTheDigestTimeAndTheJobAsksToRunAtIt() {
        var job = replica();

        var next = job.runOnce();

        assertThat(slack.imagePosts()).isEmpty();
        assertThat(next).contains(POSTED_AT);
    }

    @Test
    void atTheDigestTimeTheDigestAndItsChartArePostedInTheDigestChannel() {
        var job = replica();
        clock.set(POSTED_AT);

        var next = job.runOnce();

        assertThat(slack.imagePosts()).singleElement().satisfies(post -> {
            assertThat(post.channel()).isEqualTo(Fixtures.LEADS_CHANNEL);
            assertThat(post.text())
                    .contains("Weekly digest · payments")
                    .contains("Opened 6 · acknowledged 3 · resolved 3 · exhausted 1 · still open 3")
                    .contains("median 10m, p90 20m")
                    .contains("ESC-3");
            assertThat(post.image().png()).startsWith(DigestChartTest.PNG_SIGNATURE);
        });
        assertThat(next).contains(POSTED_AT.plus(Duration.ofDays(7)));
    }

    @Test
    void twoReplicasOnOneStorePostTheWeekOnce() {
        var first = replica();
        var second = replica();
        clock.set(POSTED_AT);

        first.runOnce();
        second.runOnce();
        first.runOnce();

        assertThat(slack.imagePosts()).hasSize(1);
    }

    @Test
    void aRestartTheSameDayDoesNotPostTheWeekAgain() {
        clock.set(POSTED_AT);
        replica().runOnce();
        clock.advance(Duration.ofHours(3));

        replica().runOnce();

        assertThat(slack.imagePosts()).hasSize(1);
    }

    @Test
    void aBotThatWasDownAtTheDigestTimePostsItWhenItStartsLaterThatDay() {
        clock.set(POSTED_AT.plus(Duration.ofHours(14)));

        replica().runOnce();

        assertThat(slack.imagePosts()).hasSize(1);
    }

    @Test
    void aBotThatStartsTheNextDayLeavesThatWeekOut() {
        clock.set(POSTED_AT.plus(Duration.ofHours(15)));

        replica().runOnce();

        assertThat(slack.imagePosts()).isEmpty();
    }

    @Test
    void aDigestForAPlatformThatIsNotEnabledIsNotClaimedSoAReplicaWithItCanPost() {
        var discordOnly = new PostWeeklyDigests(
                List.of(MONDAY_NINE),
                replicaStores().escalations(),
                replicaStores().inbound(),
                List.of(new RecordingChat(Platform.DISCORD)),
                clock);
        clock.set(POSTED_AT);

        discordOnly.runOnce();
        replica().runOnce();

        assertThat(slack.imagePosts()).hasSize(1);
    }

    @Test
    void aPostThatFailsForNowIsTriedAgainByTheReplicaHoldingTheWeek() {
        var holder = replica();
        var other = replica();
        slack.failNext(ChatFailure.transientFailure("HTTP 503", null));
        clock.set(POSTED_AT);

        var retryAt = holder.runOnce();
        other.runOnce();
        assertThat(slack.imagePosts()).isEmpty();
        assertThat(retryAt).contains(POSTED_AT.plus(PostWeeklyDigests.RETRY));

        clock.advance(PostWeeklyDigests.RETRY);
        holder.runOnce();

        assertThat(slack.imagePosts()).hasSize(1);
    }

    @Test
    void aPostRefusedForGoodIsNotTriedAgain() {
        var job = replica();
        slack.failNext(ChatFailure.permanentFailure("channel_not_found"));
        clock.set(POSTED_AT);

        job.runOnce();
        clock.advance(Duration.ofHours(1));
        job.runOnce();

        assertThat(slack.imagePosts()).isEmpty();
    }

    @Test
    void aPostStillFailingWhenTheDayIsOverIsGivenUp() {
        var job = replica();
        slack.failNext(ChatFailure.rateLimited(Duration.ofHours(20)));
        clock.set(POSTED_AT);

        job.runOnce();
        clock.advance(Duration.ofHours(20));
        job.runOnce();

        assertThat(slack.imagePosts()).isEmpty();
    }

    /** A replica: its own connection to the one store, its own job. */
    private PostWeeklyDigests replica() {
        var stores = replicaStores();
        return new PostWeeklyDigests(
                List.of(MONDAY_NINE), stores.escalations(), stores.inbound(), List.of(slack), clock);
    }

    private Stores replicaStores() {
        var connection = server.connect();
        connections.add(connection);
        return Stores.over(connection, clock);
    }
}
