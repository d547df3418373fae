package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's wire format, checked byte by byte with a plain HTTP client and hand-signed V2 requests. */
class RpcGatewayHttpTest {

    private static final Instant NOW = Instant.parse("2031-03-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<RpcParameters> seen = new AtomicReference<>();
    private int nonce;
    private Javalin server;

    @BeforeEach
    void start() {
        RpcActions actions = new RpcActions()
                .register("2014-08-15", "DescribeRegions", call -> {
                    seen.set(call.parameters());
                    return RpcResult.of(RpcResult.newObject().put("Zeta", 1).put("Alpha", 2));
                })
                .register("2014-08-15", "Explode", call -> {
                    throw new IllegalStateException("secret internals at io.billow.Somewhere");
                });
        RequestAuthenticator authenticator = new RequestAuthenticator(
                id -> id.startsWith("LTAI") ? Optional.of("secret") : Optional.empty(),
                BoundedNonceStore.forTolerance(1_000, RequestAuthenticator.TIMESTAMP_TOLERANCE));
        KeyAccounts accounts = id -> id.equals("LTAIorphan") ? Optional.empty() : Optional.of("acct-1");
        RpcGateway gateway = new RpcGateway(authenticator, accounts, actions, () -> NOW)
                .withRequestIds(RequestIds.seeded(7));
        server = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/api/v1/ping", ctx -> ctx.result("pong"));
            gateway.addRoutes(config.routes);
        }).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void success_is_json_with_request_id_first_then_the_fields_in_order() throws Exception {
        HttpResponse<String> response = get("/", signed("LTAIkey", "DescribeRegions", "2014-08-15", Map.of()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("application/json;charset=utf-8"));
        assertThat(response.body()).matches("\\{\"RequestId\":\"[0-9A-F-]{36}\",\"Zeta\":1,\"Alpha\":2}");
    }

    @Test
    void any_path_outside_the_rest_api_is_an_rpc_path() throws Exception {
        assertThat(get("/some/where", signed("LTAIkey", "DescribeRegions", "2014-08-15", Map.of())).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/ping", "").body()).isEqualTo("pong");
        assertThat(get("/api/v1/nothing", signed("LTAIkey", "DescribeRegions", "2014-08-15", Map.of())).statusCode())
                .isEqualTo(404);
    }

    @Test
    void an_error_has_alibabas_body_with_host_id_and_a_recommendation() throws Exception {
        HttpResponse<String> response = get("/", signed("LTAIkey", "NoSuchThing", "2014-08-15", Map.of()));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("RequestId", "HostId", "Code", "Message", "Recommend");
        assertThat(body.get("Code").asText()).isEqualTo("InvalidAction.NotFound");
        assertThat(body.get("HostId").asText()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(body.get("Recommend").asText()).isNotBlank();
    }

    @Test
    void a_known_action_under_another_version_is_invalid_version() throws Exception {
        HttpResponse<String> response = get("/", signed("LTAIkey", "DescribeRegions", "2099-01-01", Map.of()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("Code").asText()).isEqualTo("InvalidVersion");
    }

    @Test
    void a_signed_request_without_action_or_version_misses_a_parameter() throws Exception {
        Map<String, String> noAction = new LinkedHashMap<>();
        noAction.put("Version", "2014-08-15");
        HttpResponse<String> response = get("/", sign("LTAIkey", noAction));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("Message").asText()).isEqualTo(
                "The input parameter \"Action\" that is mandatory for processing this request is not supplied.");
    }

    @Test
    void an_unsigned_request_learns_nothing_about_actions() throws Exception {
        HttpResponse<String> response = get("/", "Action=NoSuchThing&Version=2014-08-15");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("Code").asText()).isEqualTo("MissingParameter");
    }

    @Test
    void a_key_without_an_account_is_not_found() throws Exception {
        HttpResponse<String> response = get("/", signed("LTAIorphan", "DescribeRegions", "2014-08-15", Map.of()));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("Code").asText()).isEqualTo("InvalidAccessKeyId.NotFound");
    }

    @Test
    void a_fault_is_an_internal_error_without_its_details() throws Exception {
        HttpResponse<String> response = get("/", signed("LTAIkey", "Explode", "2014-08-15", Map.of()));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).get("Code").asText()).isEqualTo("InternalError");
        assertThat(response.body()).doesNotContain("secret internals").doesNotContain("io.billow.Somewhere");
    }

    @Test
    void a_post_form_body_is_merged_with_the_query_string() throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Action", "DescribeRegions");
        parameters.put("Version", "2014-08-15");
        parameters.put("InstanceName", "a b");
        String signedQuery = signAs("POST", "LTAIkey", parameters);
        // As the SDK does for a POST: the common parameters stay in the URL, the action's go in the body.
        String query = signedQuery.replace("&InstanceName=a%20b", "");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/", query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("InstanceName=a%20b")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(seen.get().required("InstanceName")).isEqualTo("a b");
        assertThat(seen.get().required("Action")).isEqualTo("DescribeRegions");
    }

    @Test
    void a_body_over_one_mebibyte_is_refused_with_an_answer_the_client_receives() throws Exception {
        for (int size : new int[] {RpcGateway.MAX_BODY_BYTES + 1, 4 * RpcGateway.MAX_BODY_BYTES}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/", "Action=DescribeRegions"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[size])).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("%d bytes", size).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("Message").asText()).contains("larger than");
        }
    }

    @Test
    void request_ids_come_from_the_injected_supplier() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(JSON.readTree(get("/", signed("LTAIkey", "DescribeRegions", "2014-08-15", Map.of())).body())
                    .get("RequestId").asText());
        }
        var expected = RequestIds.seeded(7);

        assertThat(ids).containsExactly(expected.get(), expected.get());
    }

    private String signed(String accessKeyId, String action, String version, Map<String, String> extra) {
        Map<String, String> parameters = new LinkedHashMap<>(extra);
        parameters.put("Action", action);
        parameters.put("Version", version);
        return sign(accessKeyId, parameters);
    }

    private String sign(String accessKeyId, Map<String, String> actionParameters) {
        return signAs("GET", accessKeyId, actionParameters);
    }

    private String signAs(String method, String accessKeyId, Map<String, String> actionParameters) {
        Map<String, String> parameters = new LinkedHashMap<>(actionParameters);
        parameters.put("AccessKeyId", accessKeyId);
        parameters.put("Format", "JSON");
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureVersion", "1.0");
        parameters.put("SignatureNonce", "nonce-" + nonce++);
        parameters.put("Timestamp", NOW.toString());
        parameters.put("Signature", SignatureV2.sign("secret", SignatureV2.stringToSign(method, parameters)));
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&")
                .append(PercentEncoding.encode(name)).append('=').append(PercentEncoding.encode(value)));
        return query.toString();
    }

    private HttpResponse<String> get(String path, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path, query)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path, String query) {
        return URI.create("http://127.0.0.1:" + server.port() + path + (query.isEmpty() ? "" : "?" + query));
    }
}
