package dev.escalator.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everyone and everything an escalation can refer to: people, rotations, paths and admins, as configured, and the
 * chat platforms this bot connects to ({@code connected}), which decide where a person can be reached by direct message
 * (SPEC §11). Immutable; built once from the configuration, and narrowed to the platforms connected when the bot
 * starts ({@link #connectedTo}).
 */
public record Directory(
        Map<PersonId, Person> people,
        Map<RotationId, Rotation> rotations,
        Map<PathId, Path> paths,
        Set<PersonId> admins,
        Set<Platform> connected) {

    public Directory {
        people = Map.copyOf(people);
        rotations = Map.copyOf(rotations);
        paths = Map.copyOf(paths);
        admins = Set.copyOf(admins);
        connected = Set.copyOf(connected);
    }

    /** As configured, on a bot that connects to every platform. */
    public Directory(
            Map<PersonId, Person> people,
            Map<RotationId, Rotation> rotations,
            Map<PathId, Path> paths,
            Set<PersonId> admins) {
        this(people, rotations, paths, admins, EnumSet.allOf(Platform.class));
    }

    public static Directory of(List<Person> people, List<Rotation> rotations, List<Path> paths, Set<PersonId> admins) {
        return new Directory(
                people.stream().collect(Collectors.toMap(Person::id, Function.identity())),
                rotations.stream().collect(Collectors.toMap(Rotation::id, Function.identity())),
                paths.stream().collect(Collectors.toMap(Path::id, Function.identity())),
                admins);
    }

    /** The same people, paths and admins, on a bot that connects to {@code platforms} only. */
    public Directory connectedTo(Set<Platform> platforms) {
        return new Directory(people, rotations, paths, admins, platforms);
    }

    /**
     * Where {@code person} gets a direct message when tagged: each platform where they have an account and this bot
     * connects to, in {@link Platform} order; none when their configuration says {@code dm: false}.
     */
    public List<Platform> directMessagePlatforms(Person person) {
        if (!person.directMessages()) {
            return List.of();
        }
        return Arrays.stream(Platform.values())
                .filter(platform -> connected.contains(platform)
                        && person.accountOn(platform).isPresent())
                .toList();
    }

    /** The platforms where {@code person} has an account that this bot does not connect to, in {@link Platform} order. */
    public List<Platform> unconnectedAccounts(Person person) {
        return Arrays.stream(Platform.values())
                .filter(platform -> !connected.contains(platform)
                        && person.accountOn(platform).isPresent())
                .toList();
    }

    public Optional<Person> person(PersonId id) {
        return Optional.ofNullable(people.get(id));
    }

    public Optional<Path> path(PathId id) {
        return Optional.ofNullable(paths.get(id));
    }

    public Optional<Rotation> rotation(RotationId id) {
        return Optional.ofNullable(rotations.get(id));
    }

    /** The configured person who owns this chat account, if any. */
    public Optional<PersonId> personFor(ChatUser user) {
        Objects.requireNonNull(user, "user");
        return people.values().stream()
                .filter(person -> person.accountOn(user.platform())
                        .filter(user.userId()::equals)
                        .isPresent())
                .map(Person::id)
                .findFirst();
    }

    /** The people a level tags at {@code now} with no override in force. */
    public List<PersonId> peopleToTag(Level level, Instant now) {
        return peopleToTag(level, now, OnCallOverrides.NONE);
    }

    /**
     * The people a level tags at {@code now}: rotations resolved to whoever is on call ({@link #onCallAt}, overrides
     * included), each person once.
     */
    public List<PersonId> peopleToTag(Level level, Instant now, OnCallOverrides overrides) {
        var tagged = new LinkedHashSet<PersonId>();
        for (var target : level.targets()) {
            switch (target) {
                case Target.Individual individual -> tagged.add(individual.person());
                case Target.OnCall onCall ->
                    rotation(onCall.rotation()).ifPresent(rotation -> tagged.add(onCallAt(rotation, now, overrides)));
            }
        }
        return List.copyOf(tagged);
    }

    /**
     * Who is on call in {@code rotation} at {@code instant}: the person of the newest override in force, else whoever
     * the rotation's schedule names. Every rotation lookup goes through here.
     */
    public static PersonId onCallAt(Rotation rotation, Instant instant, OnCallOverrides overrides) {
        return overrides
                .inForce(rotation.id(), instant)
                .map(OnCallOverride::person)
                .orElseGet(() -> rotation.onCallAt(instant));
    }

    /**
     * Who is on call in {@code rotation} at {@code now}, the override that put them there if any, and the next
     * handoff: the first moment after {@code now} when someone else is on call (a scheduled handoff, an override
     * starting or ending).
     */
    public static OnCallNow onCallNow(Rotation rotation, Instant now, OnCallOverrides overrides) {
        PersonId current = onCallAt(rotation, now, overrides);
        var changes = new java.util.TreeSet<Instant>();
        Instant scheduled = rotation.nextHandoffAfter(now);
        changes.add(scheduled);
        for (OnCallOverride o : overrides.all()) {
            if (o.rotation().equals(rotation.id())) {
                if (o.from().isAfter(now)) {
                    changes.add(o.from());
                }
                if (o.until().isAfter(now)) {
                    changes.add(o.until());
                }
            }
        }
        // a handoff to the same person is no handoff: look on, within a bounded number of steps
        Instant at = scheduled;
        for (int step = 0; step < 64 && !changes.isEmpty(); step++) {
            at = changes.pollFirst();
            if (!onCallAt(rotation, at, overrides).equals(current)) {
                break;
            }
            changes.add(rotation.nextHandoffAfter(at));
        }
        return new OnCallNow(
                rotation.id(), current, overrides.inForce(rotation.id(), now), at, onCallAt(rotation, at, overrides));
    }

    /** Everyone who may act on an escalation of this path: every level's people and every member of its rotations. */
    public Set<PersonId> peopleOnPath(Path path) {
        var onPath = new LinkedHashSet<PersonId>();
        for (var level : path.levels()) {
            for (var target : level.targets()) {
                switch (target) {
                    case Target.Individual individual -> onPath.add(individual.person());
                    case Target.OnCall onCall ->
                        rotation(onCall.rotation()).ifPresent(rotation -> onPath.addAll(rotation.members()));
                }
            }
        }
        return onPath;
    }
}
