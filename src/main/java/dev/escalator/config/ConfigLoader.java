package dev.escalator.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads and validates the YAML configuration file of SPEC §2. Never throws for a bad file: errors are collected. */
public final class ConfigLoader {
    /** Well above any real configuration; stops a "billion laughs" file from expanding without end. */
    private static final int MAX_ALIASES = 100;

    private ConfigLoader() {}

    /** Loads {@code file}; a missing or unreadable file is one error naming it as given (not made absolute). */
    public static ConfigResult load(java.nio.file.Path file) {
        return load(file, Map.of());
    }

    /**
     * Loads {@code file}, looking up the integrations' {@code token_env} in {@code env}: one that is not set there is an
     * error (SPEC §10). Without {@code env}, every integration's token counts as unset.
     */
    public static ConfigResult load(java.nio.file.Path file, Map<String, String> env) {
        String name = file.toString();
        try {
            return parse(Files.readString(file), name, file, env);
        } catch (NoSuchFileException missing) {
            return wholeFileError(name, "no such file; set ESCALATOR_CONFIG to the configuration file");
        } catch (AccessDeniedException denied) {
            return wholeFileError(name, "cannot read the file: permission denied");
        } catch (CharacterCodingException notText) {
            return wholeFileError(name, "cannot read the file: it is not UTF-8 text");
        } catch (IOException unreadable) {
            return wholeFileError(name, "cannot read the file: " + unreadable.getMessage());
        }
    }

    /** Loads YAML text; {@code fileName} is what errors name. */
    public static ConfigResult parse(String yaml, String fileName) {
        return parse(yaml, fileName, Map.of());
    }

    /** Loads YAML text, looking up the integrations' {@code token_env} in {@code env}. */
    public static ConfigResult parse(String yaml, String fileName, Map<String, String> env) {
        return parse(yaml, fileName, sourceOf(fileName), env);
    }

    private static ConfigResult parse(
            String yaml, String fileName, java.nio.file.Path source, Map<String, String> env) {
        var problems = new Problems(fileName);
        var draft = compose(yaml, problems)
                .map(root -> YamlField.root(root, problems))
                .flatMap(root -> ConfigReader.read(root, env));
        draft.ifPresent(read -> ReferenceCheck.check(read.references(), read.declared()));
        if (problems.hasErrors() || draft.isEmpty()) {
            return new ConfigResult(Optional.empty(), problems.errors(), problems.warnings());
        }
        var config = draft.orElseThrow().toConfig(source);
        UnreachableLevelWarnings.check(
                config.directory(),
                draft.orElseThrow().channels(),
                draft.orElseThrow().pathsById());
        return new ConfigResult(Optional.of(config), problems.errors(), problems.warnings());
    }

    /** The document's node tree; only plain YAML is read, nothing in the file can make the parser build objects. */
    private static Optional<Node> compose(String yaml, Problems problems) {
        var options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        try {
            var tooMany = aliasPastTheCap(new Yaml(new SafeConstructor(options)), withoutByteOrderMark(yaml));
            if (tooMany.isPresent()) {
                problems.error(
                        tooMany.getAsInt(),
                        "",
                        "more than %d aliases (*name) of lists or mappings; write the values out instead"
                                .formatted(MAX_ALIASES));
                return Optional.empty();
            }
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(withoutByteOrderMark(yaml)));
            if (root == null || (root instanceof ScalarNode && Tag.NULL.equals(root.getTag()))) {
                problems.error(ConfigProblem.WHOLE_FILE, "", "the file is empty; it needs at least people and paths");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (MarkedYAMLException syntax) {
            problems.error(lineOf(syntax), "", "not valid YAML: " + describe(syntax));
        } catch (YAMLException unreadable) {
            problems.error(ConfigProblem.WHOLE_FILE, "", "not valid YAML: " + unreadable.getMessage());
        }
        return Optional.empty();
    }

    /**
     * The line of the alias of a list or mapping past {@link #MAX_ALIASES}, if the file has that many: the parser's own
     * cap says only that there are too many, not where. Read as events, so nothing is expanded to count them.
     */
    private static OptionalInt aliasPastTheCap(Yaml yaml, String text) {
        var collections = new HashSet<String>();
        int aliases = 0;
        for (Event event : yaml.parse(new StringReader(text))) {
            if (event instanceof AliasEvent alias) {
                if (collections.contains(alias.getAnchor()) && ++aliases > MAX_ALIASES) {
                    return OptionalInt.of(alias.getStartMark().getLine() + 1);
                }
            } else if (event instanceof NodeEvent node && node.getAnchor() != null) {
                // an anchor may be given again, to another value: the latest one counts
                if (node instanceof CollectionStartEvent) {
                    collections.add(node.getAnchor());
                } else {
                    collections.remove(node.getAnchor());
                }
            }
        }
        return OptionalInt.empty();
    }

    private static int lineOf(MarkedYAMLException syntax) {
        Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
        return mark == null ? ConfigProblem.WHOLE_FILE : mark.getLine() + 1;
    }

    /** SnakeYAML's context says where it was ("while parsing a flow mapping"), the problem what it found there. */
    private static String describe(MarkedYAMLException syntax) {
        String problem = syntax.getProblem() == null ? "" : syntax.getProblem();
        String context = syntax.getContext() == null ? "" : syntax.getContext();
        return context.isEmpty() || problem.isEmpty() ? context + problem : context + ", " + problem;
    }

    private static String withoutByteOrderMark(String yaml) {
        return yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
    }

    private static ConfigResult wholeFileError(String fileName, String message) {
        return new ConfigResult(
                Optional.empty(),
                List.of(new ConfigProblem(fileName, ConfigProblem.WHOLE_FILE, "", message)),
                List.of());
    }

    /** {@link Config#source} is informational; a name that is no valid path must not make parsing throw. */
    private static java.nio.file.Path sourceOf(String fileName) {
        try {
            return java.nio.file.Path.of(fileName);
        } catch (InvalidPathException notAPath) {
            return java.nio.file.Path.of("");
        }
    }
}
