package io.billow.api.rpc;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Authorization} header of a signature V3 request:
 * {@code ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<a;b>,Signature=<hex>}.
 *
 * <p>The fields are read in any order: Alibaba's documentation puts {@code SignedHeaders}
 * second, the Java SDK 4.7 puts it last.
 */
public record Acs3Authorization(String algorithm, String accessKeyId, List<String> signedHeaders, String signature) {

    /** Whether a header value claims to be V3 at all (as opposed to garbage or another scheme). */
    public static boolean isV3(String headerValue) {
        return headerValue.regionMatches(true, 0, "ACS3-", 0, 5);
    }

    public static Outcome<Acs3Authorization> parse(String headerValue) {
        String value = headerValue.trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            return incomplete("The Authorization header has no Credential, SignedHeaders and Signature.");
        }
        String algorithm = value.substring(0, space);
        if (!algorithm.equals(SignatureV3.ALGORITHM)) {
            return incomplete("The signature algorithm \"" + algorithm + "\" is not supported; use "
                    + SignatureV3.ALGORITHM + ".");
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : value.substring(space + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                return incomplete("The Authorization field \"" + part.trim() + "\" has no value.");
            }
            String name = part.substring(0, equals).trim();
            if (fields.put(name, part.substring(equals + 1).trim()) != null) {
                return incomplete("The Authorization field " + name + " is given twice.");
            }
        }
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (fields.getOrDefault(required, "").isEmpty()) {
                return incomplete("The Authorization header has no " + required + ".");
            }
        }
        List<String> signedHeaders = List.of(fields.get("SignedHeaders").split(";"));
        for (String header : signedHeaders) {
            if (header.isEmpty() || !header.equals(header.toLowerCase(Locale.ROOT))) {
                return incomplete("SignedHeaders must be lower-case names separated by \";\".");
            }
        }
        return Outcome.ok(new Acs3Authorization(algorithm, fields.get("Credential"), signedHeaders,
                fields.get("Signature")));
    }

    /** The header value, in the order Alibaba's documentation writes it. */
    public String format() {
        return algorithm + " Credential=" + accessKeyId + ",SignedHeaders=" + String.join(";", signedHeaders)
                + ",Signature=" + signature;
    }

    private static Outcome<Acs3Authorization> incomplete(String why) {
        return Outcome.failed(RpcError.incompleteSignature(why));
    }
}
