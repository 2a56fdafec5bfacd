package dev.escalator.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One HTTP request as a {@link RequestHandler} sees it. The body has already been read whole and is at most {@link
 * HttpService#MAX_BODY_BYTES} long; header names are lower case. {@code query} is the raw query string, empty when
 * there is none.
 */
// the body is copied in and out, and equals and hashCode read its content
@SuppressWarnings("ArrayRecordComponent")
public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        headers = headers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        entry -> entry.getKey().toLowerCase(Locale.ROOT),
                        entry -> List.copyOf(entry.getValue()),
                        (first, second) -> first));
        body = body.clone();
    }

    /** The first value of a header, matched without regard to case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)))
                .flatMap(values -> values.stream().findFirst());
    }

    /** A copy: the request stays immutable. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Request request
                && method.equals(request.method)
                && path.equals(request.path)
                && query.equals(request.query)
                && headers.equals(request.headers)
                && Arrays.equals(body, request.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, query, headers, Arrays.hashCode(body));
    }
}
