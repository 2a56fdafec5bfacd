package dev.escalator.config;

import dev.escalator.core.DurationFormat;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A value in the configuration file with the path that leads to it ({@code paths.payments.levels[1]}) and its line.
 *
 * <p>Reading it as a shape it does not have reports an error at its line and gives empty, so a reader goes on and
 * finds every other mistake in the same run. Scalars are read as the text the user wrote, never as YAML's guess at a
 * type: an unquoted Discord id keeps all its digits and {@code 09:00} stays a time, not a base-60 number.
 */
final class YamlField {
    private static final Duration LONGEST_DURATION = Duration.ofDays(52 * 7);
    private static final int LONGEST_DURATION_TEXT = 32;
    private static final int LONGEST_QUOTE = 60;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?\\d{1,9}");

    private final Node node;
    private final String path;
    private final int line;
    private final Problems problems;

    private YamlField(Node node, String path, int line, Problems problems) {
        this.node = node;
        this.path = path;
        this.line = line;
        this.problems = problems;
    }

    static YamlField root(Node node, Problems problems) {
        return new YamlField(node, "", lineOf(node), problems);
    }

    String path() {
        return path;
    }

    /** 1-based; for a mapping entry, the line of its key, which is where a user looks for it. */
    int line() {
        return line;
    }

    void error(String message) {
        problems.error(line, path, message);
    }

    void warn(String message) {
        problems.warn(line, path, message);
    }

    Problems.Checkpoint checkpoint() {
        return problems.checkpoint();
    }

    /** YAML's empty value ({@code key:} with nothing after it, or {@code ~}). */
    boolean isEmpty() {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    /** A mapping whose keys the user chooses (people, rotations, paths), in file order; duplicate keys are errors. */
    Optional<Map<String, YamlField>> entries(String expected) {
        if (!(node instanceof MappingNode mapping)) {
            return wrongShape(expected);
        }
        var entries = new LinkedHashMap<String, YamlField>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || Tag.NULL.equals(keyNode.getTag())) {
                problems.error(lineOf(keyNode), path, "a key must be a plain name, got " + shapeOf(keyNode));
                continue;
            }
            var entry = new YamlField(tuple.getValueNode(), childPath(key.getValue()), lineOf(keyNode), problems);
            var first = entries.putIfAbsent(key.getValue(), entry);
            if (first != null) {
                entry.error("is given twice; the first is on line " + first.line());
            }
        }
        return Optional.of(entries);
    }

    /** A mapping with a fixed set of keys; every other key is reported, naming the allowed ones. */
    Optional<YamlObject> object(List<String> allowedKeys) {
        String expected = "a mapping with " + String.join(", ", allowedKeys);
        return entries(expected).map(fields -> {
            fields.forEach((key, field) -> {
                if (!allowedKeys.contains(key)) {
                    field.error("unknown key '%s' (allowed: %s)".formatted(key, String.join(", ", allowedKeys)));
                }
            });
            return new YamlObject(this, fields);
        });
    }

    Optional<List<YamlField>> list(String expected) {
        if (!(node instanceof SequenceNode sequence)) {
            return wrongShape(expected);
        }
        var items = new ArrayList<YamlField>();
        for (Node item : sequence.getValue()) {
            items.add(new YamlField(item, path + "[" + items.size() + "]", lineOf(item), problems));
        }
        return Optional.of(items);
    }

    Optional<List<YamlField>> nonEmptyList(String expected) {
        return list(expected).filter(items -> {
            if (items.isEmpty()) {
                error("is empty; expected " + expected);
            }
            return !items.isEmpty();
        });
    }

    /** The text of a single value. */
    Optional<String> text(String expected) {
        if (node instanceof ScalarNode scalar && !isEmpty()) {
            return Optional.of(scalar.getValue());
        }
        return wrongShape(expected);
    }

    /** The text of a single value, turned into a {@code T} by {@code parse}; empty from {@code parse} is an error. */
    <T> Optional<T> parsed(String expected, Function<String, Optional<T>> parse) {
        return text(expected).flatMap(text -> {
            var value = parse.apply(text);
            if (value.isEmpty()) {
                wrongShape(expected);
            }
            return value;
        });
    }

    Optional<Integer> wholeNumber(int min, int max) {
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from %d to %d".formatted(min, max);
        return parsed("a whole number " + range, YamlField::parseWholeNumber).filter(number -> {
            if (number < min || number > max) {
                error("must be " + range + ", got " + number);
            }
            return number >= min && number <= max;
        });
    }

    /** A duration from {@code atLeast} to 52 weeks: a longer timer, reminder or shift is a typo, not a plan. */
    Optional<Duration> duration(Duration atLeast) {
        return parsed("a duration like 30s, 5m, 2h, 1d, 1w or 1h30m", YamlField::parseDuration)
                .filter(duration -> {
                    if (duration.compareTo(atLeast) < 0) {
                        error("must be at least " + DurationFormat.format(atLeast) + ", got " + shapeOf(node));
                        return false;
                    }
                    if (duration.compareTo(LONGEST_DURATION) > 0) {
                        error("must be at most " + DurationFormat.format(LONGEST_DURATION) + ", got " + shapeOf(node));
                        return false;
                    }
                    return true;
                });
    }

    Optional<ZoneId> timeZone() {
        return parsed("a time zone like Europe/Berlin, America/New_York or UTC", YamlField::parseZone);
    }

    private <T> Optional<T> wrongShape(String expected) {
        error("expected " + expected + ", got " + shapeOf(node));
        return Optional.empty();
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String shapeOf(Node node) {
        return switch (node) {
            case ScalarNode scalar when Tag.NULL.equals(scalar.getTag()) -> "nothing";
            case ScalarNode scalar -> "'" + shortened(scalar.getValue()) + "'";
            case SequenceNode sequence -> "a list";
            case MappingNode mapping -> "a mapping";
            default -> "an unsupported YAML value";
        };
    }

    /** Enough of a value to recognise it; a pasted blob would bury the message. */
    private static String shortened(String value) {
        return value.length() <= LONGEST_QUOTE ? value : value.substring(0, LONGEST_QUOTE) + "…";
    }

    private static int lineOf(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static Optional<Integer> parseWholeNumber(String text) {
        return WHOLE_NUMBER.matcher(text).matches() ? Optional.of(Integer.valueOf(text)) : Optional.empty();
    }

    /**
     * Like {@link DurationFormat#parse}, for text of a sane length only: its pattern recurses per part, so thousands of
     * parts overflow the stack, and their sum can overflow a {@code Duration}.
     */
    static Optional<Duration> parseDuration(String text) {
        return text.length() > LONGEST_DURATION_TEXT ? Optional.empty() : DurationFormat.parse(text);
    }

    private static Optional<ZoneId> parseZone(String text) {
        try {
            return Optional.of(ZoneId.of(text.strip()));
        } catch (DateTimeException unknown) {
            return Optional.empty();
        }
    }
}
