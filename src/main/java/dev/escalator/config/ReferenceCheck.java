package dev.escalator.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that every person, rotation and path named somewhere is declared. Runs after the whole file is read, so a
 * name may be used before the section that declares it, and a declared entry that has mistakes of its own still
 * counts as known (one typo gives one error, not a cascade). A kind missing from {@code declared} is one whose
 * section could not be read at all; its names are not checked, since that section's error says it all.
 */
final class ReferenceCheck {
    private ReferenceCheck() {}

    static void check(List<Reference> references, Map<Reference.Kind, Set<String>> declared) {
        for (var reference : references) {
            var known = declared.get(reference.kind());
            if (known != null && !known.contains(reference.name())) {
                reference
                        .at()
                        .error("unknown %s '%s' (%s)"
                                .formatted(
                                        reference.kind().one(), reference.name(), knownNames(reference.kind(), known)));
            }
        }
    }

    private static String knownNames(Reference.Kind kind, Set<String> known) {
        return known.isEmpty()
                ? "no " + kind.many() + " are defined"
                : "known: " + String.join(", ", new TreeSet<>(known));
    }
}
