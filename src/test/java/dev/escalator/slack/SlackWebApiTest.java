package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.escalator.chat.ChatCalls;
import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.PostKey;
import dev.escalator.testing.FakeSlackApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** How Slack's answers become a ts or a ChatFailure that tells delivery whether and when to try again. */
class SlackWebApiTest {
    /**
     * How long {@link #impatient} waits for an answer, for the tests of a slow answer; every other test waits {@link
     * #PATIENT}, so that a loaded machine's stall of a few hundred milliseconds is not taken for Slack's silence.
     */
    static final Duration READ_TIMEOUT = Duration.ofMillis(300);

    static final Duration PATIENT = Duration.ofSeconds(10);
    static final PostKey KEY = new PostKey("7/12.0", true);

    final FakeSlackApi fake;
    final Slack slack;
    final SlackWebApi api;
    final Slack impatientSlack;
    final SlackWebApi impatient;

    SlackWebApiTest() throws Exception {
        fake = new FakeSlackApi();
        var config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.methodsUrl());
        config.setStatsEnabled(false);
        config.setHttpClientReadTimeoutMillis((int) PATIENT.toMillis());
        slack = Slack.getInstance(config);
        var impatientConfig = new SlackConfig();
        impatientConfig.setMethodsEndpointUrlPrefix(fake.methodsUrl());
        impatientConfig.setStatsEnabled(false);
        impatientConfig.setHttpClientReadTimeoutMillis((int) READ_TIMEOUT.toMillis());
        impatientSlack = Slack.getInstance(impatientConfig);
        impatient = new SlackWebApi(impatientSlack.methods("xoxb-test-token"), "xoxb-test-token");
        api = new SlackWebApi(slack.methods("xoxb-test-token"), "xoxb-test-token");
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        impatientSlack.close();
        fake.close();
    }

    @Test
    void answersToUsersAreCountedByOutcome() {
        var counted = new ArrayList<String>();
        var answering = new SlackWebApi(
                slack.methods("xoxb-test-token"),
                "xoxb-test-token",
                (platform, call, outcome) -> counted.add(platform + " " + call + " " + outcome));
        fake.rateLimitOnce("chat.postEphemeral");

        assertThatThrownBy(() -> answering.postEphemeral("C0PAY", "U0BOB", "no"))
                .isInstanceOf(ChatFailure.class);
        answering.postEphemeral("C0PAY", "U0BOB", "no");
        answering.post("C0PAY", "delivery's, counted around its chat port", List.of(), Optional.empty(), KEY);

        assertThat(counted).containsExactly("SLACK chat.postEphemeral RATE_LIMITED", "SLACK chat.postEphemeral OK");
    }

    @Test
    void aPostReturnsTheTsSlackGaveIt() {
        String ts = api.post("C0PAY", "hello", List.of(), Optional.of("1700000000.000001"), KEY);

        var call = fake.await("chat.postMessage");
        assertThat(ts).isEqualTo(call.ts());
        assertThat(call.param("thread_ts")).isEqualTo("1700000000.000001");
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void http429IsARateLimitForAsLongAsRetryAfterSays(Call call) {
        fake.rateLimitOnce(call.method);

        var failure = call.failingOn(api);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void slackUnreachableIsTransientAndSurelyNotDone(Call call) {
        fake.close();

        var failure = call.failingOn(api);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.outcomeUnknown()).as("the connection was refused").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void anAnswerSlowerThanTheClientWaitsIsTransientAndMayHaveBeenDone(Call call) {
        fake.slowOnce(call.method, READ_TIMEOUT.multipliedBy(4));

        var failure = call.failingOn(impatient);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.outcomeUnknown()).isTrue();
    }

    @Test
    void anEphemeralAnswerReachesSlackWithItsChannelUserAndText() {
        api.postEphemeral("C0PAY", "U0BOB", "ESC-7 acknowledged");

        var call = fake.await("chat.postEphemeral");
        assertThat(call.param("channel")).isEqualTo("C0PAY");
        assertThat(call.param("user")).isEqualTo("U0BOB");
        assertThat(call.text()).isEqualTo("ESC-7 acknowledged");
    }

    @Test
    void anEphemeralAnswerGoesOverTheAnsweringClientAndEverythingElseOverTheOther() {
        var nowhere = slack.methods("xoxb-test-token");
        nowhere.setEndpointUrlPrefix("http://127.0.0.1:1/api/");
        var answering = new SlackWebApi(nowhere, slack.methods("xoxb-test-token"), "xoxb-test-token", ChatCalls.NONE);

        answering.postEphemeral("C0PAY", "U0BOB", "ESC-7 acknowledged");

        assertThat(fake.await("chat.postEphemeral").text()).isEqualTo("ESC-7 acknowledged");
        assertThatThrownBy(() -> answering.post("C0PAY", "hello", List.of(), Optional.empty(), KEY))
                .isInstanceOf(ChatFailure.class);
    }

    @Test
    void anEphemeralAnswerIsSentWithTheBotToken() throws Exception {
        var authorization = new java.util.concurrent.atomic.AtomicReference<String>();
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] ok = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (var out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        server.start();
        try {
            var methods = slack.methods("xoxb-test-token");
            methods.setEndpointUrlPrefix(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/api/");

            new SlackWebApi(methods, "xoxb-test-token").postEphemeral("C0PAY", "U0BOB", "done");

            assertThat(authorization.get()).isEqualTo("Bearer xoxb-test-token");
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "200, '{\"ok\":false,\"error\":\"ratelimited\"}', false, true, false",
        "200, '{\"ok\":false,\"error\":\"service_unavailable\"}', false, false, false",
        "200, '{\"ok\":false,\"error\":\"internal_error\"}', false, false, true",
        "503, 'upstream unavailable', false, false, true",
        "500, '{\"ok\":false,\"error\":\"fatal_error\"}', false, false, true",
        "200, '{\"ok\":false,\"error\":\"channel_not_found\"}', true, false, false",
        "200, '{\"ok\":false,\"error\":\"invalid_auth\"}', true, false, false",
        "200, '{\"ok\":false,\"error\":\"not_in_channel\"}', true, false, false",
        "200, '{\"ok\":false,\"error\":\"is_archived\"}', true, false, false",
        "200, '{\"ok\":false,\"error\":\"user_not_in_channel\"}', true, false, false",
        "200, '{\"ok\":false,\"error\":\"msg_too_long\"}', true, false, false",
        "401, '{\"ok\":false,\"error\":\"invalid_auth\"}', true, false, false",
    })
    void slacksErrorsSayWhetherTryingAgainCanHelpAndWhetherItMayHaveBeenDoneForAPostAndAnAnswerAlike(
            int status, String body, boolean permanent, boolean rateLimited, boolean outcomeUnknown) {
        fake.failOnce("chat.postEphemeral", status, body);
        fake.failOnce("chat.postMessage", status, body);

        var ephemeral = ephemeral();
        var post = post();

        assertThat(ephemeral.permanent()).isEqualTo(permanent).isEqualTo(post.permanent());
        assertThat(ephemeral.retryAfter().isPresent()).isEqualTo(rateLimited);
        assertThat(ephemeral.retryAfter()).isEqualTo(post.retryAfter());
        assertThat(ephemeral.outcomeUnknown()).isEqualTo(outcomeUnknown).isEqualTo(post.outcomeUnknown());
        assertThat(ephemeral.aboutThisMessage()).isEqualTo(post.aboutThisMessage());
    }

    @Test
    void everyPostCarriesItsKeyInSlacksMessageMetadata() {
        api.post("C0PAY", "hello", List.of(), Optional.empty(), KEY);

        var metadata = JsonParser.parseString(fake.await("chat.postMessage").param("metadata"))
                .getAsJsonObject();
        assertThat(metadata.get("event_type").getAsString()).isEqualTo(SlackWebApi.POST_EVENT_TYPE);
        assertThat(metadata.getAsJsonObject("event_payload").get("key").getAsString())
                .isEqualTo(KEY.id());
    }

    @Test
    void aPostIsFoundAgainByItsKeyInItsThreadAndNotByAnotherKey() {
        String root = api.post("C0PAY", "root", List.of(), Optional.empty(), new PostKey("7/root", false));
        api.post("C0PAY", "a note", List.of(), Optional.of(root), new PostKey("7/3.0", false));
        String tag = api.post("C0PAY", "the tag", List.of(), Optional.of(root), KEY);

        assertThat(api.findPosted("C0PAY", Optional.of(root), KEY)).contains(tag);
        assertThat(api.findPosted("C0PAY", Optional.of(root), new PostKey("7/9.0", true)))
                .isEmpty();
        assertThat(api.findPosted("C0OTHER", Optional.of(root), KEY)).isEmpty();
    }

    @Test
    void aRootPostIsFoundAgainAmongTheChannelsLatestMessages() {
        PostKey rootKey = new PostKey("7/root", true);
        String root = api.post("C0PAY", "root", List.of(), Optional.empty(), rootKey);
        api.post("C0PAY", "someone else's escalation", List.of(), Optional.empty(), new PostKey("8/root", false));

        assertThat(api.findPosted("C0PAY", Optional.empty(), rootKey)).contains(root);
    }

    @Test
    void aDirectMessageInDoubtIsFoundBehindMoreNewerMessagesThanTheLatestPagesHold() {
        fake.largestPage(2);
        Instant decided = Instant.now();
        PostKey key = new PostKey("7/12.0", true, Optional.of(decided));
        String dm = api.post("D0BOB", "ESC-7: you are tagged at level 2", List.of(), Optional.empty(), key);
        for (int n = 8; n < 14; n++) {
            api.post(
                    "D0BOB",
                    "ESC-" + n + ": you are tagged",
                    List.of(),
                    Optional.empty(),
                    new PostKey(n + "/12.0", false));
        }

        assertThat(api.findPosted("D0BOB", Optional.empty(), new PostKey("7/12.0", true)))
                .as("without a time, the two latest pages of two: four of the seven messages")
                .isEmpty();
        assertThat(api.findPosted("D0BOB", Optional.empty(), key))
                .as("read back to when it was decided")
                .contains(dm);
        assertThat(fake.calls("conversations.history").getLast().param("oldest"))
                .isEqualTo(SlackWebApi.ts(decided.minus(Duration.ofMinutes(1))));
    }

    @Test
    void aLookBoundedByTimeReadsNothingPostedBeforeThePostWasDecided() {
        PostKey key = new PostKey("7/12.0", true, Optional.of(Instant.now().plus(Duration.ofMinutes(2))));
        api.post("D0BOB", "ESC-7: you are tagged at level 2", List.of(), Optional.empty(), key);

        assertThat(api.findPosted("D0BOB", Optional.empty(), key)).isEmpty();
    }

    @Test
    void theLookPagesThroughALongThread() {
        fake.largestPage(2);
        String root = api.post("C0PAY", "root", List.of(), Optional.empty(), new PostKey("7/root", false));
        for (int i = 0; i < 5; i++) {
            api.post("C0PAY", "note " + i, List.of(), Optional.of(root), new PostKey("7/" + i + ".0", false));
        }
        String tag = api.post("C0PAY", "the tag", List.of(), Optional.of(root), KEY);

        assertThat(api.findPosted("C0PAY", Optional.of(root), KEY)).contains(tag);
        assertThat(fake.calls("conversations.replies"))
                .as("seven messages, two a page")
                .hasSize(4)
                .allSatisfy(
                        call -> assertThat(call.param("include_all_metadata")).isIn("true", "1"));
    }

    /** The calls whose failures delivery and the answers to users read: a post, and an answer only its user sees. */
    enum Call {
        POST("chat.postMessage") {
            @Override
            void make(SlackWebApi api) {
                api.post("C0PAY", "hello", List.of(), Optional.empty(), KEY);
            }
        },
        EPHEMERAL("chat.postEphemeral") {
            @Override
            void make(SlackWebApi api) {
                api.postEphemeral("C0PAY", "U0BOB", "hello");
            }
        };

        final String method;

        Call(String method) {
            this.method = method;
        }

        abstract void make(SlackWebApi api);

        ChatFailure failingOn(SlackWebApi api) {
            return catchThrowableOfType(ChatFailure.class, () -> make(api));
        }
    }

    private ChatFailure ephemeral() {
        return Call.EPHEMERAL.failingOn(api);
    }

    private ChatFailure post() {
        return Call.POST.failingOn(api);
    }
}
