package dev.escalator.http;

/**
 * One condition {@code GET /readyz} requires, such as "the store answers" or "Slack is connected". {@link #ready()}
 * is called on every probe, so it must answer at once from state the component already keeps, never by doing I/O. An
 * exception counts as not ready.
 */
public interface ReadinessCheck {
    /** A short name shown by {@code /readyz}, e.g. {@code store}. */
    String name();

    boolean ready();

    static ReadinessCheck of(String name, java.util.function.BooleanSupplier ready) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }
        };
    }
}
