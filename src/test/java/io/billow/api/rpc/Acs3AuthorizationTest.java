package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Acs3AuthorizationTest {

    @Test
    void reads_the_documented_field_order() {
        var parsed = Acs3Authorization.parse("ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=ab12");

        assertThat(parsed).isEqualTo(Outcome.ok(new Acs3Authorization("ACS3-HMAC-SHA256", "ak",
                List.of("host", "x-acs-date"), "ab12")));
    }

    @Test
    void reads_the_java_sdk_field_order_with_spaces() {
        var parsed = Acs3Authorization.parse("ACS3-HMAC-SHA256 Credential=ak, Signature=ab12, SignedHeaders=x-acs-date");

        assertThat(parsed).isEqualTo(Outcome.ok(new Acs3Authorization("ACS3-HMAC-SHA256", "ak",
                List.of("x-acs-date"), "ab12")));
    }

    @Test
    void formats_back_to_the_documented_order() {
        var authorization = new Acs3Authorization("ACS3-HMAC-SHA256", "ak", List.of("host", "x-acs-date"), "ab12");

        assertThat(authorization.format())
                .isEqualTo("ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=ab12");
    }

    @Test
    void refuses_incomplete_or_foreign_headers_as_incomplete_signature() {
        for (String header : List.of(
                "ACS3-HMAC-SHA256",
                "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host",
                "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=",
                "ACS3-HMAC-SHA256 Credential=ak,Credential=bk,SignedHeaders=host,Signature=ab",
                "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=Host,Signature=ab",
                "ACS3-HMAC-SM3 Credential=ak,SignedHeaders=host,Signature=ab")) {
            assertThat(Acs3Authorization.parse(header))
                    .as(header)
                    .isInstanceOfSatisfying(Outcome.Failed.class,
                            failed -> assertThat(failed.error().code()).isEqualTo("IncompleteSignature"));
        }
    }
}
