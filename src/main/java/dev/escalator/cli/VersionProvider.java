package dev.escalator.cli;

import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest; classes run from an IDE or the test classpath have none. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Optional.ofNullable(Cli.class.getPackage().getImplementationVersion())
                .orElse("(development build)");
        return new String[] {"escalator " + version, "Java " + Runtime.version()};
    }
}
