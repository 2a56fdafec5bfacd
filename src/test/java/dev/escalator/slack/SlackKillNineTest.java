package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.EscalationId;
import dev.escalator.testing.ChildBot;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeSlackApi;
import dev.escalator.testing.KilledAfterEachAnswer;
import dev.escalator.testing.ScenarioData;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Slack was answered 2xx for survives a kill -9 at once (SPEC §8, STYLE habit 21): the real bot runs as a child
 * JVM on the embedded store against a fake Slack; with {@code -Descalator.crash=after-answer} it halts right after
 * writing its 200 and carries out nothing in the request's wake. The next process finds the action in the store and
 * carries it out, once: a reaction, a form submission, a button press and a slash command in turn. (A reaction and a
 * button press are carried out before the 200, so what the next process finds is their effect, which it delivers.)
 */
class SlackKillNineTest {
    static final Duration BOUND = ChildBot.BOUND;

    @TempDir
    Path data;

    FakeSlackApi slack;
    ChildBot bot;
    SignedRequests requests;

    @BeforeEach
    void start() throws IOException {
        slack = new FakeSlackApi();
        bot = new ChildBot(getClass().getSimpleName(), data, SignedRequests.environment(slack));
        requests = new SignedRequests(bot, slack);
        Files.writeString(data.resolve("escalator.yml"), ScenarioData.twoLevelsConfig(ScenarioData.PAY, "1h", "1h"));
    }

    @AfterEach
    void stop() throws IOException {
        bot.stop();
        slack.close();
    }

    @Test
    @Timeout(600)
    void eachActionAnswered200AndThenKilledIsCarriedOutOnceAfterRestart() throws Exception {
        new KilledAfterEachAnswer(bot, new OnSlack(), BOUND, Duration.ofSeconds(10))
                .eachActionIsCarriedOutOnceAfterRestart();
    }

    /** What people do on the fake Slack: signed requests to the latest run, each answered 200. */
    private final class OnSlack implements KilledAfterEachAnswer.Chat {
        @Override
        public void openByCommand(String title) throws Exception {
            assertThat(send(requests.command("U0ALICE", title)).statusCode()).isEqualTo(200);
        }

        @Override
        public String awaitFirstRoot() {
            return Eventually.found(
                            "ESC-1's root", BOUND, () -> roots().stream().findFirst())
                    .ts();
        }

        @Override
        public void acknowledgeByReaction(String root) throws Exception {
            assertThat(send(requests.reaction("U0BOB", root, "eyes", "Ev0ACK")).statusCode())
                    .isEqualTo(200);
        }

        @Override
        public void openByForm(String title) throws Exception {
            var submitted = SlackWorld.formPayload("U0ALICE", Map.of(EscalationForm.TITLE, title));
            assertThat(send(requests.form(submitted)).statusCode()).isEqualTo(200);
        }

        @Override
        public void resolveByButton(String root) throws Exception {
            String press = SlackWorld.pressPayload(
                    "U0BOB", "escalator_resolve", new EscalationId(1), "1700000300.000001", slack.responseUrl("press"));
            assertThat(send(requests.form(press)).statusCode()).isEqualTo(200);
        }

        /** The messages in channels themselves: not thread posts, nor direct messages ({@code D…} channels). */
        @Override
        public List<FakeSlackApi.Call> roots() {
            return slack.calls("chat.postMessage").stream()
                    .filter(call -> !call.params().containsKey("thread_ts"))
                    .filter(call -> !call.param("channel").startsWith("D"))
                    .toList();
        }

        @Override
        public List<FakeSlackApi.Call> threadPosts(String containing) {
            return slack.calls("chat.postMessage").stream()
                    .filter(call -> call.params().containsKey("thread_ts"))
                    .filter(call -> call.text().contains(containing))
                    .toList();
        }

        @Override
        public String calls() {
            return slack.calls().toString();
        }

        private HttpResponse<String> send(HttpRequest request) throws Exception {
            return bot.send(request);
        }
    }
}
