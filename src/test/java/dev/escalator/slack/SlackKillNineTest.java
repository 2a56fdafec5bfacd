package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.EscalationId;
import dev.escalator.testing.ChildBot;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeSlackApi;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Slack was answered 2xx for survives a kill -9 at once (SPEC §8, STYLE habit 21): the real bot runs as a child
 * JVM on the embedded store against a fake Slack; with {@code -Descalator.crash=after-answer} it halts right after
 * writing its 200 and carries out nothing in the request's wake. The next process finds the action in the store and
 * carries it out, once: a reaction, a form submission, a button press and a slash command in turn.
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
        Files.writeString(data.resolve("escalator.yml"), """
                people:
                  alice: {slack: U0ALICE}
                  bob: {slack: U0BOB}
                paths:
                  payments:
                    levels:
                      - {notify: [alice], ack_timeout: 1h}
                      - {notify: [bob], ack_timeout: 1h}
                    repeat: 0
                channels:
                  - {slack: C0PAY, path: payments}
                """);
    }

    @AfterEach
    void stop() throws IOException {
        bot.stop();
        slack.close();
    }

    @Test
    @Timeout(600)
    void eachActionAnswered200AndThenKilledIsCarriedOutOnceAfterRestart() throws Exception {
        Process first = bot(false);
        assertThat(send(command("U0ALICE", "Checkout is failing")).statusCode()).isEqualTo(200);
        String root = Eventually.found(
                        "ESC-1's root", BOUND, () -> roots().stream().findFirst())
                .ts();
        stopGracefully(first);

        // a reaction: 200, killed; the next process acknowledges ESC-1
        Process crashing = bot(true);
        assertThat(send(reaction("U0BOB", root, "eyes", "Ev0ACK")).statusCode()).isEqualTo(200);
        assertHalted(crashing);

        // that process carries the acknowledgement out; then a form: 200, killed
        crashing = bot(true);
        awaitThreadPost("acknowledged");
        var submitted = SlackWorld.formPayload("U0ALICE", Map.of(EscalationForm.TITLE, "Refunds are stuck"));
        assertThat(send(form(submitted)).statusCode()).isEqualTo(200);
        assertHalted(crashing);

        // the form opens ESC-2; then a button press resolving ESC-1: 200, killed
        crashing = bot(true);
        Eventually.holds("ESC-2's root", BOUND, () -> roots().size() == 2);
        String press = SlackWorld.pressPayload(
                "U0BOB", "escalator_resolve", new EscalationId(1), "1700000300.000001", slack.responseUrl("press"));
        assertThat(send(form(press)).statusCode()).isEqualTo(200);
        assertHalted(crashing);

        // ESC-1 is resolved; then a slash command opening ESC-3: 200, killed
        crashing = bot(true);
        awaitThreadPost("resolved");
        assertThat(send(command("U0ALICE", "Payouts are late")).statusCode()).isEqualTo(200);
        assertHalted(crashing);

        Process last = bot(false);
        Eventually.holds("ESC-3's root", BOUND, () -> roots().size() == 3);
        stopGracefully(last);

        assertThat(roots()).as("ESC-1, ESC-2, ESC-3, each once").hasSize(3);
        assertThat(threadPosts("acknowledged")).hasSize(1);
        assertThat(threadPosts("resolved")).hasSize(1);
    }

    private Process bot(boolean crashAfterAnswer) throws Exception {
        return bot.start(crashAfterAnswer ? Optional.of("after-answer") : Optional.empty());
    }

    private void assertHalted(Process process) throws Exception {
        bot.assertHalted(process, Duration.ofSeconds(10));
    }

    private static void stopGracefully(Process process) throws Exception {
        ChildBot.stopGracefully(process);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return bot.send(request);
    }

    private HttpRequest command(String user, String text) {
        return requests.command(user, text);
    }

    private HttpRequest form(String payload) {
        return requests.form(payload);
    }

    private HttpRequest reaction(String user, String ts, String emoji, String eventId) {
        return requests.reaction(user, ts, emoji, eventId);
    }

    // ---- what Slack sees

    /** The messages in channels themselves: not thread posts, nor direct messages ({@code D…} channels). */
    private List<FakeSlackApi.Call> roots() {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .filter(call -> !call.param("channel").startsWith("D"))
                .toList();
    }

    private List<FakeSlackApi.Call> threadPosts(String containing) {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> call.params().containsKey("thread_ts"))
                .filter(call -> call.text().contains(containing))
                .toList();
    }

    private void awaitThreadPost(String containing) {
        Eventually.holds(
                "a thread post saying " + containing + "; calls: " + slack.calls(),
                BOUND,
                () -> !threadPosts(containing).isEmpty());
    }
}
