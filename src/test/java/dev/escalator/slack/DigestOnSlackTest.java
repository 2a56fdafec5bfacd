package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.escalator.chat.Markup;
import dev.escalator.chat.Narrator;
import dev.escalator.config.DigestSetting;
import dev.escalator.digest.PostWeeklyDigests;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.FakeSlackApi;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The weekly digest reaches Slack as one file upload into the digest channel, its text the upload's comment. */
class DigestOnSlackTest {
    /** The digest below goes out on Mondays, 09:00 in Berlin: this is the first such time after {@link Fixtures#T0}. */
    static final Instant MONDAY_NINE_IN_BERLIN = Instant.parse("2024-06-10T07:00:00Z");

    final FakeSlackApi fake;
    final Slack slack;
    final InMemoryMongo server = new InMemoryMongo();
    final StoreConnection connection = server.connect();
    final TestClock clock = new TestClock(MONDAY_NINE_IN_BERLIN);
    final Stores stores = Stores.over(connection, clock);

    DigestOnSlackTest() throws Exception {
        fake = new FakeSlackApi();
        var config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.methodsUrl());
        config.setStatsEnabled(false);
        slack = Slack.getInstance(config);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
        connection.close();
        server.close();
    }

    @Test
    void theDigestIsUploadedAsAChartWithTheNumbersAsItsComment() throws Exception {
        stores.escalations()
                .create(
                        Fixtures.anEscalation()
                                .id(7)
                                .titled("Checkout <!channel> is failing")
                                .build(),
                        List.of());
        var chat = new SlackChat(
                new SlackWebApi(slack.methods("xoxb-test-token"), "xoxb-test-token"),
                new Narrator(Fixtures.payments(), Markup.SLACK));
        var digests = new PostWeeklyDigests(
                List.of(new DigestSetting(
                        Fixtures.PAYMENTS,
                        Fixtures.LEADS_CHANNEL,
                        DayOfWeek.MONDAY,
                        LocalTime.of(9, 0),
                        Fixtures.BERLIN)),
                stores.escalations(),
                stores.inbound(),
                List.of(chat),
                clock);

        digests.runOnce();

        var complete = fake.await("files.completeUploadExternal");
        assertThat(complete.param("channel_id")).isEqualTo("C0LEADS");
        assertThat(complete.param("initial_comment"))
                .contains("*Weekly digest · payments*")
                .contains("Opened 1")
                .contains("ESC-7")
                .doesNotContain("<!channel>");
        String fileId = JsonParser.parseString(complete.param("files"))
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject()
                .get("id")
                .getAsString();
        var chart = ImageIO.read(new ByteArrayInputStream(fake.uploaded(fileId)));
        assertThat(chart.getWidth()).isPositive();
        assertThat(fake.calls("chat.postMessage")).isEmpty();
    }
}
