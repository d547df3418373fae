package io.billow.api.roa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations of the ROA APIs, each at an HTTP method and a path template such as
 * {@code /instances/{instanceId}/topics/{topicName}}. A {@code {name}} part matches one path
 * segment, already decoded, even an empty one: the operation then refuses it as missing, as the
 * real API answers {@code MissingInstanceId}. Products register theirs at start; the gateway
 * routes every request whose first segment one of them starts with.
 */
public final class RoaRoutes {

    /** A registered operation: its API version, method, template split into parts, and name (the SDK's {@code x-acs-action}). */
    public record Route(String version, String method, List<String> parts, String name, RoaAction action) {

        String template() {
            return "/" + String.join("/", parts);
        }
    }

    /** What a path matched: the route and its parameters, or only the methods the path answers to. */
    public sealed interface Match permits Found, WrongMethod, NoRoute {
    }

    public record Found(Route route, Map<String, String> parameters) implements Match {
    }

    public record WrongMethod(Set<String> allowed) implements Match {
    }

    public record NoRoute() implements Match {
    }

    private final List<Route> routes = new ArrayList<>();

    /**
     * Registers an operation.
     *
     * @throws IllegalArgumentException for a template that does not start with a literal segment,
     *                                  or a method and template registered twice
     */
    public RoaRoutes add(String version, String method, String template, String name, RoaAction action) {
        if (!template.startsWith("/") || template.length() < 2 || template.charAt(1) == '{') {
            throw new IllegalArgumentException("a ROA template starts with a literal segment: " + template);
        }
        List<String> parts = List.of(template.substring(1).split("/", -1));
        String upper = method.toUpperCase(Locale.ROOT);
        for (Route r : routes) {
            if (r.method().equals(upper) && shape(r.parts()).equals(shape(parts))) {
                throw new IllegalArgumentException(upper + " " + template + " is registered twice");
            }
        }
        routes.add(new Route(version, upper, parts, name, action));
        return this;
    }

    /** The first segments of all templates: the paths the gateway must be mounted on. */
    public Set<String> prefixes() {
        Set<String> prefixes = new LinkedHashSet<>();
        routes.forEach(r -> prefixes.add(r.parts().get(0)));
        return prefixes;
    }

    public boolean isEmpty() {
        return routes.isEmpty();
    }

    /** The route of a request, by method and its decoded path segments. */
    public Match find(String method, List<String> segments) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Optional<Map<String, String>> parameters = match(r.parts(), segments);
            if (parameters.isEmpty()) {
                continue;
            }
            if (r.method().equals(method)) {
                return new Found(r, parameters.get());
            }
            allowed.add(r.method());
        }
        return allowed.isEmpty() ? new NoRoute() : new WrongMethod(allowed);
    }

    private static Optional<Map<String, String>> match(List<String> parts, List<String> segments) {
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (isParameter(part)) {
                parameters.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /** The template with every parameter written alike, so two templates differing only in names are the same route. */
    private static List<String> shape(List<String> parts) {
        return parts.stream().map(p -> isParameter(p) ? "{}" : p).toList();
    }

    private static boolean isParameter(String part) {
        return part.length() > 2 && part.startsWith("{") && part.endsWith("}");
    }
}
