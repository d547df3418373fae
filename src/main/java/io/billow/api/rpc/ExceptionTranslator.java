package io.billow.api.rpc;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Turns the server's own exceptions into RPC errors, so that actions can call into the engine
 * and let its refusals (an ineligible conversion, an instance in the wrong state) reach the
 * caller with their stable code. Empty means "not one of mine": the gateway then answers
 * {@code InternalError}.
 */
@FunctionalInterface
public interface ExceptionTranslator {

    Optional<RpcError> translate(RuntimeException exception);

    static ExceptionTranslator none() {
        return exception -> Optional.empty();
    }

    /**
     * Translates exceptions of one type by their code and message; the HTTP status comes from
     * the code, as the server maps each code to a status in one place. A status that is not an
     * error status (a slip in that map) becomes 500, so a refusal is never sent as a success.
     */
    static <E extends RuntimeException> ExceptionTranslator forType(Class<E> type, Function<E, String> code,
            Function<E, String> message, ToIntFunction<String> statusOfCode) {
        Objects.requireNonNull(type, "type");
        return exception -> {
            if (!type.isInstance(exception)) {
                return Optional.empty();
            }
            E typed = type.cast(exception);
            String errorCode = code.apply(typed);
            int status = statusOfCode.applyAsInt(errorCode);
            return Optional.of(RpcError.of(errorCode, status >= 400 && status <= 599 ? status : 500,
                    message.apply(typed)));
        };
    }

    /**
     * The translation, or empty when there is none or when translating failed itself: a faulty
     * translator must not hide the fault it was given, so its own is kept as suppressed.
     */
    default Optional<RpcError> translateOrEmpty(RuntimeException exception) {
        try {
            return translate(exception);
        } catch (RuntimeException translatorFault) {
            exception.addSuppressed(translatorFault);
            return Optional.empty();
        }
    }

    /** This translator, then {@code next} for what this one does not know. */
    default ExceptionTranslator orElse(ExceptionTranslator next) {
        return exception -> translate(exception).or(() -> next.translate(exception));
    }
}
