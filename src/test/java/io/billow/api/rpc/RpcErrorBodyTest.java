package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RpcErrorBodyTest {

    @Test
    void serializes_with_alibaba_field_names_in_alibaba_order() throws Exception {
        RpcErrorBody body = RpcErrorBody.of(RpcError.nonceUsed(), "6C4A1B62-0000", "rds.billow.local");

        assertThat(new ObjectMapper().writeValueAsString(body)).isEqualTo(
                "{\"RequestId\":\"6C4A1B62-0000\",\"HostId\":\"rds.billow.local\",\"Code\":\"SignatureNonceUsed\","
                        + "\"Message\":\"Specified signature nonce was used already.\",\"Recommend\":\"\"}");
    }

    @Test
    void signature_errors_end_with_the_server_string_to_sign() {
        RpcError error = RpcError.signatureDoesNotMatch("GET&%2F&A%3D1");

        assertThat(error.message()).endsWith("server string to sign is:GET&%2F&A%3D1");
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void an_error_has_an_error_status() {
        assertThatThrownBy(() -> RpcError.of("X", 200, "m")).isInstanceOf(IllegalArgumentException.class);
    }
}
