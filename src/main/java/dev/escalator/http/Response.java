package dev.escalator.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a {@link RequestHandler} answers: a status, a body of a content type, and any extra headers. */
// the body is copied in and out, and equals and hashCode read its content
@SuppressWarnings("ArrayRecordComponent")
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String TEXT = "text/plain; charset=utf-8";

    public Response {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
        headers = Map.copyOf(headers);
    }

    public static Response of(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Plain text; a line end is added so that the answer reads well in a terminal. */
    public static Response text(int status, String text) {
        return of(status, TEXT, text.endsWith("\n") ? text : text + "\n");
    }

    public Response withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }

    /** A copy: the response stays immutable. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Response response
                && status == response.status
                && contentType.equals(response.contentType)
                && Arrays.equals(body, response.body)
                && headers.equals(response.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body), headers);
    }

    int length() {
        return body.length;
    }

    byte[] bytes() {
        return body;
    }
}
