package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billow.api.rpc.Acs3Authorization;
import io.billow.api.rpc.Headers;
import io.billow.api.rpc.SignatureV3;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Native calls may be signed like the cloud's V3 requests instead of sending the secret. */
class SignedNativeCallTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aV3SignedNativeCallIsAnsweredAsTheAccountAndAReplayOrAWrongSecretIsRefused() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "100", "UTC");
        String id = ServerlessFlowTest.createPayg(t.api());
        String nonce = UUID.randomUUID().toString();

        HttpResponse<String> ok = send(t.accessKeyId(), t.accessKeySecret(), nonce);
        HttpResponse<String> replay = send(t.accessKeyId(), t.accessKeySecret(), nonce);
        HttpResponse<String> wrong = send(t.accessKeyId(), "not-the-secret", UUID.randomUUID().toString());

        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode instances = JSON.readTree(ok.body()).get("instances");
        assertThat(instances).extracting(i -> i.get("instanceId").asText()).containsExactly(id);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(replay.body()).get("code").asText()).isEqualTo("SignatureNonceUsed");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("code").asText()).isEqualTo("SignatureDoesNotMatch");
    }

    private static HttpResponse<String> send(String keyId, String secret, String nonce) throws Exception {
        String path = "/api/v1/instances";
        String hashed = SignatureV3.hashedPayload(new byte[0]);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-acs-content-sha256", hashed);
        headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        headers.put("x-acs-signature-nonce", nonce);
        List<String> signed = List.of("x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce");
        String canonical = SignatureV3.canonicalRequest("GET", path, Map.of(), Headers.of(headers), signed, hashed);
        String signature = SignatureV3.sign(secret, SignatureV3.stringToSign(canonical));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServer.get().url() + path)).GET()
                .header("Authorization", new Acs3Authorization(SignatureV3.ALGORITHM, keyId, signed, signature).format());
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
