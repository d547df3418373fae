package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.SignatureVersion;
import com.aliyuncs.auth.signers.SignatureAlgorithm;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.rds.model.v20140815.CreateDBInstanceRequest;
import com.aliyuncs.rds.model.v20140815.CreateDBInstanceResponse;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeResponse;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstancesRequest;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceSpecRequest;
import com.aliyuncs.rds.model.v20140815.RestartDBInstanceRequest;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official SDK's DefaultAcsClient calling fake RDS actions through a real Javalin server on
 * the loopback interface: the whole path a user's automation takes, minus the billing engine.
 */
class RpcGatewaySdkTest {

    private static final String RDS = "2014-08-15";
    /** The business clock the actions see; signatures are judged by the real time, as the SDK dates them. */
    private static final Instant SIMULATED_NOW = Instant.parse("2031-03-01T08:00:00Z");

    /** The engine's own refusal, standing in for the server's ProblemException. */
    static final class Refused extends RuntimeException {
        final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final InMemoryIdempotencyStore answers = new InMemoryIdempotencyStore(100);
    private final ClientTokens<IdempotencyStore> clientTokens = new ClientTokens<>(answers);
    private final AtomicInteger instancesCreated = new AtomicInteger();
    private volatile RpcCall lastCall;
    private Javalin server;

    @BeforeEach
    void start() {
        RpcActions actions = new RpcActions()
                .register(RDS, "DescribeDBInstanceAttribute", this::describe)
                .register(RDS, "RestartDBInstance", call -> {
                    throw new RpcFailure(RpcError.of("IncorrectDBInstanceState", 403,
                            "Current DB instance state does not support this operation."));
                })
                .register(RDS, "ModifyDBInstanceSpec", call -> {
                    throw new Refused("OperationDenied.OrderType", "The instance has an unfinished order.");
                })
                .register(RDS, "CreateDBInstance", this::create);
        RequestAuthenticator authenticator = new RequestAuthenticator(
                id -> id.equals("LTAIbillowtest") ? Optional.of("right-secret") : Optional.empty(),
                BoundedNonceStore.forTolerance(1_000, RequestAuthenticator.TIMESTAMP_TOLERANCE));
        RpcGateway gateway = new RpcGateway(authenticator, id -> Optional.of("acct-1"), actions, () -> SIMULATED_NOW)
                .withSignatureClock(Clock.systemUTC()::instant)
                .withTranslator(ExceptionTranslator.forType(Refused.class, refused -> refused.code,
                        Refused::getMessage, code -> code.startsWith("OperationDenied") ? 403 : 400));
        server = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            gateway.addRoutes(config.routes);
        }).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void a_registered_action_answers_the_sdk_with_its_fields() throws Exception {
        DescribeDBInstanceAttributeResponse response = call(describe("pgm-bp1"));

        assertThat(response.getRequestId()).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        DescribeDBInstanceAttributeResponse.DBInstanceAttribute item = response.getItems().get(0);
        assertThat(item.getDBInstanceId()).isEqualTo("pgm-bp1");
        assertThat(item.getPayType()).isEqualTo("Postpaid");
        assertThat(item.getServerlessConfig().getScaleMax()).isEqualTo(8.0);
        assertThat(item.getSlaveZones().get(0).getZoneId()).isEqualTo("cn-hangzhou-j");
    }

    @Test
    void the_action_sees_the_caller_its_account_and_the_business_clock() throws Exception {
        call(describe("pgm-bp1"));

        assertThat(lastCall.accessKeyId()).isEqualTo("LTAIbillowtest");
        assertThat(lastCall.accountId()).isEqualTo("acct-1");
        assertThat(lastCall.now()).isEqualTo(SIMULATED_NOW);
        assertThat(lastCall.action()).isEqualTo("DescribeDBInstanceAttribute");
        assertThat(lastCall.version()).isEqualTo(RDS);
    }

    @Test
    void a_v3_signed_call_reaches_the_action_too() throws Exception {
        DescribeDBInstanceAttributeRequest request = describe("pgm-v3");
        request.setSysSignatureVersion(SignatureVersion.V3);
        request.setSysSignatureAlgorithm(SignatureAlgorithm.ACS3_HMAC_SHA256);

        assertThat(call(request).getItems().get(0).getDBInstanceId()).isEqualTo("pgm-v3");
    }

    @Test
    void an_unknown_action_is_invalid_action_not_found() {
        ClientException error = catchThrowableOfType(ClientException.class, () -> call(endpointed(new DescribeDBInstancesRequest())));

        assertThat(error).isNotInstanceOf(ServerException.class);
        assertThat(error.getErrCode()).isEqualTo("InvalidAction.NotFound");
        assertThat(error.getErrMsg()).isEqualTo("Specified api is not found, please check your url and method.");
    }

    @Test
    void an_action_refusing_with_an_rpc_failure_reaches_the_sdk_with_its_code() {
        RestartDBInstanceRequest request = endpointed(new RestartDBInstanceRequest());
        request.setDBInstanceId("pgm-bp1");

        ClientException error = catchThrowableOfType(ClientException.class, () -> call(request));

        assertThat(error).isNotInstanceOf(ServerException.class);
        assertThat(error.getErrCode()).isEqualTo("IncorrectDBInstanceState");
        assertThat(error.getErrMsg()).isEqualTo("Current DB instance state does not support this operation.");
    }

    @Test
    void a_server_exception_is_translated_by_the_plugged_translator() {
        ModifyDBInstanceSpecRequest request = endpointed(new ModifyDBInstanceSpecRequest());
        request.setDBInstanceId("pgm-bp1");

        ClientException error = catchThrowableOfType(ClientException.class, () -> call(request));

        assertThat(error.getErrCode()).isEqualTo("OperationDenied.OrderType");
        assertThat(error.getErrMsg()).isEqualTo("The instance has an unfinished order.");
    }

    @Test
    void an_unexpected_exception_is_an_internal_error_server_exception() {
        ServerException error = catchThrowableOfType(ServerException.class, () -> call(describe("pgm-boom")));

        assertThat(error.getErrCode()).isEqualTo("InternalError");
        assertThat(error.getErrMsg()).doesNotContain("boom").doesNotContain("at io.billow");
        assertThat(error.getRequestId()).isNotBlank();
    }

    @Test
    void a_retry_with_the_same_client_token_gets_the_first_answer_without_creating_again() throws Exception {
        CreateDBInstanceResponse first = call(create("token-1", "pg.n2.serverless.1c"));
        CreateDBInstanceResponse retry = call(create("token-1", "pg.n2.serverless.1c"));

        assertThat(retry.getOrderId()).isEqualTo(first.getOrderId());
        assertThat(retry.getDBInstanceId()).isEqualTo(first.getDBInstanceId());
        assertThat(retry.getRequestId()).isNotEqualTo(first.getRequestId());
        assertThat(instancesCreated).hasValue(1);
    }

    @Test
    void the_same_client_token_with_other_parameters_is_idempotent_parameter_mismatch() throws Exception {
        call(create("token-2", "pg.n2.serverless.1c"));

        ClientException error = catchThrowableOfType(ClientException.class,
                () -> call(create("token-2", "pg.n4.2c.1m")));

        assertThat(error.getErrCode()).isEqualTo("IdempotentParameterMismatch");
        assertThat(error.getErrMsg()).startsWith("The request uses the same client token as a previous, but non-identical request.");
        assertThat(instancesCreated).hasValue(1);
    }

    @Test
    void requests_without_a_client_token_each_create() throws Exception {
        call(create(null, "pg.n2.serverless.1c"));
        call(create(null, "pg.n2.serverless.1c"));

        assertThat(instancesCreated).hasValue(2);
    }

    private RpcResult describe(RpcCall call) {
        lastCall = call;
        String id = call.parameters().required("DBInstanceId");
        if (id.equals("pgm-boom")) {
            throw new IllegalStateException("boom: a bug in an action");
        }
        ObjectNode fields = RpcResult.newObject();
        ArrayNode items = fields.putObject("Items").putArray("DBInstanceAttribute");
        ObjectNode item = items.addObject();
        item.put("DBInstanceId", id).put("PayType", "Postpaid").put("Engine", "PostgreSQL");
        item.putObject("ServerlessConfig").put("ScaleMin", 0.5).put("ScaleMax", 8).put("AutoPause", true);
        item.putObject("SlaveZones").putArray("SlaveZone").addObject().put("ZoneId", "cn-hangzhou-j");
        return RpcResult.of(fields);
    }

    private RpcResult create(RpcCall call) {
        String instanceClass = call.parameters().required("DBInstanceClass");
        return call.idempotent(clientTokens, store -> {
            int number = instancesCreated.incrementAndGet();
            ObjectNode fields = RpcResult.newObject();
            fields.put("DBInstanceId", "pgm-" + number).put("OrderId", String.valueOf(100_000 + number))
                    .put("Message", instanceClass);
            return fields;
        });
    }

    private DescribeDBInstanceAttributeRequest describe(String id) {
        DescribeDBInstanceAttributeRequest request = endpointed(new DescribeDBInstanceAttributeRequest());
        request.setDBInstanceId(id);
        return request;
    }

    private CreateDBInstanceRequest create(String token, String instanceClass) {
        CreateDBInstanceRequest request = endpointed(new CreateDBInstanceRequest());
        request.setEngine("PostgreSQL");
        request.setPayType("Serverless");
        request.setDBInstanceClass(instanceClass);
        if (token != null) {
            request.setClientToken(token);
        }
        return request;
    }

    private <R extends AcsRequest<?>> R endpointed(R request) {
        request.setSysEndpoint("127.0.0.1:" + server.port());
        return request;
    }

    private <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", "LTAIbillowtest", "right-secret");
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        return new DefaultAcsClient(profile).getAcsResponse(request);
    }
}
