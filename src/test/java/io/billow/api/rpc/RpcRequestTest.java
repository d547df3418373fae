package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcRequestTest {

    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");

    @Test
    void merges_query_and_form_parameters_and_keeps_them_apart_too() {
        RpcRequest request = SignedRequests.ok(RpcRequest.fromHttp("post", "/", "Action=CreateServiceLinkedRole&A=%2A",
                FORM, "CustomSuffix=a+b&Note=x%20y".getBytes(StandardCharsets.UTF_8)));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.query()).containsExactly(Map.entry("Action", "CreateServiceLinkedRole"), Map.entry("A", "*"));
        assertThat(request.form()).containsExactly(Map.entry("CustomSuffix", "a b"), Map.entry("Note", "x y"));
        assertThat(request.parameters()).hasSize(4).containsEntry("CustomSuffix", "a b");
        assertThat(request.action()).contains("CreateServiceLinkedRole");
    }

    @Test
    void reads_a_body_as_form_only_when_it_says_so() {
        RpcRequest request = SignedRequests.ok(RpcRequest.fromHttp("POST", "/", "", Map.of("content-type", "application/json"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(request.parameters()).isEmpty();
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void takes_action_and_version_from_headers_only_when_v3_signs_them() {
        Map<String, String> headers = Map.of("X-Acs-Action", "DescribeDBInstances", "x-acs-version", "2014-08-15");
        Map<String, String> v3Headers = new java.util.HashMap<>(headers);
        v3Headers.put("Authorization", "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=x-acs-action,Signature=00");

        RpcRequest v2 = SignedRequests.ok(RpcRequest.fromHttp("POST", "/", null, headers, new byte[0]));
        RpcRequest v3 = SignedRequests.ok(RpcRequest.fromHttp("POST", "/", null, v3Headers, new byte[0]));

        assertThat(v2.action()).isEmpty();
        assertThat(v3.action()).contains("DescribeDBInstances");
        assertThat(v3.version()).contains("2014-08-15");
        assertThat(v3.headers().get("x-ACS-action")).contains("DescribeDBInstances");
    }

    @Test
    void a_name_without_value_is_an_empty_value() {
        RpcRequest request = SignedRequests.ok(RpcRequest.fromHttp("GET", "/", "Flag&Other=", Map.of(), new byte[0]));

        assertThat(request.parameters()).containsEntry("Flag", "").containsEntry("Other", "");
    }

    @Test
    void refuses_a_parameter_given_twice() {
        assertInvalid(RpcRequest.fromHttp("GET", "/", "A=1&A=2", Map.of(), new byte[0]), "more than once");
        assertInvalid(RpcRequest.fromHttp("POST", "/", "A=1", FORM, "A=1".getBytes(StandardCharsets.UTF_8)),
                "both in the query string and in the request body");
    }

    @Test
    void refuses_malformed_encoding_and_too_many_parameters() {
        assertInvalid(RpcRequest.fromHttp("GET", "/", "A=%ZZ", Map.of(), new byte[0]), "malformed percent escape");
        assertInvalid(RpcRequest.fromHttp("POST", "/", "", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                new byte[] {0x41, 0x3D, (byte) 0xFF}), "The request body is not valid UTF-8.");
        StringBuilder query = new StringBuilder("P=1");
        for (int i = 0; i < RpcRequest.MAX_PARAMETERS; i++) {
            query.append("&P").append(i).append("=1");
        }
        assertInvalid(RpcRequest.fromHttp("GET", "/", query.toString(), Map.of(), new byte[0]), "more than 1000");
    }

    private static void assertInvalid(Outcome<RpcRequest> outcome, String messagePart) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.error().code()).isEqualTo("InvalidParameter");
            assertThat(failed.error().httpStatus()).isEqualTo(400);
            assertThat(failed.error().message()).contains(messagePart);
        });
    }
}
