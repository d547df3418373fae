package io.billow.api;

import io.billow.problem.Codes;
import io.billow.problem.ProblemException;

import java.util.Optional;
import java.util.function.Function;

/**
 * A parameter that takes one of a fixed set of values (a pay type, a period unit), read the same
 * way by both APIs: missing is {@code MissingParameter}, an unknown value is the choice's own
 * code, and both messages list what is accepted. Thrown as {@link ProblemException}, which each
 * API maps to its error shape at its edge.
 *
 * @param <T> what a value names, usually an enum
 */
public final class Choice<T> {

    /** A value is echoed in a message only this long: it may be large, or a secret pasted by mistake. */
    private static final int MAX_ECHOED = 64;

    private final String unknownCode;
    private final Function<String, Optional<T>> lookup;
    private final String accepted;

    private Choice(String unknownCode, Function<String, Optional<T>> lookup, String accepted) {
        this.unknownCode = unknownCode;
        this.lookup = lookup;
        this.accepted = accepted;
    }

    /**
     * A choice read by {@code parser}, which throws {@link IllegalArgumentException} for a value
     * it does not know (as the enums' own {@code parse} methods do).
     *
     * @param accepted the values as messages list them, e.g. "Postpaid, Prepaid, Serverless"
     */
    public static <T> Choice<T> parsedBy(Function<String, T> parser, String unknownCode, String accepted) {
        return new Choice<>(unknownCode, value -> {
            try {
                return Optional.of(parser.apply(value));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }, accepted);
    }

    /** The value {@code text} names; {@code parameter} is the name the caller used, for the message. */
    public T required(String parameter, String text) {
        if (text == null || text.isEmpty()) {
            throw new ProblemException(Codes.MISSING_PARAMETER, parameter + " is required: one of " + accepted);
        }
        return lookup.apply(text).orElseThrow(() -> new ProblemException(unknownCode,
                parameter + " must be one of " + accepted + ", got " + echoed(text)));
    }

    /** The same, for a parameter that may be left out (null or empty). */
    public Optional<T> optional(String parameter, String text) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(required(parameter, text));
    }

    private static String echoed(String text) {
        return text.length() <= MAX_ECHOED ? text : text.substring(0, MAX_ECHOED) + "… (" + text.length() + " characters)";
    }
}
