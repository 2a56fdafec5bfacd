package dev.escalator.http;

import java.io.IOException;

/**
 * Answers requests for one method and path mounted on the {@link HttpService}. Runs on a virtual thread per request;
 * long work belongs after the answer, on the handler's own executor. An exception becomes a 500 and a log line.
 */
@FunctionalInterface
public interface RequestHandler {
    Response handle(Request request) throws IOException;
}
