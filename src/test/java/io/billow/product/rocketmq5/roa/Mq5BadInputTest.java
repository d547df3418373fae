package io.billow.product.rocketmq5.roa;

import com.aliyun.rocketmq20220801.Client;
import com.aliyun.rocketmq20220801.models.CreateConsumerGroupRequest;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest;
import com.aliyun.rocketmq20220801.models.CreateTopicRequest;
import com.aliyun.rocketmq20220801.models.ListConsumerGroupsRequest;
import com.aliyun.rocketmq20220801.models.ListInstancesRequest;
import com.aliyun.rocketmq20220801.models.ListTopicsRequest;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input through the official client: each refusal a TeaException with its stable code and a
 * real HTTP status, and nothing written (no instance, topic or group, no order).
 */
class Mq5BadInputTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-10-01T08:00:00Z"));

    @Test
    void creationsThatCannotBeBoughtAreRefusedAndBuyNothing() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Client mq = Mq5Clients.client(SERVER, t);
        Map<String, ThrowableAssert.ThrowingCallable> refusals = new LinkedHashMap<>();
        refusals.put("InvalidSeriesCode", () -> mq.createInstance(Mq5Clients.serverless("ultimate")));
        refusals.put("MissingSeriesCode", () -> mq.createInstance(Mq5Clients.serverless("standard").setSeriesCode(null)));
        refusals.put("InvalidSubSeriesCode", () -> mq.createInstance(Mq5Clients.serverless("standard").setSubSeriesCode("cluster_ha")));
        refusals.put("InvalidPaymentType", () -> mq.createInstance(Mq5Clients.serverless("standard").setPaymentType("Subscription")));
        refusals.put("MissingPaymentType", () -> mq.createInstance(Mq5Clients.serverless("standard").setPaymentType(null)));
        refusals.put("MissingCommodityCode", () -> mq.createInstance(Mq5Clients.serverless("standard").setCommodityCode(null)));
        refusals.put("InvalidServiceCode", () -> mq.createInstance(Mq5Clients.serverless("standard").setServiceCode("ons")));
        refusals.put("InvalidPeriod", () -> mq.createInstance(Mq5Clients.serverless("standard").setPeriod(1).setPeriodUnit("Month")));
        refusals.put("MissingNetworkInfo", () -> mq.createInstance(Mq5Clients.serverless("standard").setNetworkInfo(null)));
        refusals.put("MissingVpcId", () -> {
            CreateInstanceRequest r = Mq5Clients.serverless("standard");
            r.getNetworkInfo().getVpcInfo().setVpcId(null);
            mq.createInstance(r);
        });
        refusals.put("InvalidFlowOutType", () -> {
            CreateInstanceRequest r = Mq5Clients.serverless("standard");
            r.getNetworkInfo().getInternetInfo().setFlowOutType("payByTraffic");
            mq.createInstance(r);
        });
        refusals.put("InvalidInstanceName", () -> mq.createInstance(Mq5Clients.serverless("standard").setInstanceName("orders-main")));
        // An instance type of another series, and one this catalog does not sell.
        for (String spec : new String[] {"shared.s1", "rmq.s2.2xlarge"}) {
            refusals.put("InvalidMsgProcessSpec " + spec, () -> mq.createInstance(Mq5Clients.serverless("standard")
                    .setProductInfo(new CreateInstanceRequest.CreateInstanceRequestProductInfo().setMsgProcessSpec(spec))));
        }
        refusals.put("InvalidClientToken", () -> mq.createInstance(Mq5Clients.serverless("standard").setClientToken("t".repeat(65))));
        refusals.put("InvalidSendReceiveRatio", () -> mq.createInstance(Mq5Clients.serverless("professional")
                .setProductInfo(new CreateInstanceRequest.CreateInstanceRequestProductInfo().setSendReceiveRatio(1.5f))));
        refusals.forEach((code, call) -> assertThat(Mq5Clients.refused(call)).as(code).satisfies(r -> {
            assertThat(r.code()).isEqualTo(code.split(" ")[0]);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.message()).startsWith("code: 400, Parameter ");
        }));
        assertThat(rows("instances", t.accountId())).isZero();
        long orders = SERVER.server().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM orders WHERE account_id = :a")
                .bind("a", t.accountId()).mapTo(Long.class).one());
        assertThat(orders).isZero();

        String id = mq.createInstance(Mq5Clients.serverless("standard").setClientToken("buy-once")).getBody().getData();
        assertThat(Mq5Clients.refused(() -> mq.createInstance(Mq5Clients.serverless("professional").setClientToken("buy-once"))).code())
                .isEqualTo("IdempotentParameterMismatch");
        assertThat(rows("instances", t.accountId())).isEqualTo(1);
        assertThat(id).startsWith("rmq-cn-");
    }

    @Test
    void reservedAndMalformedNamesAndUnknownTypesAreRefused() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Client mq = Mq5Clients.client(SERVER, t);
        String id = mq.createInstance(Mq5Clients.serverless("professional")).getBody().getData();
        CreateTopicRequest normal = new CreateTopicRequest().setMessageType("NORMAL");
        for (String name : new String[] {"TBW102", "SCHEDULE_TOPIC_XXXX", "rmq_sys_orders", "%RETRY%orders", "%DLQ%orders",
                "rocketmq-broker-a", "rocketmq-proxy-a", "orders_REPLY_TOPIC", "orders.v2", "topic a", "x".repeat(129)}) {
            assertThat(Mq5Clients.refused(() -> mq.createTopic(id, name, normal)).code()).as(name).isEqualTo("InvalidTopicName");
        }
        assertThat(Mq5Clients.refused(() -> mq.createTopic(id, "orders", new CreateTopicRequest().setMessageType("ORDERED"))).code())
                .isEqualTo("InvalidMessageType");
        assertThat(Mq5Clients.refused(() -> mq.createTopic(id, "orders", new CreateTopicRequest())).code()).isEqualTo("MissingMessageType");
        mq.createTopic(id, "x".repeat(128), normal);
        assertThat(Mq5Clients.refused(() -> mq.createTopic(id, "x".repeat(128), normal))).satisfies(r -> {
            assertThat(r.code()).isEqualTo("Topic.Existed");
            assertThat(r.status()).isEqualTo(400);
        });
        assertThat(Mq5Clients.refused(() -> mq.getTopic(id, "missing"))).satisfies(r -> {
            assertThat(r.code()).isEqualTo("Topic.NotFound");
            assertThat(r.status()).isEqualTo(404);
        });

        CreateConsumerGroupRequest concurrent = new CreateConsumerGroupRequest().setDeliveryOrderType("Concurrently")
                .setConsumeRetryPolicy(new CreateConsumerGroupRequest.CreateConsumerGroupRequestConsumeRetryPolicy().setRetryPolicy("DefaultRetryPolicy"));
        for (String name : new String[] {"DEFAULT_CONSUMER", "CID_ONSAPI_OWNER", "CID_RMQ_SYS_orders", "GID orders", "g".repeat(61)}) {
            assertThat(Mq5Clients.refused(() -> mq.createConsumerGroup(id, name, concurrent)).code()).as(name).isEqualTo("InvalidConsumerGroupId");
        }
        Map<String, CreateConsumerGroupRequest> groups = new LinkedHashMap<>();
        groups.put("InvalidDeliveryOrderType", new CreateConsumerGroupRequest().setDeliveryOrderType("Random")
                .setConsumeRetryPolicy(concurrent.getConsumeRetryPolicy()));
        groups.put("MissingConsumeRetryPolicy", new CreateConsumerGroupRequest().setDeliveryOrderType("Concurrently"));
        groups.put("InvalidRetryPolicy", new CreateConsumerGroupRequest().setDeliveryOrderType("Orderly")
                .setConsumeRetryPolicy(concurrent.getConsumeRetryPolicy()));
        groups.put("InvalidFixedIntervalRetryTime", new CreateConsumerGroupRequest().setDeliveryOrderType("Orderly")
                .setConsumeRetryPolicy(new CreateConsumerGroupRequest.CreateConsumerGroupRequestConsumeRetryPolicy()
                        .setRetryPolicy("FixedRetryPolicy").setFixedIntervalRetryTime(601)));
        groups.forEach((code, request) -> assertThat(Mq5Clients.refused(() -> mq.createConsumerGroup(id, "GID_orders", request)).code())
                .as(code).isEqualTo(code));

        assertThat(Mq5Clients.refused(() -> mq.listInstances(new ListInstancesRequest().setPageSize(10))).code()).isEqualTo("MissingPageNumber");
        assertThat(Mq5Clients.refused(() -> mq.listConsumerGroups(id, new ListConsumerGroupsRequest().setPageNumber(1).setPageSize(5))).code())
                .isEqualTo("InvalidPageSize");
        assertThat(Mq5Clients.refused(() -> mq.listTopics(id, new ListTopicsRequest().setPageNumber(0).setPageSize(10))).code())
                .isEqualTo("InvalidPageNumber");
        assertThat(mq.listTopics(id, new ListTopicsRequest().setPageNumber(1).setPageSize(10)).getBody().getData().getTotalCount()).isEqualTo(1L);
        assertThat(mq.getInstance(id).getBody().getData().getGroupCount()).isZero();
    }

    @Test
    void anotherTenantsInstanceLooksMissing() throws Exception {
        TestServer.Tenant owner = SERVER.newTenant("USD", "1000");
        TestServer.Tenant stranger = SERVER.newTenant("USD", "1000");
        Client mine = Mq5Clients.client(SERVER, owner);
        Client theirs = Mq5Clients.client(SERVER, stranger);
        String id = mine.createInstance(Mq5Clients.serverless("standard")).getBody().getData();
        String unknown = "rmq-cn-000000000zz";

        Mq5Clients.Refusal seen = Mq5Clients.refused(() -> theirs.getInstance(id));
        Mq5Clients.Refusal missing = Mq5Clients.refused(() -> theirs.getInstance(unknown));
        assertThat(seen.code()).isEqualTo("Instance.NotFound");
        assertThat(seen.status()).isEqualTo(404);
        assertThat(withoutIds(seen.message(), id)).isEqualTo(withoutIds(missing.message(), unknown));
        assertThat(Mq5Clients.refused(() -> theirs.deleteInstance(id)).code()).isEqualTo("Instance.NotFound");
        assertThat(Mq5Clients.refused(() -> theirs.createTopic(id, "stolen", new CreateTopicRequest().setMessageType("NORMAL"))).code())
                .isEqualTo("Instance.NotFound");
        assertThat(theirs.listInstances(new ListInstancesRequest().setPageNumber(1).setPageSize(10)).getBody().getData().getTotalCount()).isZero();
        assertThat(mine.getInstance(id).getBody().getData().getTopicCount()).isZero();
        assertThat(mine.getInstance(id).getBody().getData().getStatus()).isEqualTo("RUNNING");
    }

    @Test
    void theRegionIsTheEndpointsAndAnInstanceOfAnotherRegionLooksMissing() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Client shanghai = regional(t, "rocketmq.cn-shanghai.aliyuncs.com");
        Client hangzhou = Mq5Clients.client(SERVER, t);
        String id = shanghai.createInstance(Mq5Clients.serverless("standard")).getBody().getData();
        assertThat(shanghai.getInstance(id).getBody().getData().getRegionId()).isEqualTo("cn-shanghai");
        assertThat(shanghai.getInstance(id).getBody().getData().getNetworkInfo().getEndpoints().get(0).getEndpointUrl())
                .isEqualTo(id + "-vpc.cn-shanghai.rmq.aliyuncs.com:8080");
        assertThat(Mq5Clients.refused(() -> hangzhou.getInstance(id)).code()).isEqualTo("Instance.NotFound");
        assertThat(Mq5Clients.refused(() -> regional(t, "rocketmq.eu-central-9.aliyuncs.com").createInstance(Mq5Clients.serverless("standard"))))
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo("InvalidRegionId");
                    assertThat(r.status()).isEqualTo(400);
                });
        assertThat(rows("instances", t.accountId())).isEqualTo(1);
    }

    /** The client calling a region's real endpoint, through Billow as its HTTP proxy: the region travels in Host. */
    private static Client regional(TestServer.Tenant t, String endpoint) throws Exception {
        return new Client(new com.aliyun.teaopenapi.models.Config().setAccessKeyId(t.accessKeyId()).setAccessKeySecret(t.accessKeySecret())
                .setEndpoint(endpoint).setProtocol("HTTP").setHttpProxy("http://127.0.0.1:" + SERVER.server().port()));
    }

    @Test
    void aWrongSecretOrAnUnknownKeyIsRefusedBeforeAnything() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Client forged = Mq5Clients.client(SERVER, t.accessKeyId(), t.accessKeySecret() + "x");
        assertThat(Mq5Clients.refused(() -> forged.createInstance(Mq5Clients.serverless("standard")))).satisfies(r -> {
            assertThat(r.code()).isEqualTo("SignatureDoesNotMatch");
            assertThat(r.status()).isEqualTo(400);
        });
        Client unknown = Mq5Clients.client(SERVER, "LTAI-nobody", "secret");
        assertThat(Mq5Clients.refused(() -> unknown.listInstances(new ListInstancesRequest().setPageNumber(1).setPageSize(10)))).satisfies(r -> {
            assertThat(r.code()).isEqualTo("InvalidAccessKeyId.NotFound");
            assertThat(r.status()).isEqualTo(404);
        });
        // The SDK's older ROA signature (HMAC-SHA1) is not the V3 this API checks: told so, not guessed at.
        Client v2 = new Client(new com.aliyun.teaopenapi.models.Config().setAccessKeyId(t.accessKeyId()).setAccessKeySecret(t.accessKeySecret())
                .setEndpoint("127.0.0.1:" + SERVER.server().port()).setProtocol("HTTP").setSignatureAlgorithm("v2"));
        assertThat(Mq5Clients.refused(() -> v2.createInstance(Mq5Clients.serverless("standard")))).satisfies(r -> {
            assertThat(r.code()).isEqualTo("IncompleteSignature");
            assertThat(r.message()).contains("ACS3-HMAC-SHA256");
        });
        assertThat(rows("instances", t.accountId())).isZero();
    }

    private static String withoutIds(String message, String id) {
        return message.replace(id, "<id>").replaceAll("request id: \\S+", "");
    }

    private static long rows(String table, String accountId) {
        return SERVER.server().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE account_id = :a")
                .bind("a", accountId).mapTo(Long.class).one());
    }
}
