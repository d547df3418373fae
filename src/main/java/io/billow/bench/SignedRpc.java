package io.billow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billow.api.rpc.PercentEncoding;
import io.billow.api.rpc.SignatureV2;
import io.billow.clock.BillowClock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One benchmark client of the RPC gateway: every request signed (signature V2, parameters in the
 * query, as the classic SDKs send them) with the client's own access key, over its own kept-alive
 * connection. Native REST calls go through the same connection with the key as a bearer token.
 */
final class SignedRpc {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("Code").asText(body.path("code").asText());
        }
    }

    private final String url;
    private final String keyId;
    private final String secret;
    /** Signatures are judged by the wall clock, so they are dated by it. */
    private final BillowClock wallClock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    SignedRpc(String url, String keyId, String secret, BillowClock wallClock) {
        this.url = url;
        this.keyId = keyId;
        this.secret = secret;
        this.wallClock = wallClock;
    }

    Answer call(String version, String action, Map<String, String> parameters) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put("Action", action);
        p.put("Version", version);
        p.put("Format", "JSON");
        p.put("AccessKeyId", keyId);
        p.put("SignatureMethod", SignatureV2.SIGNATURE_METHOD);
        p.put("SignatureVersion", SignatureV2.SIGNATURE_VERSION);
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", wallClock.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("Signature", SignatureV2.sign(secret, SignatureV2.stringToSign("GET", p)));
        String query = p.entrySet().stream().map(e -> PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url + "/?" + query)).GET());
    }

    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + keyId + ":" + secret)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
        } catch (java.io.IOException e) {
            // A refused or reset connection is an outcome of the run, counted like any failed answer.
            return new Answer(0, JSON.createObjectNode().put("Code", "ConnectionFailed").put("Message", e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, JSON.createObjectNode().put("Code", "Interrupted"));
        }
    }
}
