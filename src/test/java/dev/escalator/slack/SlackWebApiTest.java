package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.escalator.delivery.ChatFailure;
import dev.escalator.testing.FakeSlackApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How Slack's answers become a ts or a ChatFailure that tells delivery whether and when to try again. */
class SlackWebApiTest {
    static final Duration READ_TIMEOUT = Duration.ofMillis(300);

    final FakeSlackApi fake;
    final Slack slack;
    final SlackWebApi api;

    SlackWebApiTest() throws Exception {
        fake = new FakeSlackApi();
        var config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.methodsUrl());
        config.setStatsEnabled(false);
        config.setHttpClientReadTimeoutMillis((int) READ_TIMEOUT.toMillis());
        slack = Slack.getInstance(config);
        api = new SlackWebApi(slack.methods("xoxb-test-token"));
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void answersToUsersAreCountedByOutcome() {
        var counted = new ArrayList<String>();
        var answering = new SlackWebApi(
                slack.methods("xoxb-test-token"),
                (platform, call, outcome) -> counted.add(platform + " " + call + " " + outcome));
        fake.rateLimitOnce("chat.postEphemeral");

        catchThrowableOfType(ChatFailure.class, () -> answering.postEphemeral("C0PAY", "U0BOB", "no"));
        answering.postEphemeral("C0PAY", "U0BOB", "no");
        answering.post("C0PAY", "delivery's, counted around its chat port", List.of(), Optional.empty());

        assertThat(counted).containsExactly("SLACK chat.postEphemeral RATE_LIMITED", "SLACK chat.postEphemeral OK");
    }

    @Test
    void aPostReturnsTheTsSlackGaveIt() {
        String ts = api.post("C0PAY", "hello", List.of(), Optional.of("1700000000.000001"));

        var call = fake.await("chat.postMessage");
        assertThat(ts).isEqualTo(call.ts());
        assertThat(call.param("thread_ts")).isEqualTo("1700000000.000001");
    }

    @Test
    void http429IsARateLimitForAsLongAsRetryAfterSays() {
        fake.rateLimitOnce("chat.postMessage");

        var failure = post();

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @CsvSource({
        "200, '{\"ok\":false,\"error\":\"ratelimited\"}', false, true",
        "200, '{\"ok\":false,\"error\":\"internal_error\"}', false, false",
        "503, 'upstream unavailable', false, false",
        "200, '{\"ok\":false,\"error\":\"channel_not_found\"}', true, false",
        "200, '{\"ok\":false,\"error\":\"not_in_channel\"}', true, false",
        "200, '{\"ok\":false,\"error\":\"is_archived\"}', true, false",
    })
    void slacksErrorsSayWhetherTryingAgainCanHelp(int status, String body, boolean permanent, boolean rateLimited) {
        fake.failOnce("chat.postMessage", status, body);

        var failure = post();

        assertThat(failure.permanent()).isEqualTo(permanent);
        assertThat(failure.retryAfter().isPresent()).isEqualTo(rateLimited);
    }

    @Test
    void slackUnreachableIsTransient() {
        fake.close();

        var failure = post();

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void anAnswerSlowerThanTheClientWaitsIsTransient() {
        fake.slowOnce("chat.postMessage", READ_TIMEOUT.multipliedBy(4));

        var failure = post();

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
    }

    private ChatFailure post() {
        return catchThrowableOfType(ChatFailure.class, () -> api.post("C0PAY", "hello", List.of(), Optional.empty()));
    }
}
