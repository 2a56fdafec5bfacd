package dev.escalator.config;

import dev.escalator.core.Action;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code reactions}: the emoji for each action, a list or a single name; an action not mentioned keeps its
 * default. One emoji cannot mean two actions, including a default one (setting {@code ack: [white_check_mark]} alone
 * would collide with the default resolve).
 */
final class ReactionsReader {
    private static final Map<String, Action> KEYS = keys();
    private static final String EMOJI = "an emoji name like eyes, or a list of them like [eyes, raised_hand]";
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");

    private record Claim(Action action, String name, Optional<YamlField> at) {}

    private ReactionsReader() {}

    static Reactions read(YamlField field) {
        var configured = new EnumMap<Action, List<Claim>>(Action.class);
        field.object(List.copyOf(KEYS.keySet()))
                .ifPresent(reactions -> KEYS.forEach((key, action) -> reactions
                        .optional(key)
                        .map(emoji -> claims(action, emoji))
                        .ifPresent(claims -> configured.put(action, claims))));
        var claims = new ArrayList<Claim>();
        configured.values().forEach(claims::addAll);
        Reactions.DEFAULT.names().forEach((action, names) -> {
            if (!configured.containsKey(action)) {
                names.forEach(name -> claims.add(new Claim(action, name, Optional.empty())));
            }
        });
        rejectEmojiWithTwoActions(claims);
        var names = new EnumMap<Action, List<String>>(Action.class);
        for (var claim : claims) {
            names.computeIfAbsent(claim.action(), action -> new ArrayList<>()).add(claim.name());
        }
        return new Reactions(names);
    }

    private static List<Claim> claims(Action action, YamlField field) {
        var items = field.isList() ? field.nonEmptyList(EMOJI).orElse(List.of()) : List.of(field);
        var claims = new ArrayList<Claim>();
        for (var item : items) {
            item.parsed(EMOJI, ReactionsReader::emojiName)
                    .ifPresent(name -> claims.add(new Claim(action, name, Optional.of(item))));
        }
        return claims;
    }

    private static Optional<String> emojiName(String text) {
        String name = text.strip().replaceAll("^:+|:+$", "");
        return NO_SPACE.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** Configured claims come before defaults, so a collision is always reported at a line the user wrote. */
    private static void rejectEmojiWithTwoActions(List<Claim> claims) {
        var first = new HashMap<String, Claim>();
        for (var claim : claims) {
            var earlier = first.putIfAbsent(Emoji.canonical(claim.name()), claim);
            if (earlier == null || earlier.action() == claim.action()) {
                continue;
            }
            if (claim.at().isPresent()) {
                claim.at()
                        .orElseThrow()
                        .error("'%s' already means %s (line %d); an emoji can do one action"
                                .formatted(
                                        claim.name(),
                                        keyOf(earlier.action()),
                                        earlier.at().orElseThrow().line()));
            } else {
                earlier.at()
                        .orElseThrow()
                        .error("'%s' is also the default %s reaction; set reactions.%s to another emoji"
                                .formatted(earlier.name(), keyOf(claim.action()), keyOf(claim.action())));
            }
        }
    }

    private static String keyOf(Action action) {
        return KEYS.entrySet().stream()
                .filter(key -> key.getValue() == action)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Action> keys() {
        var keys = new LinkedHashMap<String, Action>();
        keys.put("ack", Action.ACKNOWLEDGE);
        keys.put("resolve", Action.RESOLVE);
        keys.put("escalate", Action.ESCALATE);
        keys.put("decline", Action.DECLINE);
        return keys;
    }
}
