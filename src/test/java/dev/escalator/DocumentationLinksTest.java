package dev.escalator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ stand alone (issue #18): every link between them points at a file and a heading that exist,
 * and none sends the reader to a specification outside the repository.
 */
class DocumentationLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$");
    private static final Pattern OUTSIDE = Pattern.compile("\\bSPEC\\b|§|\\.\\./shared");

    @Test
    void everyLinkInTheDocsPointsAtAFileAndAHeadingThatExist() throws IOException {
        var dangling = new ArrayList<String>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                var link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue; // a web address or mailto:, not a file of this repository
                    }
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    Path linked =
                            file.isEmpty() ? page : page.resolveSibling(file).normalize();
                    String where = page + ":" + (i + 1) + ": " + target;
                    if (!Files.exists(linked)) {
                        dangling.add(where + " (no such file)");
                    } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
                        dangling.add(where + " (no such heading)");
                    }
                }
            }
        }

        assertThat(dangling).isEmpty();
    }

    @Test
    void noPageRefersToASpecificationOutsideTheRepository() throws IOException {
        var outside = new ArrayList<String>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    outside.add(page + ":" + (i + 1) + ": " + lines.get(i));
                }
            }
        }

        assertThat(outside).isEmpty();
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            var pages = new ArrayList<>(List.of(Path.of("README.md")));
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
            return pages;
        }
    }

    /** The anchors GitHub gives a page's headings (lower case, punctuation dropped, spaces as hyphens). */
    private static Set<String> anchors(Path page) throws IOException {
        var anchors = new HashSet<String>();
        if (!page.toString().endsWith(".md")) {
            return anchors;
        }
        boolean inCode = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            var heading = HEADING.matcher(line);
            if (!inCode && heading.matches()) {
                String slug = heading.group(1)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                String unique = slug;
                for (int n = 1; !anchors.add(unique); n++) {
                    unique = slug + "-" + n;
                }
            }
        }
        return anchors;
    }
}
