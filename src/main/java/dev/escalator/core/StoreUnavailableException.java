package dev.escalator.core;

/** The store could not be reached or failed; the operation may or may not have happened and can be retried. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
