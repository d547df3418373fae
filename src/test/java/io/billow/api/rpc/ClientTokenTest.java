package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientTokenTest {

    @Test
    void no_token_no_idempotency() {
        assertThat(ClientToken.of("a", "CreateOrder", "v", Map.of("ClientToken", ""))).isEmpty();
        assertThat(ClientToken.of("a", "CreateOrder", "v", Map.of())).isEmpty();
    }

    @Test
    void a_token_is_at_most_64_printable_ascii_characters() {
        assertThat(ClientToken.of("a", "X", "v", Map.of("ClientToken", "x".repeat(64)))).isPresent();
        assertThat(invalid("x".repeat(65))).contains("longer than 64");
        assertThat(invalid("tökén")).contains("ASCII");
        assertThat(invalid("tab\there")).contains("ASCII");
    }

    @Test
    void the_hash_ignores_what_a_retry_must_change_or_may_sign_differently() {
        Map<String, String> first = request("nonce-1", "2031-03-01T08:00:00Z", "sig-1", "LTAIone");
        Map<String, String> retry = request("nonce-2", "2031-03-01T08:00:05Z", "sig-2", "LTAItwo");
        retry.put("Format", "XML");

        assertThat(hash(retry)).isEqualTo(hash(first));
    }

    @Test
    void the_hash_covers_the_action_parameters_the_region_and_the_action() {
        Map<String, String> first = request("n", "t", "s", "k");
        Map<String, String> otherRegion = request("n", "t", "s", "k");
        otherRegion.put("RegionId", "cn-beijing");
        Map<String, String> otherClass = request("n", "t", "s", "k");
        otherClass.put("DBInstanceClass", "pg.n4.2c.1m");

        assertThat(hash(otherRegion)).isNotEqualTo(hash(first));
        assertThat(hash(otherClass)).isNotEqualTo(hash(first));
        assertThat(ClientToken.requestHash("RenewInstance", "2014-08-15", first)).isNotEqualTo(hash(first));
    }

    @Test
    void names_and_values_cannot_run_into_each_other() {
        assertThat(ClientToken.requestHash("A", "v", Map.of("x", "1&y=2")))
                .isNotEqualTo(ClientToken.requestHash("A", "v", Map.of("x", "1", "y", "2")));
    }

    private static Map<String, String> request(String nonce, String timestamp, String signature, String key) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("ClientToken", "t-1");
        parameters.put("RegionId", "cn-hangzhou");
        parameters.put("DBInstanceClass", "pg.n2.serverless.1c");
        parameters.put("SignatureNonce", nonce);
        parameters.put("Timestamp", timestamp);
        parameters.put("Signature", signature);
        parameters.put("AccessKeyId", key);
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureVersion", "1.0");
        parameters.put("Format", "JSON");
        return parameters;
    }

    private static String hash(Map<String, String> parameters) {
        return ClientToken.of("acct", "CreateDBInstance", "2014-08-15", parameters).orElseThrow().requestHash();
    }

    private static String invalid(String token) {
        RpcFailure failure = catchThrowableOfType(RpcFailure.class,
                () -> ClientToken.of("a", "X", "v", Map.of("ClientToken", token)));
        assertThat(failure.error().code()).isEqualTo("InvalidParameter");
        return failure.error().message();
    }
}
