package dev.escalator.config;

import dev.escalator.core.PersonId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the top of the file and hands each section to its reader, reporting every mistake it finds on the way. Names
 * are not checked against each other here; {@link ReferenceCheck} does that once everything is read.
 */
final class ConfigReader {
    private static final List<String> SECTIONS =
            List.of("people", "rotations", "paths", "channels", "admins", "reactions", "integrations");
    private static final String PATHS =
            "a mapping of paths, like {payments: {levels: [{notify: [alice], ack_timeout: 5m}]}}";
    /** Names appear in commands ({@code path:NAME}) and in {@code rotation:NAME}, so no spaces and no colons. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.-]+");

    private ConfigReader() {}

    static Optional<ConfigDraft> read(YamlField root, Map<String, String> env) {
        return root.object(SECTIONS).map(top -> {
            var references = new ArrayList<Reference>();
            var declared = new EnumMap<Reference.Kind, Set<String>>(Reference.Kind.class);
            var people = section(
                    top.optional("people"),
                    "a mapping of people, like {alice: {slack: U0ALICE}}",
                    Reference.Kind.PERSON,
                    declared,
                    PersonReader::read);
            var rotations = section(
                    top.optional("rotations"),
                    "a mapping of rotations, like {primary: {members: [alice, bob], shift: 1w, handoff: \"mon 09:00\"}}",
                    Reference.Kind.ROTATION,
                    declared,
                    (name, field) -> RotationReader.read(name, field, references));
            var paths = section(
                    top.required("paths", PATHS),
                    PATHS,
                    Reference.Kind.PATH,
                    declared,
                    (name, field) -> PathReader.read(name, field, references));
            var channels = top.optional("channels")
                    .map(field -> ChannelBindingsReader.read(field, references))
                    .orElse(List.of());
            var admins = top.optional("admins")
                    .map(field -> admins(field, references))
                    .orElse(Set.of());
            var reactions = top.optional("reactions").map(ReactionsReader::read).orElse(Reactions.DEFAULT);
            var integrations = top.optional("integrations")
                    .map(field -> integrations(field, env, references, channels))
                    .orElse(List.of());
            return new ConfigDraft(
                    people, rotations, paths, channels, admins, reactions, integrations, declared, references);
        });
    }

    /** Reads each entry of a section of named entries, declaring its name even when the entry has mistakes. */
    private static <T> List<T> section(
            Optional<YamlField> section,
            String expected,
            Reference.Kind kind,
            Map<Reference.Kind, Set<String>> declared,
            BiFunction<String, YamlField, Optional<T>> reader) {
        var readable = section.map(field -> field.entries(expected)).orElse(Optional.of(Map.of()));
        // a section of the wrong shape declares nothing we can know: leave it out so uses of its names are not checked
        readable.ifPresent(entries -> declared.put(kind, Set.copyOf(entries.keySet())));
        var entries = readable.orElse(Map.of());
        if (entries.isEmpty() && kind == Reference.Kind.PATH) {
            section.ifPresent(field -> field.error("defines no path; expected " + expected));
        }
        var read = new ArrayList<T>();
        entries.forEach((name, field) -> {
            if (!NAME.matcher(name).matches()) {
                field.error(
                        "'%s' cannot be a %s name: use letters, digits, '.', '_' and '-'".formatted(name, kind.one()));
            }
            reader.apply(name, field).ifPresent(read::add);
        });
        return read;
    }

    /**
     * Reads {@code integrations:}; every path an integration sends to needs a channel bound to it (SPEC §10), and a
     * {@code routing_key} must pick one PagerDuty integration.
     */
    private static List<Integration> integrations(
            YamlField field, Map<String, String> env, List<Reference> references, List<BoundChannel> channels) {
        var uses = new ArrayList<IntegrationReader.PathUse>();
        var read = new ArrayList<Integration>();
        field.entries(
                        "a mapping of integrations, like {prometheus: {kind: alertmanager, token_env: ALERTS_TOKEN, path: payments}}")
                .orElse(Map.of())
                .forEach((name, entry) -> IntegrationReader.read(name, entry, env, references, uses)
                        .ifPresent(read::add));
        var bound = channels.stream().map(channel -> channel.binding().path()).collect(Collectors.toSet());
        for (var use : uses) {
            if (!bound.contains(use.path())) {
                use.at()
                        .error(
                                "no channel is bound to path '%s', so its alerts could not be posted: bind one under channels"
                                        .formatted(use.path()));
            }
        }
        var pagerDutyTokens = new HashMap<String, String>();
        for (var integration : read) {
            if (integration.kind() == Integration.Kind.PAGERDUTY) {
                var first = pagerDutyTokens.putIfAbsent(integration.token(), integration.name());
                if (first != null) {
                    field.error("integrations %s and %s have the same token: a routing_key must pick one of them"
                            .formatted(first, integration.name()));
                }
            }
        }
        return read;
    }

    private static Set<PersonId> admins(YamlField field, List<Reference> references) {
        var admins = new LinkedHashSet<PersonId>();
        for (var item : field.list("a list of people, like [alice]").orElse(List.of())) {
            item.text("a person's name").ifPresent(name -> {
                references.add(new Reference(Reference.Kind.PERSON, name, item));
                admins.add(new PersonId(name));
            });
        }
        return admins;
    }
}
