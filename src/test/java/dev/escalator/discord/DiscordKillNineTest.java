package dev.escalator.discord;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.Platform;
import dev.escalator.testing.ChildBot;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.FakeDiscord;
import dev.escalator.testing.FakeDiscordGateway;
import dev.escalator.testing.FakeDiscordRest;
import dev.escalator.testing.KilledAfterEachAnswer;
import dev.escalator.testing.ScenarioData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        Files.writeString(
                data.resolve("escalator.yml"),
                ScenarioData.twoLevelsConfig(new ChannelRef(Platform.DISCORD, ids.channel()), "1h", "1h"));
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
        new KilledAfterEachAnswer(bot, new OnDiscord(), BOUND, Duration.ofSeconds(20))
                .eachActionIsCarriedOutOnceAfterRestart();
    }

    /** What people do on the fake Discord: gateway events to the latest run, and what it sent the fake's REST. */
    private final class OnDiscord implements KilledAfterEachAnswer.Chat {
        @Override
        public void openByCommand(String title) {
            slash(ALICE, "open", DataArray.empty().add(FakeDiscord.stringOption("title", title)));
        }

        @Override
        public String awaitFirstRoot() {
            Eventually.holds("ESC-1's root", BOUND, () -> roots().size() == 1);
            // the fake records a call before it keeps the message: wait for the message itself
            return Eventually.found(
                    "ESC-1's root message",
                    BOUND,
                    () -> rest.messageIds(ids.channel()).stream().findFirst());
        }

        /** A reaction has no answer: the bot halts as soon as it is recorded. */
        @Override
        public void acknowledgeByReaction(String root) {
            gateway.dispatch("MESSAGE_REACTION_ADD", FakeDiscord.reaction(ids, ids.channel(), root, BOB, "👀"));
        }

        /** {@code /escalate open} with no title shows the form; alice submits it. */
        @Override
        public void openByForm(String title) {
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
                    "INTERACTION_CREATE", FakeDiscord.modalSubmit(ids, next(), ALICE, modalId, Map.of("title", title)));
        }

        @Override
        public void resolveByButton(String root) {
            gateway.dispatch(
                    "INTERACTION_CREATE", FakeDiscord.buttonPress(ids, next(), BOB, root, "escalator:resolve:1"));
        }

        /** The root messages posted in the bound channel. */
        @Override
        public List<FakeDiscordRest.Call> roots() {
            return rest.calls().stream()
                    .filter(call -> call.method().equals("POST")
                            && call.path().equals("/channels/" + ids.channel() + "/messages")
                            && !call.body().hasKey("message_reference"))
                    .toList();
        }

        /**
         * Posts in an escalation's thread; a restarted bot, which the fake gateway tells of no threads, answers the
         * root message in the channel instead (as for an archived thread).
         */
        @Override
        public List<FakeDiscordRest.Call> threadPosts(String containing) {
            return rest.calls().stream()
                    .filter(call -> call.method().equals("POST") && call.path().matches("/channels/\\d+/messages"))
                    .filter(call -> !call.path().equals("/channels/" + ids.channel() + "/messages")
                            || call.body().hasKey("message_reference"))
                    .filter(call -> call.content().contains(containing))
                    .toList();
        }

        @Override
        public String calls() {
            return rest.calls().toString();
        }

        private String next() {
            return String.valueOf(++interactions);
        }

        /** Types {@code /escalate <subcommand>} as alice or bob; the interaction's id. */
        private String slash(String user, String subcommand, DataArray options) {
            String interaction = next();
            gateway.dispatch(
                    "INTERACTION_CREATE", FakeDiscord.slashCommand(ids, interaction, user, subcommand, options));
            return interaction;
        }
    }
}
