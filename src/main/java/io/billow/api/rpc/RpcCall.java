package io.billow.api.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One authenticated call, as an action sees it.
 *
 * @param caller     who signed the request
 * @param accountId  the account of the caller's AccessKey
 * @param action     the resolved action name
 * @param version    the resolved API version
 * @param parameters the request's parameters, query and body together
 * @param requestId  the id the answer will carry; actions may log it or store it with what they write
 * @param now        the server's clock when the request arrived, read once so that one call
 *                   sees one instant throughout
 * @param headers    the request's HTTP headers; an API whose region travels only in the endpoint
 *                   (ONS) reads it from {@code Host}
 */
public record RpcCall(Caller caller, String accountId, String action, String version, RpcParameters parameters,
        String requestId, Instant now, Headers headers) {

    public RpcCall {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(now, "now");
        headers = headers == null ? Headers.none() : headers;
    }

    /** A call without headers, for actions that read none. */
    public RpcCall(Caller caller, String accountId, String action, String version, RpcParameters parameters,
            String requestId, Instant now) {
        this(caller, accountId, action, version, parameters, requestId, now, Headers.none());
    }

    /** A request header, looked up without regard to case. */
    public Optional<String> header(String name) {
        return headers.get(name);
    }

    public String accessKeyId() {
        return caller.accessKeyId();
    }

    /**
     * The request's {@code ClientToken}, if any, scoped to the account and with the hash of the
     * request. Read only by actions that honour one; others ignore the parameter, as Alibaba does.
     *
     * @throws RpcFailure {@code InvalidParameter} for a token that is too long or not ASCII
     */
    public Optional<ClientToken> clientToken() {
        return ClientToken.of(accountId, action, version, parameters.asMap());
    }

    /**
     * Runs the action's writes in one transaction together with keeping their answer under the
     * request's {@code ClientToken}; a retry with the same token and parameters gets that answer
     * back without the writes running again. Without a token the work simply runs in a
     * transaction. See {@link ClientTokens} for how concurrent retries are settled.
     */
    public <T> RpcResult idempotent(ClientTokens<T> tokens, Function<T, ObjectNode> work) {
        return RpcResult.of(tokens.once(clientToken(), work));
    }
}
