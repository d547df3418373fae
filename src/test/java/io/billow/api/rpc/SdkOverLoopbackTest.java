package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.SignatureVersion;
import com.aliyuncs.auth.signers.SignatureAlgorithm;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official SDK's DefaultAcsClient against a stand-in gateway on the loopback interface:
 * checks the request exactly as its HTTP client sends it, and how it reads our answers, both
 * the success shape of DescribeDBInstanceAttribute and the error body.
 */
class SdkOverLoopbackTest {

    private static final String SUCCESS = "{\"RequestId\":\"REQ-OK\",\"Items\":{\"DBInstanceAttribute\":[{"
            + "\"DBInstanceId\":\"pgm-bp1\",\"PayType\":\"Postpaid\",\"Engine\":\"PostgreSQL\","
            + "\"ServerlessConfig\":{\"ScaleMin\":0.5,\"ScaleMax\":8,\"AutoPause\":true},"
            + "\"SlaveZones\":{\"SlaveZone\":[{\"ZoneId\":\"cn-hangzhou-j\"}]}}]}}";

    private final BoundedNonceStore nonces = BoundedNonceStore.forTolerance(100, RequestAuthenticator.TIMESTAMP_TOLERANCE);
    private final RequestAuthenticator authenticator = new RequestAuthenticator(
            id -> id.equals("LTAIbillowtest") ? Optional.of("right-secret") : Optional.empty(), nonces);
    private HttpServer server;
    private volatile RpcError forcedError;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_v2_call_is_authenticated_and_the_response_unmarshals() throws Exception {
        DescribeDBInstanceAttributeResponse response = client("right-secret").getAcsResponse(describe(false));

        assertThat(response.getRequestId()).isEqualTo("REQ-OK");
        DescribeDBInstanceAttributeResponse.DBInstanceAttribute item = response.getItems().get(0);
        assertThat(item.getDBInstanceId()).isEqualTo("pgm-bp1");
        assertThat(item.getServerlessConfig().getScaleMax()).isEqualTo(8.0);
        assertThat(item.getSlaveZones().get(0).getZoneId()).isEqualTo("cn-hangzhou-j");
    }

    @Test
    void a_v3_call_is_authenticated() throws Exception {
        assertThat(client("right-secret").getAcsResponse(describe(true)).getItems()).hasSize(1);
    }

    @Test
    void a_wrong_secret_reaches_the_user_as_invalid_access_key_secret() {
        ClientException v2 = catchThrowableOfType(ClientException.class,
                () -> client("wrong-secret").getAcsResponse(describe(false)));
        ClientException v3 = catchThrowableOfType(ClientException.class,
                () -> client("wrong-secret").getAcsResponse(describe(true)));

        assertThat(v2.getErrCode()).isEqualTo("SDK.InvalidAccessKeySecret");
        assertThat(v3.getErrCode()).isEqualTo("SDK.InvalidAccessKeySecret");
    }

    @Test
    void a_4xx_error_body_becomes_a_client_exception_with_its_code_and_request_id() {
        ClientException error = catchThrowableOfType(ClientException.class,
                () -> clientFor("LTAIunknown", "x").getAcsResponse(describe(false)));

        assertThat(error).isNotInstanceOf(ServerException.class);
        assertThat(error.getErrCode()).isEqualTo("InvalidAccessKeyId.NotFound");
        assertThat(error.getErrMsg()).isEqualTo("Specified access key is not found.");
        assertThat(error.getRequestId()).isEqualTo("REQ-ERR");
    }

    @Test
    void a_5xx_error_body_becomes_a_server_exception() {
        forcedError = RpcError.of("InternalError", 500, "The request processing has failed due to some unknown error.");

        ServerException error = catchThrowableOfType(ServerException.class,
                () -> client("right-secret").getAcsResponse(describe(false)));

        assertThat(error.getErrCode()).isEqualTo("InternalError");
        assertThat(error.getRequestId()).isEqualTo("REQ-ERR");
    }

    private DefaultAcsClient client(String secret) {
        return clientFor("LTAIbillowtest", secret);
    }

    private DefaultAcsClient clientFor(String accessKeyId, String secret) {
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", accessKeyId, secret);
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        profile.getHttpClientConfig().setIgnoreSSLCerts(true);
        return new DefaultAcsClient(profile);
    }

    private DescribeDBInstanceAttributeRequest describe(boolean v3) {
        DescribeDBInstanceAttributeRequest request = new DescribeDBInstanceAttributeRequest();
        request.setSysEndpoint("127.0.0.1:" + server.getAddress().getPort());
        request.setDBInstanceId("pgm-bp1");
        if (v3) {
            request.setSysSignatureVersion(SignatureVersion.V3);
            request.setSysSignatureAlgorithm(SignatureAlgorithm.ACS3_HMAC_SHA256);
        }
        return request;
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        RpcRequest request = SignedRequests.ok(RpcRequest.fromHttp(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers, body));
        // The SDK dates its request from the real clock; judging it at that same instant keeps the test pure.
        Instant signedAt = Instant.parse(request.parameter("Timestamp")
                .or(() -> request.headers().get("x-acs-date")).orElseThrow());
        Outcome<Caller> outcome = authenticator.authenticate(request, signedAt);
        if (forcedError != null) {
            outcome = Outcome.failed(forcedError);
        }
        int status;
        byte[] reply;
        if (outcome instanceof Outcome.Failed<Caller> failed) {
            status = failed.error().httpStatus();
            reply = new ObjectMapper().writeValueAsBytes(RpcErrorBody.of(failed.error(), "REQ-ERR", "127.0.0.1"));
        } else {
            status = 200;
            reply = SUCCESS.getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }
}
