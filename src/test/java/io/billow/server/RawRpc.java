package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billow.api.rpc.PercentEncoding;
import io.billow.api.rpc.SignatureV2;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** RPC calls signed by hand (V2, every parameter in the query), for values no typed SDK request would send. */
final class RawRpc {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("Code").asText();
        }
    }

    private final String url;
    private final TestServer.Tenant tenant;

    RawRpc(String url, TestServer.Tenant tenant) {
        this.url = url;
        this.tenant = tenant;
    }

    static RawRpc of(TestServer.Tenant tenant) {
        return new RawRpc(TestServer.get().url(), tenant);
    }

    Answer call(String version, String action, Map<String, String> parameters) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put("Action", action);
        p.put("Version", version);
        p.put("Format", "JSON");
        p.put("AccessKeyId", tenant.accessKeyId());
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("Signature", SignatureV2.sign(tenant.accessKeySecret(), SignatureV2.stringToSign("GET", p)));
        String query = p.entrySet().stream().map(e -> PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return get(query);
    }

    /** An unsigned DescribeRegions with {@code rawQuery} appended as sent: for what is refused before the signature is read. */
    Answer callRaw(String rawQuery) {
        return get("Action=DescribeRegions&Version=2014-08-15&" + rawQuery);
    }

    private Answer get(String query) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/?" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), JSON.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException("GET /?" + query + " failed: " + e, e);
        }
    }
}
