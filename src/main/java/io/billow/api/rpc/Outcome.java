package io.billow.api.rpc;

import java.util.Objects;

/** Either a value or the RPC error that stands in its place; errors are values, not exceptions. */
public sealed interface Outcome<T> {

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> failed(RpcError error) {
        return new Failed<>(error);
    }

    record Ok<T>(T value) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Failed<T>(RpcError error) implements Outcome<T> {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
