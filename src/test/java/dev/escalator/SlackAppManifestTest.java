package dev.escalator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The Slack app manifest sends commands, events and interactivity where the bot's HTTP mode listens. */
class SlackAppManifestTest {
    private static final Path MANIFEST = Path.of("manifests/slack/manifest.yml");

    @Test
    void everyRequestUrlOfTheSlackAppIsSlackEvents() {
        Assumptions.assumeTrue(Files.exists(MANIFEST), MANIFEST + " is not there yet: it comes with the Slack adapter");

        Map<String, Object> manifest = Manifests.load(MANIFEST);
        var urls = new ArrayList<String>();
        collectUrls(manifest, urls);

        assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(url).endsWith("/slack/events"));
    }

    /** The values of every {@code url} and {@code request_url}, wherever they are in the manifest. */
    private static void collectUrls(Object node, List<String> urls) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ((key.equals("url") || key.equals("request_url")) && value instanceof String url) {
                    urls.add(url);
                } else {
                    collectUrls(value, urls);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectUrls(item, urls));
        }
    }
}
