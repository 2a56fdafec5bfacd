package dev.escalator.config;

import dev.escalator.core.Directory;
import dev.escalator.core.Level;
import dev.escalator.core.PathId;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Rotation;
import dev.escalator.core.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Warns of a level that may tag nobody on the platform of a channel bound to its path: the bot tags people with their
 * account on the platform where the escalation lives, so a Slack-only level does nothing in a Discord channel.
 *
 * <p>A level is reachable when one of its people has an account there, or one of its rotations has an account there
 * for every member. A rotation with some members lacking the account leaves the level unreachable during their
 * shifts, which is worth a warning too.
 */
final class UnreachableLevelWarnings {
    private UnreachableLevelWarnings() {}

    /** Runs on a valid config only: with errors, half-read entries would give warnings that are not true. */
    static void check(Directory directory, List<BoundChannel> channels, Map<PathId, PathDraft> paths) {
        var warned = new HashSet<String>();
        for (var bound : channels) {
            var channel = bound.binding().channel();
            // a valid config binds channels to known paths only
            var path = Objects.requireNonNull(paths.get(bound.binding().path()), "path of a bound channel");
            var levels = path.path().levels();
            for (int index = 0; index < levels.size(); index++) {
                var unreachable = unreachable(levels.get(index), channel.platform(), directory);
                if (unreachable.isPresent() && warned.add(path.path().id() + "/" + index + "/" + channel.platform())) {
                    path.levelFields()
                            .get(index)
                            .warn("%s channel %s (%s, line %d) follows this path, but %s"
                                    .formatted(
                                            channel.platform().displayName(),
                                            channel.channelId(),
                                            bound.at().path(),
                                            bound.at().line(),
                                            unreachable.orElseThrow()));
                }
            }
        }
    }

    private static Optional<String> unreachable(Level level, Platform platform, Directory directory) {
        var rotations = new ArrayList<Rotation>();
        for (var target : level.targets()) {
            switch (target) {
                case Target.Individual individual -> {
                    if (hasAccount(individual.person(), platform, directory)) {
                        return Optional.empty();
                    }
                }
                case Target.OnCall onCall ->
                    directory.rotation(onCall.rotation()).ifPresent(rotations::add);
            }
        }
        var withoutAccount = new ArrayList<String>();
        boolean anyMemberReachable = false;
        for (var rotation : rotations) {
            var missing = rotation.members().stream()
                    .filter(member -> !hasAccount(member, platform, directory))
                    .toList();
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            anyMemberReachable |= missing.size() < rotation.members().size();
            missing.forEach(member -> withoutAccount.add(member + " (rotation " + rotation.id() + ")"));
        }
        String account = platform.displayName() + " account";
        return Optional.of(
                anyMemberReachable
                        ? "at times nobody at this level can be tagged there: %s %s no %s"
                                .formatted(
                                        String.join(", ", withoutAccount),
                                        withoutAccount.size() == 1 ? "has" : "have",
                                        account)
                        : "nobody at this level has a " + account);
    }

    private static boolean hasAccount(PersonId person, Platform platform, Directory directory) {
        return directory
                .person(person)
                .flatMap(found -> found.accountOn(platform))
                .isPresent();
    }
}
