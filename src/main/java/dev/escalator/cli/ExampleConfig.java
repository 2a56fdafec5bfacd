package dev.escalator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The example configuration shipped inside the jar (SPEC §2): what {@code init} writes. */
public final class ExampleConfig {
    /** What problems in the bundled example name as their file. */
    public static final String NAME = "escalator.example.yml (bundled)";

    private static final String RESOURCE = "/escalator.example.yml";

    private ExampleConfig() {}

    public static String text() {
        try (InputStream in = ExampleConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
