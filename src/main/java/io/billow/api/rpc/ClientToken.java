package io.billow.api.rpc;

import io.billow.store.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code ClientToken} of a request, with what it is compared by: the account it is scoped
 * to and a hash of the request it stands for.
 *
 * <p>The hash covers the action, the version and every parameter except those that must
 * change between a request and its retry or that do not change what is asked:
 * <ul>
 *   <li>{@code Signature}, {@code SignatureNonce}, {@code Timestamp}: Alibaba requires a retry
 *       to send new ones;</li>
 *   <li>{@code SignatureMethod}, {@code SignatureVersion}, {@code SignatureType},
 *       {@code AccessKeyId}, {@code SecurityToken}: who signed and how; a retry signed by
 *       another key of the same account, or with a refreshed STS token, is the same request;</li>
 *   <li>{@code Format}: how the answer is written, not what it says;</li>
 *   <li>{@code ClientToken} itself, which is the key, not part of the request.</li>
 * </ul>
 * {@code RegionId} is kept: the same order in another region is another order. Action and
 * version come from the resolved values, so a V2 retry of a V3 request (where they travel as
 * headers) still matches.
 */
public record ClientToken(String accountId, String token, String requestHash) {

    /** Alibaba's limit: a token is at most 64 ASCII characters. */
    public static final int MAX_LENGTH = 64;

    static final Set<String> NOT_HASHED = Set.of("ClientToken", "Signature", "SignatureNonce", "Timestamp",
            "SignatureMethod", "SignatureVersion", "SignatureType", "AccessKeyId", "SecurityToken", "Format");

    public ClientToken {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(requestHash, "requestHash");
    }

    /**
     * The token of a request, if it has one.
     *
     * @throws RpcFailure {@code InvalidParameter} when the token is longer than 64 characters or
     *                    holds anything but printable ASCII
     */
    public static Optional<ClientToken> of(String accountId, String action, String version,
            Map<String, String> parameters) {
        String token = parameters.get("ClientToken");
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (token.length() > MAX_LENGTH) {
            throw new RpcFailure(RpcError.invalidParameter("ClientToken",
                    "It is longer than " + MAX_LENGTH + " characters."));
        }
        if (!token.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new RpcFailure(RpcError.invalidParameter("ClientToken",
                    "It may hold printable ASCII characters only."));
        }
        return Optional.of(new ClientToken(accountId, token, requestHash(action, version, parameters)));
    }

    /**
     * SHA-256, in hex, of the hashed parameters sorted by name and written as an encoded query
     * string, the one form in which no two different sets of parameters look alike.
     */
    static String requestHash(String action, String version, Map<String, String> parameters) {
        TreeMap<String, String> hashed = new TreeMap<>(parameters);
        hashed.keySet().removeAll(NOT_HASHED);
        hashed.put("Action", action);
        hashed.put("Version", version);
        StringBuilder canonical = new StringBuilder();
        hashed.forEach((name, value) -> canonical.append(canonical.length() == 0 ? "" : "&")
                .append(PercentEncoding.encode(name)).append('=').append(PercentEncoding.encode(value)));
        return Sha256.hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }
}
