package dev.escalator.http;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Which handler answers which method and exact path; mounting is allowed while the server runs. */
final class Routes {
    private final Map<String, Map<String, RequestHandler>> byPath = new ConcurrentHashMap<>();

    void mount(String method, String path, RequestHandler handler) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/': " + path);
        }
        var methods = byPath.computeIfAbsent(path, ignored -> new ConcurrentHashMap<>());
        if (methods.putIfAbsent(method, handler) != null) {
            throw new IllegalStateException(method + " " + path + " is already mounted");
        }
    }

    /** The handler for a request; HEAD is answered by the GET handler, without its body. */
    Match find(String method, String path) {
        var methods = byPath.get(path);
        if (methods == null) {
            return new Match.NoPath();
        }
        String lookup = method.equals("HEAD") && !methods.containsKey("HEAD") ? "GET" : method;
        return Optional.ofNullable(methods.get(lookup))
                .<Match>map(handler -> new Match.Found(path, handler))
                .orElseGet(() -> new Match.NoMethod(allowed(methods.keySet())));
    }

    private static String allowed(Set<String> methods) {
        var allowed = new TreeSet<>(methods);
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return String.join(", ", allowed);
    }

    sealed interface Match {
        record Found(String route, RequestHandler handler) implements Match {}

        record NoPath() implements Match {}

        record NoMethod(String allow) implements Match {}
    }
}
