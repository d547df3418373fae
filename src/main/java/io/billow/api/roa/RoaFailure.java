package io.billow.api.roa;

import java.util.Objects;

/**
 * Thrown by a ROA action to answer with an error. An expected outcome, not a fault: it carries
 * no stack trace and the gateway does not log it.
 */
public final class RoaFailure extends RuntimeException {

    private final transient RoaError error;

    public RoaFailure(RoaError error) {
        super(Objects.requireNonNull(error, "error").code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public RoaError error() {
        return error;
    }
}
