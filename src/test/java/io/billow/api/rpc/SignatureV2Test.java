package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureV2Test {

    /** The vector from Alibaba's ECS signature documentation (domain.md §10). */
    private static final Map<String, String> DESCRIBE_REGIONS = Map.of(
            "AccessKeyId", "testid",
            "Action", "DescribeRegions",
            "Format", "XML",
            "SignatureMethod", "HMAC-SHA1",
            "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            "SignatureVersion", "1.0",
            "Timestamp", "2016-02-23T12:46:24Z",
            "Version", "2014-05-26");

    @Test
    void documented_vector_signs_to_the_documented_signature() {
        String stringToSign = SignatureV2.stringToSign("GET", DESCRIBE_REGIONS);

        assertThat(stringToSign).isEqualTo("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions"
                + "%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
                + "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
                + "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
        assertThat(SignatureV2.sign("testsecret", stringToSign)).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void signature_parameter_itself_is_not_signed() {
        var withSignature = new java.util.HashMap<>(DESCRIBE_REGIONS);
        withSignature.put("Signature", "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");

        assertThat(SignatureV2.canonicalQuery(withSignature)).isEqualTo(SignatureV2.canonicalQuery(DESCRIBE_REGIONS));
    }

    @Test
    void values_are_encoded_twice_in_the_string_to_sign() {
        assertThat(SignatureV2.stringToSign("POST", Map.of("Name", "a b*~")))
                .isEqualTo("POST&%2F&Name%3Da%2520b%252A~");
    }

    @Test
    void the_method_is_part_of_what_is_signed() {
        assertThat(SignatureV2.sign("testsecret", SignatureV2.stringToSign("POST", DESCRIBE_REGIONS)))
                .isNotEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }
}
