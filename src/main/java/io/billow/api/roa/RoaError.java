package io.billow.api.roa;

import io.billow.api.rpc.RpcError;

import java.util.Objects;

/**
 * An error of a ROA API, as its lower-case envelope carries it: a stable code, the HTTP status
 * it is sent with (and repeats as {@code httpStatusCode}), a human message, and the
 * {@code dynamicCode}/{@code dynamicMessage} pair that names the parameter concerned
 * ({@code InstanceId}/{@code instanceId}), empty when no parameter is.
 */
public record RoaError(String code, int httpStatus, String message, String dynamicCode, String dynamicMessage) {

    public RoaError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(dynamicCode, "dynamicCode");
        Objects.requireNonNull(dynamicMessage, "dynamicMessage");
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("an error needs a 4xx or 5xx status, got " + httpStatus);
        }
    }

    public static RoaError of(String code, int httpStatus, String message) {
        return new RoaError(code, httpStatus, message, "", "");
    }

    /** An error about one parameter: {@code dynamicCode} is its name capitalized, {@code dynamicMessage} its name as sent. */
    public static RoaError about(String parameter, String code, int httpStatus, String message) {
        return new RoaError(code, httpStatus, message, capitalized(parameter), parameter);
    }

    /** The shared refusals (signature, client token) the RPC pieces raise, in this envelope. */
    public static RoaError of(RpcError error) {
        return of(error.code(), error.httpStatus(), error.message());
    }

    public RoaFailure failure() {
        return new RoaFailure(this);
    }

    static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
