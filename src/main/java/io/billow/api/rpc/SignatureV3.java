package io.billow.api.rpc;

import io.billow.store.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Alibaba Cloud signature V3 ({@code ACS3-HMAC-SHA256}): a canonical request of method, path,
 * query, the signed headers and the body's SHA-256, hashed, then signed with HMAC-SHA256 keyed
 * by the secret itself, in lower-case hex.
 */
public final class SignatureV3 {

    public static final String ALGORITHM = "ACS3-HMAC-SHA256";

    private SignatureV3() {
    }

    /** Sorted, encoded {@code name=value&...}; a parameter without a value signs as {@code name=}. */
    public static String canonicalQuery(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&");
        new TreeMap<>(query).forEach((name, value) ->
                joined.add(PercentEncoding.encode(name) + "=" + PercentEncoding.encode(value)));
        return joined.toString();
    }

    /**
     * The canonical request. Headers are taken in the order the signer listed them (lower case,
     * the way {@code SignedHeaders} is itself signed); a listed header that is absent signs as
     * an empty value, so the signature fails rather than the lookup.
     */
    public static String canonicalRequest(String httpMethod, String path, Map<String, String> query,
            Headers headers, List<String> signedHeaders, String hashedPayload) {
        return canonicalRequestOfUri(httpMethod, PercentEncoding.encodePath(path), query, headers, signedHeaders, hashedPayload);
    }

    /**
     * The canonical request over a canonical URI given as it is signed: a ROA path exactly as
     * sent, still percent-encoded, since encoding a decoded path again cannot tell an encoded
     * {@code %2F} inside a segment from the {@code /} between segments.
     */
    public static String canonicalRequestOfUri(String httpMethod, String canonicalUri, Map<String, String> query,
            Headers headers, List<String> signedHeaders, String hashedPayload) {
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            String lowerName = name.toLowerCase(Locale.ROOT);
            canonicalHeaders.append(lowerName).append(':')
                    .append(headers.get(lowerName).map(String::trim).orElse("")).append('\n');
        }
        return httpMethod + "\n"
                + (canonicalUri.isEmpty() ? "/" : canonicalUri) + "\n"
                + canonicalQuery(query) + "\n"
                + canonicalHeaders + "\n"
                + String.join(";", signedHeaders) + "\n"
                + hashedPayload;
    }

    public static String hashedPayload(byte[] body) {
        return Sha256.hex(body);
    }

    public static String stringToSign(String canonicalRequest) {
        return ALGORITHM + "\n" + Sha256.hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(String accessKeySecret, String stringToSign) {
        return Digests.hex(Digests.hmacSha256(accessKeySecret, stringToSign));
    }
}
