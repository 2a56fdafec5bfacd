package dev.escalator.testing;

/**
 * How big the long tests are: full size in the build, small under mutation testing. PIT runs every test that covers
 * a mutant once per mutant, so a test of a minute (2,000 escalations on two replicas) would make a package's run take
 * hours; the {@code mutation} profile in pom.xml sets {@code -Descalator.test.size=small} for its test JVMs, and the
 * long tests then do the same thing with fewer escalations, and properties with {@link FewerTriesWhenSmall} with fewer
 * tries. The same promises are checked either way, on less work.
 */
public final class TestSize {
    static final String PROPERTY = "escalator.test.size";

    private TestSize() {}

    /** True under PIT (the {@code mutation} profile), where long tests do less of the same work. */
    public static boolean small() {
        return "small".equals(System.getProperty(PROPERTY));
    }

    /** {@code full} in the build, {@code small} under mutation testing. */
    public static int of(int full, int small) {
        return small() ? small : full;
    }
}
