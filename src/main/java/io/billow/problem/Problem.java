package io.billow.problem;

/**
 * Something a request got wrong, as a value: a stable code (the Alibaba code where one exists)
 * and a human message. Mapped to an HTTP status once, at the edge.
 */
public record Problem(String code, String message) {

    public static Problem of(String code, String message) {
        return new Problem(code, message);
    }
}
