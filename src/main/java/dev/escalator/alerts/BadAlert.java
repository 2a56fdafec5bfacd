package dev.escalator.alerts;

/** A payload with a field that is missing or wrong: the sender gets a 400 naming {@code field}. */
final class BadAlert extends Exception {
    private final String field;

    BadAlert(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }

    /** Never null: every BadAlert is made with its field and problem. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
