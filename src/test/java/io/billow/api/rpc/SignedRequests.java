package io.billow.api.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds requests signed the way the specs say, for tests that are not about the SDK itself. */
final class SignedRequests {

    private SignedRequests() {
    }

    /** A V2 GET with every parameter in the query string. */
    static RpcRequest v2(String accessKeyId, String secret, String nonce, Instant timestamp, Map<String, String> actionParameters) {
        Map<String, String> parameters = new LinkedHashMap<>(actionParameters);
        parameters.put("AccessKeyId", accessKeyId);
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureVersion", "1.0");
        parameters.put("SignatureNonce", nonce);
        parameters.put("Timestamp", timestamp.toString());
        parameters.put("Format", "JSON");
        parameters.put("Signature", SignatureV2.sign(secret, SignatureV2.stringToSign("GET", parameters)));
        return ok(RpcRequest.of("GET", "/", parameters, Map.of(), Headers.none(), new byte[0]));
    }

    /** A V3 POST with the action in headers, {@code query} in the URL and {@code form} in the body. */
    static RpcRequest v3(String accessKeyId, String secret, String nonce, Instant date,
            Map<String, String> query, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(PercentEncoding.encode(name)).append('=').append(PercentEncoding.encode(value)));
        byte[] bodyBytes = body.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", "billow.test");
        headers.put("x-acs-action", "DescribeDBInstances");
        headers.put("x-acs-version", "2014-08-15");
        headers.put("x-acs-date", date.toString());
        headers.put("x-acs-signature-nonce", nonce);
        headers.put("x-acs-content-sha256", SignatureV3.hashedPayload(bodyBytes));
        if (!form.isEmpty()) {
            headers.put("content-type", "application/x-www-form-urlencoded");
        }
        List<String> signed = List.copyOf(headers.keySet());
        String canonical = SignatureV3.canonicalRequest("POST", "/", query, Headers.of(headers), signed,
                SignatureV3.hashedPayload(bodyBytes));
        String signature = SignatureV3.sign(secret, SignatureV3.stringToSign(canonical));
        headers.put("Authorization", new Acs3Authorization(SignatureV3.ALGORITHM, accessKeyId, signed, signature).format());
        StringBuilder rawQuery = new StringBuilder();
        query.forEach((name, value) -> rawQuery.append(rawQuery.length() == 0 ? "" : "&")
                .append(PercentEncoding.encode(name)).append('=').append(PercentEncoding.encode(value)));
        return ok(RpcRequest.fromHttp("POST", "/", rawQuery.toString(), headers, bodyBytes));
    }

    static <T> T ok(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Ok<T> ok) {
            return ok.value();
        }
        throw new AssertionError("expected success, got " + outcome);
    }
}
