package io.billow.api.rpc;

import java.util.Objects;

/**
 * Thrown by an action to answer with an RPC error. It is an expected outcome, not a fault, so
 * it carries no stack trace: building one per refused request would cost for nothing, and the
 * gateway does not log it.
 */
public final class RpcFailure extends RuntimeException {

    private final transient RpcError error;

    public RpcFailure(RpcError error) {
        super(Objects.requireNonNull(error, "error").code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public RpcError error() {
        return error;
    }
}
