package dev.escalator.testing;

import static dev.escalator.testing.Fixtures.LEADS_CHANNEL;
import static dev.escalator.testing.Fixtures.onCall;

import dev.escalator.core.Directory;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Rotation;
import dev.escalator.core.RotationId;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds a {@link Directory}, starting from {@link Fixtures#payments()}; each call replaces or removes one part. */
public final class DirectoryBuilder {
    private final Map<PersonId, Person> people = new LinkedHashMap<>();
    private final Map<RotationId, Rotation> rotations = new LinkedHashMap<>();
    private final Map<PathId, Path> paths = new LinkedHashMap<>();
    private Set<PersonId> admins = Set.of(Fixtures.ALICE);

    DirectoryBuilder() {
        person(new Person(
                Fixtures.ALICE,
                Map.of(Platform.SLACK, "U0ALICE", Platform.DISCORD, "111111111111111111"),
                Optional.of(Fixtures.BERLIN)));
        person(new Person(Fixtures.BOB, Map.of(Platform.SLACK, "U0BOB"), Optional.of(ZoneId.of("America/New_York"))));
        person(new Person(Fixtures.CAROL, Map.of(Platform.DISCORD, "333333333333333333"), Optional.empty()));
        person(new Person(Fixtures.DAVE, Map.of(Platform.SLACK, "U0DAVE"), Optional.of(ZoneId.of("Europe/London"))));
        rotation(Fixtures.aRotation().build());
        path(paymentsPath().build());
        path(Fixtures.aPath("infra")
                .level(Duration.ofMinutes(5), Fixtures.person("dave"))
                .build());
    }

    static PathBuilder paymentsPath() {
        return Fixtures.aPath("payments")
                .level(Duration.ofMinutes(5), onCall("payments-primary"))
                .level(Duration.ofMinutes(10), Fixtures.person("bob"), Fixtures.person("carol"))
                .level(Duration.ofMinutes(15), Fixtures.person("alice"))
                .repeat(1)
                .startLevel(1, 2)
                .reescalateAfterAck(Duration.ofHours(2))
                .fallback(LEADS_CHANNEL);
    }

    /** Adds a person, or replaces the one with the same id. */
    public DirectoryBuilder person(Person person) {
        people.put(person.id(), person);
        return this;
    }

    /** Adds a rotation, or replaces the one with the same id. */
    public DirectoryBuilder rotation(Rotation rotation) {
        rotations.put(rotation.id(), rotation);
        return this;
    }

    /** Adds a path, or replaces the one with the same id. */
    public DirectoryBuilder path(Path path) {
        paths.put(path.id(), path);
        return this;
    }

    /** Removes a person; a path or rotation that names them should be removed or replaced too. */
    public DirectoryBuilder withoutPerson(String id) {
        people.remove(new PersonId(id));
        return this;
    }

    /** Removes a path, as when it is deleted from the configuration while escalations on it are still open. */
    public DirectoryBuilder withoutPath(String id) {
        paths.remove(new PathId(id));
        return this;
    }

    public DirectoryBuilder admins(String... ids) {
        admins = Arrays.stream(ids).map(PersonId::new).collect(Collectors.toSet());
        return this;
    }

    public Directory build() {
        return new Directory(people, rotations, paths, admins);
    }
}
