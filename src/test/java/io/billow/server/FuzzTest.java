package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded fuzzing of both APIs: at least {@link #REQUESTS} generated requests (missing, duplicated
 * and wrong-typed parameters, huge values, unicode, SQL and path tricks, oversized bodies, wrong
 * signatures). No answer is 5xx, every refusal has a stable code in its API's JSON shape, and no
 * refusal changes the business tables (a fingerprint of their rows before and after). A failure
 * names the seed and request that reproduce it.
 */
class FuzzTest {

    private static final int REQUESTS = 10_000;
    /** A bound against a hung run, not a speed target: the suite runs two test JVMs side by side. */
    private static final Duration BUDGET = Duration.ofSeconds(240);
    private static final long SEED = Long.getLong("billow.fuzz.seed", 20261202L);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Tables that only a request changes (no background work while the clock stands still). */
    private static final List<String> BUSINESS = List.of("accounts", "access_keys", "coupons", "service_linked_roles", "bills",
            "bill_lines", "ledger_entries", "adjustments", "webhooks", "usage_counts", "instance_resources");

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-06-01T00:00:00Z"));

    private static final String[] WEIRD = {"", " ", "-1", "0", "1e999", "-1e999", "NaN", "99999999999999999999999999", "1.5",
        "2000000000", "'; DROP TABLE bills; --", "../../../../etc/passwd", "%00", "\u0000", "\u202e\u202d", "😀", "ẞ\uFFFF",
        "null", "true", "[]", "{}", "-999999999-01-01T00:00:00Z", "+999999999-12", "x".repeat(70_000), "<script>", "%ZZ", "\\u0000"};
    private static final String[] REST_PATHS = {"/api/v1/instances", "/api/v1/instances/{id}", "/api/v1/instances/{id}/changes",
        "/api/v1/instances/{id}/switch", "/api/v1/instances/{id}/usage", "/api/v1/instances/{id}/attributes",
        "/api/v1/accounts/{id}", "/api/v1/accounts/{id}/top-ups", "/api/v1/accounts/{id}/coupons", "/api/v1/bills",
        "/api/v1/orders", "/api/v1/events", "/api/v1/webhooks", "/api/v1/webhooks/{id}", "/api/v1/estimates", "/api/v1/{id}"};
    private static final String[] METHODS = {"GET", "POST", "PATCH", "DELETE", "PUT"};
    private static final String[] RPC_ACTIONS = {"DescribeDBInstances", "CreateDBInstance", "ModifyDBInstanceSpec",
        "DescribeDBInstanceAttribute", "DeleteDBInstance", "DescribeAvailableClasses", "QueryInstanceBill", "QueryAccountBalance",
        "RenewInstance", "DescribeRegions", "NoSuchAction"};
    private static final String[] RPC_PARAMS = {"RegionId", "DBInstanceId", "Engine", "EngineVersion", "DBInstanceClass",
        "DBInstanceStorage", "PayType", "UsedTime", "Period", "BillingCycle", "ServerlessConfiguration", "ZoneId", "PageSize",
        "PageNum", "ClientToken", "InstanceID", "Granularity", "BillingDate"};

    @Test
    void tenThousandGeneratedRequestsNeverGet5xxAndNoRefusalChangesAnything() throws Exception {
        Random random = new Random(SEED);
        TestServer.Tenant tenant = SERVER.newTenant("USD", "1000");
        TestServer.Tenant wrongSecret = new TestServer.Tenant(tenant.accountId(), tenant.api(), tenant.accessKeyId(), "wrong-secret");
        String instance = tenant.api().post("/api/v1/instances", RestApiTest.RDS).body().path("instanceId").asText();
        String[] ids = {instance, tenant.accountId(), "pgm-nope", "acc-nope", "..%2F..%2Fetc", "%00", "%E2%80%AE", "x".repeat(3000)};
        Instant deadline = Instant.now().plus(BUDGET);
        String before = fingerprint();
        int refusals = 0;
        for (int n = 0; n < REQUESTS; n++) {
            if (Instant.now().isAfter(deadline)) {
                fail("only " + n + " requests within " + BUDGET + " (seed " + SEED + ")");
            }
            Answer answer = n % 2 == 0 ? rest(random, tenant, ids) : rpc(random, random.nextInt(10) == 0 ? wrongSecret : tenant, ids);
            String where = "seed " + SEED + ", request " + n + ": " + answer.what();
            assertThat(answer.status()).as(where).isLessThan(500);
            String after = fingerprint();
            if (answer.status() >= 400) {
                refusals++;
                String code = answer.body().path(answer.rpc() ? "Code" : "code").asText();
                assertThat(code).as(where + " has a stable code: " + answer.body()).matches("[A-Za-z][A-Za-z0-9.]*");
                assertThat(after).as(where + " changed nothing").isEqualTo(before);
            }
            before = after;
        }
        System.out.println("FuzzTest: " + REQUESTS + " requests, " + refusals + " refusals, seed " + SEED);
    }

    private record Answer(int status, JsonNode body, boolean rpc, String what) {
    }

    private static Answer rest(Random random, TestServer.Tenant tenant, String[] ids) throws Exception {
        String method = METHODS[random.nextInt(METHODS.length)];
        String path = REST_PATHS[random.nextInt(REST_PATHS.length)].replace("{id}", ids[random.nextInt(ids.length)]);
        if (random.nextInt(4) == 0) {
            path += "?" + pick(random, RPC_PARAMS) + "=" + URLEncoder.encode(pick(random, WEIRD), StandardCharsets.UTF_8)
                    + "&from=" + URLEncoder.encode(pick(random, WEIRD), StandardCharsets.UTF_8);
        }
        String auth = switch (random.nextInt(8)) {
            case 0 -> "Bearer " + tenant.accessKeyId() + ":wrong";
            case 1 -> "";
            default -> "Bearer " + tenant.accessKeyId() + ":" + tenant.accessKeySecret();
        };
        boolean oversized = random.nextInt(30) == 0;
        String body = oversized ? "{\"a\":\"" + "x".repeat(RequestBodiesLimit.OVER) + "\"}" : body(random);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.server().url() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (!auth.isEmpty()) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> r;
        try {
            // The server closes the connection after refusing an oversized body: a client of its own keeps
            // that closed connection out of the pool the other requests share.
            HttpClient client = oversized ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : HTTP;
            r = sendOnceMore(client, request.build());
        } catch (java.io.IOException noAnswer) {
            if (!refusedInTheRequestLine(path)) {
                throw new AssertionError("no answer (seed " + SEED + ") to " + method + " " + abbreviated(path) + " " + abbreviated(body), noAnswer);
            }
            // Jetty refuses such a path while parsing the request line, before it reads any body,
            // and closes: a client still sending one may meet the reset instead of the 400.
            // Without a body the same request must be answered.
            r = sendOnceMore(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                    request.method(method, HttpRequest.BodyPublishers.noBody()).build());
        }
        return new Answer(r.statusCode(), readJson(r.body(), method + " " + path), false, method + " " + path + " " + abbreviated(body));
    }

    /**
     * A path the HTTP layer refuses as it parses the request line (MalformedHttpTest shows the
     * answer): an encoded NUL, or a request line longer than Jetty's 8 KiB header buffer (414).
     */
    private static boolean refusedInTheRequestLine(String path) {
        return path.contains("%00") || path.length() > 8 * 1024;
    }

    /**
     * The server closes a connection after some refusals (a request line too long, headers too
     * large): a request already on its way on that kept-alive connection finds it closed, and a
     * client sends it again on a new one, as the HTTP client does for GET by itself. A request
     * that is not answered on a fresh connection either fails the test.
     */
    private static HttpResponse<String> sendOnceMore(HttpClient client, HttpRequest request) throws Exception {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedUnderIt) {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A creation, change or top-up body with one field missing, duplicated or given a wrong-typed or hostile value. */
    private static String body(Random random) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("product", "\"rds-postgresql\"");
        fields.put("region", "\"cn-hangzhou\"");
        fields.put("edition", "\"HighAvailability\"");
        fields.put("instanceClass", "\"pg.n2.medium.2c\"");
        fields.put("billingMethod", "\"PayAsYouGo\"");
        fields.put("storageGb", "100");
        fields.put("amount", "\"10.00\"");
        fields.put("payType", "\"Serverless\"");
        String field = fields.keySet().toArray(String[]::new)[random.nextInt(fields.size())];
        String weird = pick(random, WEIRD);
        switch (random.nextInt(5)) {
            case 0 -> fields.remove(field);
            case 1 -> fields.put(field, JSON.valueToTree(weird).toString());
            case 2 -> fields.put(field, weird.isEmpty() ? "null" : weird.matches("-?[0-9.e]+") ? weird : "[" + JSON.valueToTree(weird) + "]");
            case 3 -> fields.put(field + "\":1,\"" + field, fields.get(field)); // the field twice
            default -> {
                return random.nextBoolean() ? "{\"storageGb\":" : "\u00ff\u00fe" + weird;
            }
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return json.append('}').toString();
    }

    private static Answer rpc(Random random, TestServer.Tenant tenant, String[] ids) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String value = random.nextBoolean() ? pick(random, WEIRD) : ids[random.nextInt(ids.length)];
            parameters.put(pick(random, RPC_PARAMS), value.length() > 4000 ? value.substring(0, 4000) : value);
        }
        String action = pick(random, RPC_ACTIONS);
        String version = random.nextInt(10) == 0 ? pick(random, WEIRD) : "2014-08-15";
        RawRpc.Answer answer = new RawRpc(SERVER.server().url(), tenant).call(version.length() > 100 ? "x" : version, action, parameters);
        return new Answer(answer.status(), answer.body(), true, "RPC " + action + " " + abbreviated(parameters.toString()));
    }

    /** The rows of the business tables, hashed in one statement. */
    private static String fingerprint() {
        StringBuilder sql = new StringBuilder("SELECT md5(");
        for (int i = 0; i < BUSINESS.size(); i++) {
            sql.append(i == 0 ? "" : " || ").append("coalesce((SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM ")
                    .append(BUSINESS.get(i)).append(" t), '')");
        }
        return SERVER.server().jdbi().withHandle(h -> h.createQuery(sql.append(")").toString()).mapTo(String.class).one());
    }

    private static JsonNode readJson(String body, String what) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON (seed " + SEED + ") for " + what + ": " + abbreviated(body));
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviated(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** A body just over the one limit both APIs share. */
    private static final class RequestBodiesLimit {
        static final int OVER = io.billow.api.RequestBodies.MAX_BODY_BYTES + 10;
    }
}
