package io.billow.api.rpc;

import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Alibaba Cloud RPC signature V2 ({@code SignatureMethod=HMAC-SHA1}, {@code SignatureVersion=1.0}):
 * every parameter but {@code Signature}, sorted by name and percent-encoded, signed as
 * {@code METHOD&%2F&enc(canonicalQuery)} with HMAC-SHA1 keyed by {@code secret + "&"}.
 *
 * <p>Used both to verify requests and, in tests and tools, to sign them.
 */
public final class SignatureV2 {

    public static final String SIGNATURE_METHOD = "HMAC-SHA1";
    public static final String SIGNATURE_VERSION = "1.0";

    private SignatureV2() {
    }

    /** The sorted, encoded {@code name=value&...} of all parameters except {@code Signature}. */
    public static String canonicalQuery(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&");
        new TreeMap<>(parameters).forEach((name, value) -> {
            if (!name.equals("Signature")) {
                joined.add(PercentEncoding.encode(name) + "=" + PercentEncoding.encode(value));
            }
        });
        return joined.toString();
    }

    /**
     * V2 always signs the path as {@code /}, whatever the URL path: the SDKs do, and the
     * RPC style has no resource path.
     */
    public static String stringToSign(String httpMethod, Map<String, String> parameters) {
        return httpMethod + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonicalQuery(parameters));
    }

    /** Base64 of HMAC-SHA1 keyed by the secret followed by {@code &} (an empty token secret). */
    public static String sign(String accessKeySecret, String stringToSign) {
        return Base64.getEncoder().encodeToString(Digests.hmacSha1(accessKeySecret + "&", stringToSign));
    }
}
