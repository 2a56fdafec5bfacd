package dev.escalator.config;

import dev.escalator.core.Directory;
import dev.escalator.core.PathId;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Rotation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The file as read: a record for every entry that was read without a mistake of its own, the names each section
 * declares (including entries with mistakes), and every place a name is used, for the checks that need the whole file.
 */
record ConfigDraft(
        List<Person> people,
        List<Rotation> rotations,
        List<PathDraft> paths,
        List<BoundChannel> channels,
        Set<PersonId> admins,
        Reactions reactions,
        List<Integration> integrations,
        Map<Reference.Kind, Set<String>> declared,
        List<Reference> references) {

    ConfigDraft {
        people = List.copyOf(people);
        rotations = List.copyOf(rotations);
        paths = List.copyOf(paths);
        channels = List.copyOf(channels);
        admins = Set.copyOf(admins);
        integrations = List.copyOf(integrations);
        declared = Map.copyOf(declared);
        references = List.copyOf(references);
    }

    /** Only meaningful when reading and checking found no error: then every declared entry has its record. */
    Config toConfig(java.nio.file.Path source) {
        var directory = Directory.of(
                people, rotations, paths.stream().map(PathDraft::path).toList(), admins);
        return new Config(
                directory,
                channels.stream().map(BoundChannel::binding).toList(),
                reactions,
                paths.stream().flatMap(draft -> draft.digest().stream()).toList(),
                integrations,
                source);
    }

    Map<PathId, PathDraft> pathsById() {
        return paths.stream().collect(Collectors.toMap(draft -> draft.path().id(), Function.identity()));
    }
}
