package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.ChildBot;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeSlackApi;
import dev.escalator.testing.ScenarioData;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 in the middle of a step, between a post and its record, and between a reaction's stored effect and Slack's
 * 200 (SPEC §8: a step fires once, nobody is tagged twice, an action acts once). The real bot runs as a child JVM on the embedded store against a fake Slack, told to halt at a named crash
 * point ({@code http.CrashHook}); the next process, on the same file, finishes the work. Level 1 times out after 2 s,
 * so its step comes due while the first process runs; level 2 waits an hour, so the step fires once or not at all.
 */
class SlackCrashPointsTest {
    /**
     * A bound, not a wait: the next process ends every claim the dead one left at start (the embedded store has one
     * writer), so bob's tag comes as soon as it is ready, not once the step claim (5 s) or delivery claim (20 s) lapses.
     */
    static final Duration BOUND = Duration.ofSeconds(45);
    /** The step claim the dead process took: a step fired again by a claim left to lapse would come within it. */
    static final Duration STEP_CLAIM = Duration.ofSeconds(5);

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
        Files.writeString(data.resolve("escalator.yml"), ScenarioData.twoLevelsConfig(ScenarioData.PAY, "2s", "1h"));
    }

    @AfterEach
    void stop() throws IOException {
        bot.stop();
        slack.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-step-claimed", "after-step-stored"})
    @Timeout(180)
    void aStepCutShortByKillNineFiresOnceAfterRestart(String point) throws Exception {
        Process crashing = bot.start(Optional.of(point));
        assertThat(bot.send(requests.command("U0ALICE", "Checkout is failing")).statusCode())
                .isEqualTo(200);
        bot.assertHalted(crashing, Duration.ofSeconds(60));
        long halted = System.nanoTime();
        assertThat(posted("level 2/2."))
                .as("bob is not tagged before the crash")
                .isZero();

        Process next = bot.start(Optional.empty());
        Eventually.holds("bob tagged; posts: " + slack.calls(), BOUND, () -> posted("level 2/2.") > 0);
        quietUntil(halted, STEP_CLAIM); // a step fired again would come once the claim lapsed
        ChildBot.stopGracefully(next);

        assertOnceEach();
    }

    @Test
    @Timeout(180)
    void aTagPostedButNotRecordedBeforeKillNineIsFoundNotPostedAgain() throws Exception {
        Process crashing = bot.start(Optional.of("after-post"));
        assertThat(bot.send(requests.command("U0ALICE", "Checkout is failing")).statusCode())
                .isEqualTo(200);
        bot.assertHalted(crashing, Duration.ofSeconds(60));
        long halted = System.nanoTime();
        assertThat(posted("level 1/2."))
                .as("alice's tag went out before the crash")
                .isEqualTo(1);

        // the next process ends the dead claim at start and takes the outbox over: the tag is in doubt, looked for,
        // found
        Process next = bot.start(Optional.empty());
        Eventually.holds("bob tagged; posts: " + slack.calls(), BOUND, () -> posted("level 2/2.") > 0);
        quietUntil(halted, STEP_CLAIM);
        ChildBot.stopGracefully(next);

        assertOnceEach();
        assertThat(slack.calls("conversations.replies"))
                .as("the post in doubt was looked for in its thread")
                .isNotEmpty();
    }

    /**
     * A reaction is carried out before Slack hears 200, its stored effect its record: halted after that write and
     * before the answer, Slack hears nothing and retries the event (same {@code event_id}) to the next process, which
     * finds the key stored with the acknowledgement and acts no more: one timeline entry, one thread post.
     */
    @Test
    @Timeout(180)
    void aReactionStoredButNotAnsweredBeforeKillNineActsOnceOnSlacksRetry() throws Exception {
        Files.writeString(data.resolve("escalator.yml"), ScenarioData.twoLevelsConfig(ScenarioData.PAY, "1h", "1h"));
        Process first = bot.start(Optional.empty());
        assertThat(bot.send(requests.command("U0ALICE", "Checkout is failing")).statusCode())
                .isEqualTo(200);
        Eventually.holds("ESC-1's root", BOUND, () -> roots() == 1);
        String root = rootTs();
        ChildBot.stopGracefully(first);

        Process crashing = bot.start(Optional.of("after-action-stored"));
        Optional<Integer> answered = answerTo(requests.reaction("U0BOB", root, "eyes", "Ev0STORED"));
        bot.assertHalted(crashing, Duration.ofSeconds(60));
        assertThat(answered).as("Slack heard no 200, so it retries").isEmpty();

        Process next = bot.start(Optional.empty());
        assertThat(bot.send(requests.reaction("U0BOB", root, "eyes", "Ev0STORED"))
                        .statusCode())
                .as("the retry")
                .isEqualTo(200);
        Eventually.holds(
                "the acknowledgement in the thread; posts: " + slack.calls(),
                BOUND,
                () -> posted("acknowledged. Escalation stopped.") > 0);
        String timeline = SlackWorld.text(bot.send(requests.command("U0ALICE", "timeline ESC-1")));
        ChildBot.stopGracefully(next);

        assertThat(occurrences(timeline, "acknowledged. Escalation stopped."))
                .as("one timeline entry: %s", timeline)
                .isEqualTo(1);
        assertThat(posted("acknowledged. Escalation stopped."))
                .as("one thread post")
                .isEqualTo(1);
        assertThat(roots()).as("one root message").isEqualTo(1);
    }

    /** The status Slack heard, or empty when the process halted before answering. */
    private Optional<Integer> answerTo(HttpRequest request) throws Exception {
        try {
            return Optional.of(bot.send(request).statusCode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String rootTs() {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .filter(call -> !call.param("channel").startsWith("D"))
                .findFirst()
                .orElseThrow()
                .ts();
    }

    private void assertOnceEach() {
        assertThat(roots()).as("one root message").isEqualTo(1);
        assertThat(slack.calls("chat.postMessage").stream()
                        .filter(call -> call.param("channel").startsWith("D"))
                        .map(call -> call.param("metadata"))
                        .toList())
                .as("each direct message once, across the crash")
                .doesNotHaveDuplicates();
        assertThat(posted("level 1/2.")).as("alice tagged once").isEqualTo(1);
        assertThat(posted("Nobody acknowledged level"))
                .as("the step fired once")
                .isEqualTo(1);
        assertThat(posted("level 2/2.")).as("bob tagged once").isEqualTo(1);
    }

    /**
     * Waits until {@code since + quiet} has passed, failing as soon as anything is posted twice meanwhile: a doubled
     * post comes only after a claim lapses, so absence is checked over that time, not sooner.
     */
    private void quietUntil(long since, Duration quiet) throws InterruptedException {
        long until = since + quiet.toNanos();
        while (System.nanoTime() - until < 0) {
            assertOnceEach();
            Thread.sleep(100);
        }
    }

    /** The messages in channels themselves: not thread posts, nor direct messages ({@code D…} channels). */
    private long roots() {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .filter(call -> !call.param("channel").startsWith("D"))
                .count();
    }

    /** How often {@code text} appears in all thread posts together: a post can carry several timeline entries. */
    private long posted(String text) {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> call.params().containsKey("thread_ts"))
                .mapToLong(call -> occurrences(call.text(), text))
                .sum();
    }

    private static long occurrences(String in, String text) {
        long count = 0;
        for (int at = in.indexOf(text); at >= 0; at = in.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }
}
