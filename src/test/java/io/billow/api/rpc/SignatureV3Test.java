package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureV3Test {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /**
     * The "fixed parameter values" example of Alibaba's "Request syntax and signature method V3":
     * RunInstances, YourAccessKeyId / YourAccessKeySecret, 2023-10-26T10:22:32Z.
     */
    @Test
    void documented_example_gives_the_documented_hash_and_signature() {
        Headers headers = Headers.of(Map.of(
                "host", "ecs.cn-shanghai.aliyuncs.com",
                "x-acs-action", "RunInstances",
                "x-acs-content-sha256", EMPTY_SHA256,
                "x-acs-date", "2023-10-26T10:22:32Z",
                "x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d",
                "x-acs-version", "2014-05-26"));
        List<String> signed = List.of("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
                "x-acs-signature-nonce", "x-acs-version");

        String canonical = SignatureV3.canonicalRequest("POST", "/",
                Map.of("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId", "cn-shanghai"),
                headers, signed, SignatureV3.hashedPayload(new byte[0]));
        String stringToSign = SignatureV3.stringToSign(canonical);

        assertThat(canonical).isEqualTo("""
                POST
                /
                ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai
                host:ecs.cn-shanghai.aliyuncs.com
                x-acs-action:RunInstances
                x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-acs-date:2023-10-26T10:22:32Z
                x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
                x-acs-version:2014-05-26

                host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(stringToSign).isEqualTo("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
        assertThat(SignatureV3.sign("YourAccessKeySecret", stringToSign))
                .isEqualTo("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    }

    @Test
    void canonical_query_encodes_and_sorts_and_keeps_empty_values() {
        assertThat(SignatureV3.canonicalQuery(Map.of("b", "x y", "a", "", "Tag.1.Key", "*")))
                .isEqualTo("Tag.1.Key=%2A&a=&b=x%20y");
    }

    @Test
    void header_values_are_trimmed_and_missing_ones_sign_empty() {
        String canonical = SignatureV3.canonicalRequest("GET", "/", Map.of(),
                Headers.of(Map.of("X-Acs-Date", "  2024-01-01T00:00:00Z ")), List.of("x-acs-date", "x-acs-gone"),
                EMPTY_SHA256);

        assertThat(canonical).isEqualTo("GET\n/\n\nx-acs-date:2024-01-01T00:00:00Z\nx-acs-gone:\n\n"
                + "x-acs-date;x-acs-gone\n" + EMPTY_SHA256);
    }
}
