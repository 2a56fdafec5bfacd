package dev.escalator.discord;

import dev.escalator.config.ChannelBinding;
import dev.escalator.config.Config;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Directory;
import dev.escalator.core.Platform;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;

/**
 * The guilds the bot serves (SPEC §7): the one named by {@code DISCORD_GUILD_ID}, else every guild holding a channel
 * the configuration binds. A bot invited elsewhere answers there only with a polite refusal, so nobody outside the
 * team's guild reads an escalation or pages anyone. Direct messages belong to no guild and are served: that is where
 * the tagged are reached.
 */
final class ServedGuilds {
    static final String REFUSAL = "Escalator does not serve this server; it works only in the server it is set up for.";

    private final Optional<String> guildId;
    private final List<String> boundChannels;
    private final Directory directory;

    /** What a press outside a guild that is not a direct message's button by someone configured gets. */
    static final String DIRECT_MESSAGE_REFUSAL =
            "Escalator answers here only the buttons of its own direct messages, to people in its configuration.";

    ServedGuilds(Optional<String> guildId, Config config) {
        this.guildId = guildId;
        this.directory = config.directory();
        this.boundChannels = config.channels().stream()
                .map(ChannelBinding::channel)
                .filter(channel -> channel.platform() == Platform.DISCORD)
                .map(channel -> channel.channelId())
                .toList();
    }

    /**
     * Whether a button pressed outside any guild is served: only a direct message's own button (SPEC §11), pressed by
     * someone in the configuration; anyone else has no business with escalations there.
     */
    boolean servesOutsideGuilds(boolean directMessageButton, ChatUser user) {
        return directMessageButton && directory.personFor(user).isPresent();
    }

    /** Whether an event from {@code guild} (empty: a direct message) is served. */
    boolean serves(Optional<Guild> guild) {
        if (guild.isEmpty()) {
            return true;
        }
        if (guildId.isPresent()) {
            return guildId.get().equals(guild.get().getId());
        }
        return boundChannels.stream().anyMatch(channel -> guild.get().getGuildChannelById(channel) != null);
    }
}
