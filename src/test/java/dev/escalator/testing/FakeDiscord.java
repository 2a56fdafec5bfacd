package dev.escalator.testing;

import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/** The payloads the fake Discord sends: one guild with one text channel and the bot in it. */
public final class FakeDiscord {
    public static final String JOINED = "2026-01-01T00:00:00.000000+00:00";

    /** The snowflakes of the fake world. */
    public record Ids(String bot, String application, String guild, String channel) {
        public static Ids standard() {
            return new Ids("100000000000000001", "100000000000000001", "200000000000000001", "500000000000000001");
        }
    }

    private FakeDiscord() {}

    /**
     * A counter of interaction ids made as Discord makes them, snowflakes of the wall clock: JDA reads an interaction's
     * age from its id and ignores one too old to answer, so these come from real time, not from a test clock.
     */
    public static AtomicLong interactionIds() {
        return new AtomicLong((System.currentTimeMillis() - 1_420_070_400_000L) << 22);
    }

    public static DataObject user(String id, String name, boolean bot) {
        return DataObject.empty()
                .put("id", id)
                .put("username", name)
                .put("global_name", name)
                .put("discriminator", "0")
                .put("avatar", null)
                .put("bot", bot)
                .put("verified", true)
                .put("mfa_enabled", false)
                .put("flags", 0);
    }

    public static DataObject member(String userId, String name) {
        return DataObject.empty()
                .put("user", user(userId, name, false))
                .put("roles", DataArray.empty())
                .put("joined_at", JOINED)
                .put("deaf", false)
                .put("mute", false)
                .put("flags", 0)
                .put("permissions", "8");
    }

    public static DataObject ready(Ids ids, String gatewayUrl) {
        return DataObject.empty()
                .put("v", 10)
                .put("user", user(ids.bot(), "escalator", true))
                .put(
                        "guilds",
                        DataArray.empty()
                                .add(DataObject.empty().put("id", ids.guild()).put("unavailable", true)))
                .put("session_id", "fake-session")
                .put("resume_gateway_url", gatewayUrl)
                .put(
                        "application",
                        DataObject.empty().put("id", ids.application()).put("flags", 0))
                .put("private_channels", DataArray.empty())
                .put("relationships", DataArray.empty())
                .put("_trace", DataArray.empty().add("fake-gateway"));
    }

    public static DataObject textChannel(Ids ids) {
        return DataObject.empty()
                .put("id", ids.channel())
                .put("type", 0)
                .put("guild_id", ids.guild())
                .put("name", "payments")
                .put("position", 0)
                .put("permission_overwrites", DataArray.empty())
                .put("nsfw", false)
                .put("topic", null)
                .put("parent_id", null)
                .put("last_message_id", null)
                .put("rate_limit_per_user", 0)
                .put("flags", 0);
    }

    public static DataObject guild(Ids ids) {
        var everyone = DataObject.empty()
                .put("id", ids.guild())
                .put("name", "@everyone")
                .put("permissions", "8") // administrator: JDA's own permission checks pass
                .put("position", 0)
                .put("color", 0)
                .put("colors", DataObject.empty().put("primary_color", 0))
                .put("hoist", false)
                .put("managed", false)
                .put("mentionable", false)
                .put("flags", 0);
        var self = DataObject.empty()
                .put("user", user(ids.bot(), "escalator", true))
                .put("roles", DataArray.empty())
                .put("joined_at", JOINED)
                .put("deaf", false)
                .put("mute", false)
                .put("flags", 0);
        return DataObject.empty()
                .put("id", ids.guild())
                .put("name", "Fake guild")
                .put("owner_id", ids.bot())
                .put("unavailable", false)
                .put("large", false)
                .put("afk_timeout", 300)
                .put("member_count", 1)
                .put("joined_at", JOINED)
                .put("roles", DataArray.empty().add(everyone))
                .put("channels", DataArray.empty().add(textChannel(ids).remove("guild_id")))
                .put("threads", DataArray.empty())
                .put("members", DataArray.empty().add(self))
                .put("presences", DataArray.empty())
                .put("voice_states", DataArray.empty())
                .put("emojis", DataArray.empty())
                .put("stickers", DataArray.empty())
                .put("guild_scheduled_events", DataArray.empty())
                .put("soundboard_sounds", DataArray.empty())
                .put("features", DataArray.empty());
    }

    /** {@code /escalate <subcommand>} typed by {@code userId} in the channel, with string options. */
    public static DataObject slashCommand(
            Ids ids, String interactionId, String userId, String subcommand, DataArray options) {
        return slashCommand(ids, textChannel(ids), interactionId, userId, subcommand, options);
    }

    /** {@code /escalate <subcommand>} typed in {@code channel} (a text channel or a thread). */
    public static DataObject slashCommand(
            Ids ids, DataObject channel, String interactionId, String userId, String subcommand, DataArray options) {
        var sub = DataObject.empty().put("name", subcommand).put("type", 1).put("options", options);
        return interaction(ids, channel, interactionId, userId, 2)
                .put(
                        "data",
                        DataObject.empty()
                                .put("id", "600000000000000001")
                                .put("name", "escalate")
                                .put("type", 1)
                                .put("options", DataArray.empty().add(sub)));
    }

    /** {@code userId} pressed the button {@code customId} on the bot's message {@code messageId}. */
    public static DataObject buttonPress(
            Ids ids, String interactionId, String userId, String messageId, String customId) {
        var button = DataObject.empty()
                .put("type", 2)
                .put("style", 1)
                .put("label", "Acknowledge")
                .put("custom_id", customId);
        var row = DataObject.empty()
                .put("type", 1)
                .put("components", DataArray.empty().add(button));
        var message = message(ids, messageId, ids.channel(), "")
                .put("components", DataArray.empty().add(row));
        return interaction(ids, textChannel(ids), interactionId, userId, 3)
                .put("data", DataObject.empty().put("custom_id", customId).put("component_type", 2))
                .put("message", message);
    }

    /**
     * {@code userId} pressed the button {@code customId} on the bot's direct message {@code messageId} in their private
     * channel {@code channelId}: an interaction with no guild, a {@code user} instead of a {@code member}.
     */
    public static DataObject directMessageButtonPress(
            Ids ids, String interactionId, String userId, String channelId, String messageId, String customId) {
        var button = DataObject.empty()
                .put("type", 2)
                .put("style", 1)
                .put("label", "Acknowledge")
                .put("custom_id", customId);
        var row = DataObject.empty()
                .put("type", 1)
                .put("components", DataArray.empty().add(button));
        var message = message(ids, messageId, channelId, "")
                .put("components", DataArray.empty().add(row));
        String name = "user" + userId.substring(userId.length() - 3);
        var channel = DataObject.empty()
                .put("id", channelId)
                .put("type", 1)
                .put("last_message_id", messageId)
                .put("flags", 0)
                .put("recipients", DataArray.empty().add(user(userId, name, false)));
        return DataObject.empty()
                .put("id", interactionId)
                .put("application_id", ids.application())
                .put("type", 3)
                .put("token", "token-" + interactionId)
                .put("version", 1)
                .put("channel_id", channelId)
                .put("channel", channel)
                .put("user", user(userId, name, false))
                .put("locale", "en-US")
                .put("app_permissions", "8")
                .put("entitlements", DataArray.empty())
                .put("authorizing_integration_owners", DataObject.empty().put("0", ids.guild()))
                .put("context", 1)
                .put("data", DataObject.empty().put("custom_id", customId).put("component_type", 2))
                .put("message", message);
    }

    /** A message the bot posted, as Discord returns it. */
    public static DataObject message(Ids ids, String messageId, String channelId, String content) {
        return DataObject.empty()
                .put("id", messageId)
                .put("type", 0)
                .put("channel_id", channelId)
                .put("content", content)
                .put("author", user(ids.bot(), "escalator", true))
                .put("timestamp", JOINED)
                .put("edited_timestamp", null)
                .put("tts", false)
                .put("mention_everyone", false)
                .put("mentions", DataArray.empty())
                .put("mention_roles", DataArray.empty())
                .put("attachments", DataArray.empty())
                .put("embeds", DataArray.empty())
                .put("pinned", false)
                .put("flags", 0)
                .put("components", DataArray.empty());
    }

    private static DataObject interaction(Ids ids, DataObject channel, String interactionId, String userId, int type) {
        return DataObject.empty()
                .put("id", interactionId)
                .put("application_id", ids.application())
                .put("type", type)
                .put("token", "token-" + interactionId)
                .put("version", 1)
                .put("guild_id", ids.guild())
                .put(
                        "guild",
                        DataObject.empty()
                                .put("id", ids.guild())
                                .put("locale", "en-US")
                                .put("features", DataArray.empty()))
                .put("channel_id", channel.getString("id"))
                .put("channel", channel)
                .put("member", member(userId, "user" + userId.substring(userId.length() - 3)))
                .put("locale", "en-US")
                .put("guild_locale", "en-US")
                .put("app_permissions", "8")
                .put("entitlements", DataArray.empty())
                .put("authorizing_integration_owners", DataObject.empty().put("0", ids.guild()))
                .put("context", 0);
    }

    /** The public thread {@code threadId} under the text channel, as Discord describes it. */
    public static DataObject thread(Ids ids, String threadId) {
        return DataObject.empty()
                .put("id", threadId)
                .put("type", 11)
                .put("guild_id", ids.guild())
                .put("parent_id", ids.channel())
                .put("name", "ESC")
                .put("owner_id", ids.bot())
                .put("member_count", 1)
                .put("message_count", 0)
                .put("total_message_count", 0)
                .put("rate_limit_per_user", 0)
                .put("flags", 0)
                .put(
                        "thread_metadata",
                        DataObject.empty()
                                .put("archived", false)
                                .put("locked", false)
                                .put("auto_archive_duration", 1440)
                                .put("archive_timestamp", JOINED));
    }

    public static DataObject stringOption(String name, String value) {
        return DataObject.empty().put("name", name).put("type", 3).put("value", value);
    }

    /** {@code userId} reacted with {@code emoji} on a message in {@code channelId}. */
    public static DataObject reaction(Ids ids, String channelId, String messageId, String userId, String emoji) {
        return DataObject.empty()
                .put("user_id", userId)
                .put("channel_id", channelId)
                .put("message_id", messageId)
                .put("guild_id", ids.guild())
                .put("emoji", DataObject.empty().put("id", null).put("name", emoji))
                .put("member", member(userId, "user" + userId.substring(userId.length() - 3)))
                .put("message_author_id", ids.bot())
                .put("burst", false)
                .put("type", 0);
    }

    /** {@code userId} chose {@code value} in the string select {@code customId} on the bot's message {@code messageId}. */
    public static DataObject stringSelect(
            Ids ids, String interactionId, String userId, String messageId, String customId, String value) {
        var select = DataObject.empty()
                .put("type", 3)
                .put("custom_id", customId)
                .put(
                        "options",
                        DataArray.empty()
                                .add(DataObject.empty().put("label", value).put("value", value)));
        var row = DataObject.empty()
                .put("type", 1)
                .put("components", DataArray.empty().add(select));
        var message = message(ids, messageId, ids.channel(), "")
                .put("flags", 64)
                .put("components", DataArray.empty().add(row));
        return interaction(ids, textChannel(ids), interactionId, userId, 3)
                .put(
                        "data",
                        DataObject.empty()
                                .put("custom_id", customId)
                                .put("component_type", 3)
                                .put("values", DataArray.empty().add(value)))
                .put("message", message);
    }

    /** {@code userId} submitted the modal {@code customId} with these text fields, each in its label. */
    public static DataObject modalSubmit(
            Ids ids, String interactionId, String userId, String customId, java.util.Map<String, String> fields) {
        var components = DataArray.empty();
        int n = 0;
        for (var field : fields.entrySet()) {
            components.add(DataObject.empty()
                    .put("type", 18)
                    .put("id", ++n)
                    .put(
                            "component",
                            DataObject.empty()
                                    .put("type", 4)
                                    .put("id", ++n)
                                    .put("custom_id", field.getKey())
                                    .put("value", field.getValue())));
        }
        return interaction(ids, textChannel(ids), interactionId, userId, 5)
                .put("data", DataObject.empty().put("custom_id", customId).put("components", components));
    }
}
