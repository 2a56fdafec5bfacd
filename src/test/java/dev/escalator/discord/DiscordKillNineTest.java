package dev.escalator.discord;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
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
 *
 * <p>"Once" is what the channel shows: the messages the fake Discord keeps. A process killed right after a post and
 * before recording it leaves the post in doubt, and the next one makes it again with the same nonce and {@code
 * enforce_nonce}, which Discord answers with the message it made (SPEC §8; the real Discord does so for a few minutes).
 * Two such calls are one message, so the test counts messages kept, not calls, and holds every call to that: each
 * message create carries a nonce with {@code enforce_nonce}, one post's repeats carry one nonce, and each nonce is one
 * message kept, in whichever channel. Counting calls failed at load 25-30 when the kill landed between a post and its record.
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

        List<FakeDiscordRest.Call> creates = rest.calls().stream()
                .filter(call -> call.method().equals("POST") && call.path().matches("/channels/\\d+/messages"))
                .toList();
        assertThat(creates)
                .as("every message made with a nonce Discord enforces")
                .allSatisfy(call -> {
                    assertThat(call.body().getString("nonce", "")).isNotEmpty();
                    assertThat(call.body().getBoolean("enforce_nonce", false)).isTrue();
                });
        assertThat(creates.stream()
                        .collect(Collectors.groupingBy(
                                call -> List.of(call.path(), repliesTo(call.body()), call.content()),
                                Collectors.mapping(call -> call.body().getString("nonce"), Collectors.toSet())))
                        .values())
                .as("a post made again after a kill carries the nonce it was first made with")
                .allSatisfy(nonces -> assertThat(nonces).hasSize(1));
        // a nonce names one post wherever it goes (a thread, a reply in the channel, a private channel)
        var kept = rest.messagesKept();
        assertThat(creates.stream().map(call -> call.body().getString("nonce")).distinct())
                .as("each post one message kept; kept: %s", kept)
                .allSatisfy(nonce -> assertThat(
                                kept.stream().filter(message -> nonce.equals(message.getString("nonce", null))))
                        .hasSize(1));
    }

    /** The message a post answers, or "" when it answers none. */
    private static String repliesTo(DataObject post) {
        return post.optObject("message_reference")
                .map(reference -> reference.getString("message_id"))
                .orElse("");
    }

    /** What people do on the fake Discord: gateway events to the latest run, and what it sent the fake's REST. */
    private final class OnDiscord implements KilledAfterEachAnswer.Chat {
        @Override
        public void openByCommand(String title) {
            slash(ALICE, "open", DataArray.empty().add(FakeDiscord.stringOption("title", title)));
        }

        @Override
        public String awaitFirstRoot() {
            return Eventually.found(
                            "ESC-1's root message",
                            BOUND,
                            () -> roots().stream().findFirst())
                    .getString("id");
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

        /** The root messages Discord keeps in the bound channel. */
        @Override
        public List<DataObject> roots() {
            return rest.messagesKept().stream()
                    .filter(message -> message.getString("channel_id").equals(ids.channel())
                            && !message.hasKey("message_reference"))
                    .toList();
        }

        /**
         * The messages Discord keeps in escalations' threads, and any answering a root message in the channel (where a
         * post goes when its root started no thread); not direct messages.
         */
        @Override
        public List<DataObject> threadPosts(String containing) {
            var directMessages = Stream.of(ALICE, BOB)
                    .flatMap(user -> rest.directMessagesWith(user).stream())
                    .toList();
            return rest.messagesKept().stream()
                    .filter(message -> !directMessages.contains(message.getString("channel_id")))
                    .filter(message -> !message.getString("channel_id").equals(ids.channel())
                            || message.hasKey("message_reference"))
                    .filter(message -> message.getString("content", "").contains(containing))
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
