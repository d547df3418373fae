package io.billow.api.roa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.Caller;
import io.billow.api.rpc.ClientToken;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.Headers;
import io.billow.api.rpc.RpcFailure;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One authenticated ROA call, as an operation sees it.
 *
 * @param accountId  the account of the caller's AccessKey
 * @param action     the operation's name (CreateInstance)
 * @param version    the API version it is registered under
 * @param path       the template's parameters, each segment decoded once
 * @param query      the decoded query parameters
 * @param body       the JSON object of a POST or PATCH; an empty object when there is none
 * @param now        the server's clock when the request arrived, read once
 */
public record RoaCall(Caller caller, String accountId, String action, String version, Map<String, String> path,
                      Map<String, String> query, ObjectNode body, String requestId, Instant now, Headers headers) {

    /** The query parameter that carries a client token in the ROA APIs ({@code clientToken}). */
    public static final String CLIENT_TOKEN = "clientToken";

    public RoaCall {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(version, "version");
        path = Map.copyOf(path);
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(headers, "headers");
    }

    /** A parameter of the path template; the template guarantees it is there (it may be empty). */
    public String pathParameter(String name) {
        String value = path.get(name);
        if (value == null) {
            throw new IllegalStateException(action + " reads the path parameter " + name + ", which its template does not have");
        }
        return value;
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    public Optional<String> header(String name) {
        return headers.get(name);
    }

    /**
     * Runs the operation's writes so that a retry bearing the same {@code clientToken} gets the
     * first answer back without them running again; the same token with another path, query or
     * body is {@code IdempotentParameterMismatch}. Without a token the work simply runs.
     */
    public <T> JsonNode idempotent(ClientTokens<T> tokens, Function<T, JsonNode> work) {
        ObjectNode answer = tokens.once(clientToken(), transaction -> {
            ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
            wrapped.set("data", work.apply(transaction));
            return wrapped;
        });
        return answer.get("data");
    }

    /** The token, compared by everything the request asks: its path parameters, query and body. */
    private Optional<ClientToken> clientToken() {
        Map<String, String> hashed = new TreeMap<>();
        query.forEach((name, value) -> hashed.put("query." + name, value));
        path.forEach((name, value) -> hashed.put("path." + name, value));
        hashed.remove("query." + CLIENT_TOKEN);
        hashed.put("body", body.toString());
        Optional.ofNullable(query.get(CLIENT_TOKEN)).ifPresent(token -> hashed.put("ClientToken", token));
        try {
            return ClientToken.of(accountId, action, version, hashed);
        } catch (RpcFailure invalid) {
            throw RoaError.about(CLIENT_TOKEN, "InvalidClientToken", 400, "Parameter " + CLIENT_TOKEN + " is invalid. It is at most "
                    + ClientToken.MAX_LENGTH + " printable ASCII characters.").failure();
        }
    }
}
