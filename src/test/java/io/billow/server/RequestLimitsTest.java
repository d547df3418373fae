package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billow.api.RequestLimits;
import io.billow.cli.ApiClient;
import io.billow.store.ThrowAwayDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Overload gets clear refusals: an account over its rate gets 429 with Retry-After (REST) or
 * Throttling.User (RPC and ROA), the operator is not throttled, a request beyond the concurrent and
 * queued ones gets 503 in JSON, and a body that stops arriving gets 408 in JSON; the server
 * answers again at once afterwards.
 */
class RequestLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path dir;
    private static BillowServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("billow-limits-");
        server = BillowServer.start(new BillowServer.Options("127.0.0.1", 0, dir, null, true, Instant.parse("2026-05-01T00:00:00Z"),
                null, TestServer.ADMIN_KEY, 1000, false, NodeOptions.DEFAULT, new RequestLimits(0.5, 3, Duration.ofSeconds(2), 1, 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        ThrowAwayDirectory.delete(dir);
    }

    @Test
    void anAccountOverItsRateIsRefusedWithRetryAfterOnBothApisAndTheOperatorIsNot() throws Exception {
        TestServer.Tenant tenant = tenant();
        String auth = "Bearer " + tenant.accessKeyId() + ":" + tenant.accessKeySecret();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = get("/api/v1/instances", auth);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
        HttpResponse<String> refused = get("/api/v1/instances", auth);
        assertThat(refused.statusCode()).as(refused.headers().map() + " " + refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("Throttling.User");

        RawRpc.Answer rpc = new RawRpc(server.url(), tenant).call("2014-08-15", "DescribeDBInstances", Map.of("RegionId", "cn-hangzhou"));
        assertThat(rpc.status()).isEqualTo(429);
        assertThat(rpc.code()).isEqualTo("Throttling.User");
        assertThat(rpc.body().has("RequestId")).isTrue();
        com.aliyun.rocketmq20220801.Client roa = new com.aliyun.rocketmq20220801.Client(new com.aliyun.teaopenapi.models.Config()
                .setAccessKeyId(tenant.accessKeyId()).setAccessKeySecret(tenant.accessKeySecret())
                .setEndpoint("127.0.0.1:" + server.port()).setProtocol("HTTP").setRegionId("cn-hangzhou"));
        assertThatThrownBy(() -> roa.listInstances(new com.aliyun.rocketmq20220801.models.ListInstancesRequest().setPageNumber(1)
                .setPageSize(10))).as("the ROA API draws on the same bucket")
                .isInstanceOfSatisfying(com.aliyun.tea.TeaException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("Throttling.User");
                    assertThat(e.getStatusCode()).isEqualTo(429);
                });

        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/v1/accounts/" + tenant.accountId(), "Bearer " + TestServer.ADMIN_KEY).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRequestBeyondTheConcurrentOnesIs503AndABodyThatStopsArrivingIs408BothInJson() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", server.port()); Socket queued = new Socket("127.0.0.1", server.port())) {
            OutputStream out = slow.getOutputStream();
            // Headers promise a body that never comes: the first holds the one request slot until the
            // timeout, the second the one place in the queue.
            startWithoutBody(queued.getOutputStream());
            out.write(("POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer.ADMIN_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            HttpResponse<String> busy = get("/api/v1/clock", "Bearer " + TestServer.ADMIN_KEY);
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(busy.body()).get("code").asText()).isEqualTo("ServiceUnavailable");

            slow.setSoTimeout(10_000);
            queued.setSoTimeout(10_000);
            // Whichever arrived first held the slot and times out reading (408). The other timed out queued
            // (503), or, when the slot freed just before its wait ran out, was let in and timed out reading too.
            List<String> answers = List.of(new String(readAll(slow.getInputStream()), StandardCharsets.UTF_8),
                    new String(readAll(queued.getInputStream()), StandardCharsets.UTF_8));
            assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("HTTP/1.1 408"));
            for (String answer : answers) {
                JsonNode body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertThat(body.path("code").asText()).as(answer)
                        .isEqualTo(answer.startsWith("HTTP/1.1 408") ? "RequestTimeout" : "ServiceUnavailable");
            }
        }
        assertThat(get("/api/v1/clock", "Bearer " + TestServer.ADMIN_KEY).statusCode()).as("the server is not stuck").isEqualTo(200);
    }

    private static void startWithoutBody(OutputStream out) throws java.io.IOException {
        out.write(("POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer.ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static byte[] readAll(InputStream in) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (java.io.IOException closed) {
            // the server closed the connection after its answer
        }
        return all.toByteArray();
    }

    private static TestServer.Tenant tenant() {
        ApiClient.Response r = new ApiClient(server.url(), TestServer.ADMIN_KEY).post("/api/v1/accounts",
                "{\"name\":\"t\",\"currency\":\"USD\",\"balance\":100,\"settlementZone\":\"UTC\"}");
        assertThat(r.status()).isEqualTo(201);
        return new TestServer.Tenant(r.body().get("accountId").asText(), new ApiClient(server.url(), ""),
                r.body().get("accessKeyId").asText(), r.body().get("accessKeySecret").asText());
    }

    private static HttpResponse<String> get(String path, String auth) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", auth).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
