package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.ChildBot;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Discord was answered for survives a kill -9 at once (SPEC §8, STYLE habit 21): the real bot runs as a child JVM
 * on the embedded store against a fake Discord (gateway and REST on loopback); with {@code
 * -Descalator.crash=after-answer} it halts as soon as Discord has taken its deferred reply (or, for a reaction, which
 * has no answer, as soon as it is recorded) and carries out nothing in the meantime. The next process finds the action
 * in the store and carries it out, once: a reaction, a form submission, a button press and a slash command in turn.
 */
class DiscordKillNineTest {
    static final Duration BOUND = Duration.ofSeconds(30);

    static final String ALICE = "111111111111111111";
    static final String BOB = "222222222222222222";

    @TempDir
    Path data;

    final FakeDiscord.Ids ids = FakeDiscord.Ids.standard();
    FakeDiscordRest rest;
    FakeDiscordGateway gateway;
    ChildBot bot;
    int interactions = 800;

    @BeforeEach
    void start() throws Exception {
        rest = new FakeDiscordRest(ids);
        gateway = new FakeDiscordGateway(ids);
        Files.writeString(data.resolve("escalator.yml"), """
                people:
                  alice: {discord: "111111111111111111"}
                  bob: {discord: "222222222222222222"}
                paths:
                  payments:
                    levels:
                      - {notify: [alice], ack_timeout: 1h}
                      - {notify: [bob], ack_timeout: 1h}
                    repeat: 0
                channels:
                  - {discord: "500000000000000001", path: payments}
                """);
        bot = new ChildBot(
                getClass().getSimpleName(),
                data,
                Map.of(
                        "DISCORD_BOT_TOKEN", "fake-token",
                        "DISCORD_API_URL", rest.baseUrl(),
                        "DISCORD_GATEWAY_URL", gateway.url(),
                        "DISCORD_GUILD_ID", ids.guild()));
    }

    @AfterEach
    void stop() throws IOException {
        bot.stop();
        gateway.close();
        rest.close();
    }

    @Test
    @Timeout(600)
    void eachActionDeferredAndThenKilledIsCarriedOutOnceAfterRestart() throws Exception {
        Process first = bot(false);
        slash(ALICE, "open", DataArray.empty().add(FakeDiscord.stringOption("title", "Checkout is failing")));
        Eventually.holds("ESC-1's root", BOUND, () -> roots().size() == 1);
        // the fake records a call before it keeps the message: wait for the message itself
        String root = Eventually.found(
                "ESC-1's root message",
                BOUND,
                () -> rest.messageIds(ids.channel()).stream().findFirst());
        stopGracefully(first);

        // a reaction: recorded, killed; the next process acknowledges ESC-1
        Process crashing = bot(true);
        gateway.dispatch("MESSAGE_REACTION_ADD", FakeDiscord.reaction(ids, ids.channel(), root, BOB, "👀"));
        assertHalted(crashing);

        // that process carries the acknowledgement out; then a form: deferred, killed
        crashing = bot(true);
        awaitThreadPost("acknowledged");
        String show = slash(
                ALICE,
                "open",
                DataArray.empty()
                        .add(FakeDiscord.stringOption("severity", "2"))
                        .add(FakeDiscord.stringOption("by", "4h")));
        String modalId = Eventually.found(
                        "the modal",
                        BOUND,
                        () -> rest.calls().stream()
                                .filter(call -> call.path().startsWith("/interactions/" + show + "/"))
                                .findFirst())
                .body()
                .getObject("data")
                .getString("custom_id");
        gateway.dispatch(
                "INTERACTION_CREATE",
                FakeDiscord.modalSubmit(ids, next(), ALICE, modalId, Map.of("title", "Refunds are stuck")));
        assertHalted(crashing);

        // the form opens ESC-2; then a button press resolving ESC-1: deferred, killed
        crashing = bot(true);
        Eventually.holds("ESC-2's root", BOUND, () -> roots().size() == 2);
        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.buttonPress(ids, next(), BOB, root, "escalator:resolve:1"));
        assertHalted(crashing);

        // ESC-1 is resolved; then a slash command opening ESC-3: deferred, killed
        crashing = bot(true);
        awaitThreadPost("resolved");
        slash(ALICE, "open", DataArray.empty().add(FakeDiscord.stringOption("title", "Payouts are late")));
        assertHalted(crashing);

        Process last = bot(false);
        Eventually.holds("ESC-3's root", BOUND, () -> roots().size() == 3);
        stopGracefully(last);

        assertThat(roots()).as("ESC-1, ESC-2, ESC-3, each once").hasSize(3);
        assertThat(threadPosts("acknowledged")).hasSize(1);
        assertThat(threadPosts("resolved")).hasSize(1);
    }

    // ---- the child process

    private Process bot(boolean crashAfterAnswer) throws Exception {
        return bot.start(crashAfterAnswer ? Optional.of("after-answer") : Optional.empty());
    }

    private void assertHalted(Process process) throws Exception {
        bot.assertHalted(process, Duration.ofSeconds(20));
    }

    private static void stopGracefully(Process process) throws Exception {
        ChildBot.stopGracefully(process);
    }

    // ---- what Discord sends and sees

    private String next() {
        return String.valueOf(++interactions);
    }

    /** Types {@code /escalate <subcommand>} as alice or bob; the interaction's id. */
    private String slash(String user, String subcommand, DataArray options) {
        String interaction = next();
        gateway.dispatch("INTERACTION_CREATE", FakeDiscord.slashCommand(ids, interaction, user, subcommand, options));
        return interaction;
    }

    /** The root messages posted in the bound channel. */
    private List<FakeDiscordRest.Call> roots() {
        return rest.calls().stream()
                .filter(call -> call.method().equals("POST")
                        && call.path().equals("/channels/" + ids.channel() + "/messages")
                        && !call.body().hasKey("message_reference"))
                .toList();
    }

    /**
     * Posts in an escalation's thread; a restarted bot, which the fake gateway tells of no threads, answers the root
     * message in the channel instead (as for an archived thread).
     */
    private List<FakeDiscordRest.Call> threadPosts(String containing) {
        return rest.calls().stream()
                .filter(call -> call.method().equals("POST") && call.path().matches("/channels/\\d+/messages"))
                .filter(call -> !call.path().equals("/channels/" + ids.channel() + "/messages")
                        || call.body().hasKey("message_reference"))
                .filter(call -> call.content().contains(containing))
                .toList();
    }

    private void awaitThreadPost(String containing) {
        Eventually.holds(
                "a thread post saying " + containing + "; calls: " + rest.calls(),
                BOUND,
                () -> !threadPosts(containing).isEmpty());
    }
}
