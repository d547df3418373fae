package io.billow.product.rocketmq4;

import com.aliyuncs.ons.model.v20190214.OnsGroupDeleteRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceBaseInfoRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceBaseInfoResponse;
import com.aliyuncs.ons.model.v20190214.OnsInstanceCreateRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceDeleteRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceUpdateRequest;
import com.aliyuncs.ons.model.v20190214.OnsTopicDeleteRequest;
import com.aliyuncs.ons.model.v20190214.OnsTopicListRequest;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.billow.product.rocketmq4.OnsV1SdkTest.baseInfo;
import static io.billow.product.rocketmq4.OnsV1SdkTest.createTopic;
import static io.billow.product.rocketmq4.OnsV1SdkTest.group;
import static io.billow.product.rocketmq4.OnsV1SdkTest.inService;
import static io.billow.product.rocketmq4.OnsV1SdkTest.topic;
import static io.billow.product.rocketmq4.OnsV1SdkTest.topicList;
import static org.assertj.core.api.Assertions.assertThat;

/** What the ONS API refuses, through aliyun-java-sdk-ons 3.2.3: each refusal's code, message and status, and nothing written. */
class OnsV1SdkRefusalTest {

    private static final String TOPIC_RULE = "The parameter Topic is invalid: it must be 3 to 64 characters: letters, digits, "
            + "hyphens (-) and underscores (_).";

    @Test
    void badNamesAndTypesAreRefusedAndNothingIsWritten() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);
        String id = ons.createStandard("checked");
        createTopic(ons, id, "orders", 0, null);
        ons.call(group(id, "GID_orders", null));
        long instances = OnsClients.rows("instances", t.accountId());
        long events = OnsClients.rows("timeline_events", t.accountId());

        assertThat(ons.refusal(instanceNamed("ab"))).isEqualTo(new OnsClients.Refusal("BIZ_FIELD_CHECK_INVALID",
                "The parameter InstanceName is invalid: it must be 3 to 64 characters: letters, digits, hyphens (-) and underscores (_).", 400));
        assertThat(ons.refusal(instanceNamed("bad name")).code()).isEqualTo("BIZ_FIELD_CHECK_INVALID");
        assertThat(ons.refusal(instanceNamed("x".repeat(65))).code()).isEqualTo("BIZ_FIELD_CHECK_INVALID");
        assertThat(ons.refusal(instanceNamed("checked"))).isEqualTo(new OnsClients.Refusal("BIZ_INSTANCE_NAME_EXISTED",
                "Another instance in region cn-hangzhou is already named checked; instance names are unique per region. "
                        + "Choose another InstanceName.", 400));
        assertThat(ons.refusal(topic(id, "ab", 0, null))).isEqualTo(new OnsClients.Refusal("BIZ_FIELD_CHECK_INVALID", TOPIC_RULE, 400));
        assertThat(ons.refusal(topic(id, "has space", 0, null))).isEqualTo(new OnsClients.Refusal("BIZ_FIELD_CHECK_INVALID", TOPIC_RULE, 400));
        assertThat(ons.refusal(topic(id, "t".repeat(65), 0, null)).code()).isEqualTo("BIZ_FIELD_CHECK_INVALID");
        assertThat(ons.refusal(topic(id, "CID_orders", 0, null))).isEqualTo(new OnsClients.Refusal("BIZ_FIELD_CHECK_INVALID",
                "The parameter Topic is invalid: a topic name must not start with CID or GID, the prefixes reserved for group IDs.", 400));
        assertThat(ons.refusal(topic(id, "GID_orders", 0, null)).message()).contains("must not start with CID or GID");
        assertThat(ons.refusal(topic(id, "payments", 3, null))).isEqualTo(new OnsClients.Refusal("BIZ_FIELD_CHECK_INVALID",
                "The parameter MessageType is invalid: \"3\" is not a message type; use 0 (normal), 1 (partitionally ordered), "
                        + "2 (globally ordered), 4 (transactional) or 5 (scheduled or delayed).", 400));
        assertThat(ons.refusal(topic(id, "payments", null, null))).isEqualTo(new OnsClients.Refusal("MissingParameter",
                "The input parameter \"MessageType\" that is mandatory for processing this request is not supplied.", 400));
        assertThat(ons.refusal(topic(id, "orders", 1, null))).isEqualTo(new OnsClients.Refusal("BIZ_TOPIC_EXISTED",
                "The topic orders already exists in the instance " + id + ".", 400));
        assertThat(ons.refusal(topic(id, "orders-x", 0, "r".repeat(129))).code()).isEqualTo("BIZ_FIELD_CHECK_INVALID");
        assertThat(ons.refusal(group(id, "GID_orders", "tcp"))).isEqualTo(new OnsClients.Refusal("BIZ_SUBSCRIPTION_EXISTED",
                "The group GID_orders already exists in the instance " + id + ".", 400));
        assertThat(ons.refusal(group(id, "G", null))).isEqualTo(new OnsClients.Refusal("BIZ_FIELD_CHECK_INVALID",
                "The parameter GroupId is invalid: it must be 2 to 64 characters: letters, digits, hyphens (-) and underscores (_).", 400));
        assertThat(ons.refusal(group(id, "GID_mqtt", "mqtt")).code()).isEqualTo("BIZ_FIELD_CHECK_INVALID");
        assertThat(ons.refusal(group(id, "orders", null))).isEqualTo(new OnsClients.Refusal("BIZ_FIELD_CHECK_INVALID",
                "The parameter GroupId is invalid: the instance " + id + " already has a topic named orders; "
                        + "its topics and group IDs share one namespace.", 400));

        assertThat(topicList(ons, id, null)).hasSize(1);
        assertThat(OnsClients.liveResources(t.accountId())).isEqualTo(2);
        assertThat(OnsClients.rows("instances", t.accountId())).isEqualTo(instances);
        assertThat(OnsClients.rows("timeline_events", t.accountId())).isEqualTo(events);
        assertThat(baseInfo(ons, id).getInstanceName()).isEqualTo("checked");
    }

    @Test
    void unknownTopicsGroupsAndInstancesAreNotFound() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);
        String id = ons.createStandard("lookups");
        OnsTopicDeleteRequest deleteTopic = new OnsTopicDeleteRequest();
        deleteTopic.setInstanceId(id);
        deleteTopic.setTopic("never-created");
        OnsGroupDeleteRequest deleteGroup = new OnsGroupDeleteRequest();
        deleteGroup.setInstanceId(id);
        deleteGroup.setGroupId("GID_never");
        String unknown = "MQ_INST_1234567890123456_Unknown1";

        assertThat(ons.refusal(deleteTopic)).isEqualTo(new OnsClients.Refusal("BIZ_TOPIC_NOT_FOUND",
                "The topic never-created is not found in the instance " + id + ".", 404));
        assertThat(ons.refusal(deleteGroup)).isEqualTo(new OnsClients.Refusal("BIZ_SUBSCRIPTION_NOT_FOUND",
                "The group GID_never is not found in the instance " + id + ".", 404));
        assertThat(ons.refusal(baseInfoOf(unknown))).isEqualTo(notFound(unknown));
        assertThat(ons.refusal(topic(unknown, "orders", 0, null))).isEqualTo(notFound(unknown));
        assertThat(ons.refusal(group(unknown, "GID_orders", null))).isEqualTo(notFound(unknown));
        OnsTopicListRequest list = new OnsTopicListRequest();
        list.setInstanceId(unknown);
        assertThat(ons.refusal(list)).isEqualTo(notFound(unknown));
        OnsClients.V1 shanghai = OnsClients.v1(t, "cn-shanghai");
        assertThat(shanghai.refusal(baseInfoOf(id))).as("an instance of another region").isEqualTo(notFound(id));
        assertThat(OnsClients.v1(t, "eu-north-9").refusal(baseInfoOf(id))).isEqualTo(new OnsClients.Refusal("BIZ_REGION_NOT_FOUND",
                "The region eu-north-9 is not found; ApsaraMQ for RocketMQ is offered in ap-southeast-1, cn-hangzhou, cn-shanghai.", 404));
    }

    @Test
    void anotherTenantsInstanceLooksExactlyLikeAMissingOne() throws Exception {
        TestServer.Tenant owner = TestServer.newTenant("USD", "1000", "UTC");
        TestServer.Tenant other = TestServer.newTenant("USD", "1000", "UTC");
        String id = OnsClients.v1(owner).createStandard("private");
        OnsClients.V1 stranger = OnsClients.v1(other);
        OnsInstanceUpdateRequest rename = new OnsInstanceUpdateRequest();
        rename.setInstanceId(id);
        rename.setInstanceName("taken-over");
        OnsInstanceDeleteRequest delete = new OnsInstanceDeleteRequest();
        delete.setInstanceId(id);

        assertThat(stranger.refusal(baseInfoOf(id))).isEqualTo(notFound(id));
        assertThat(stranger.refusal(topic(id, "orders", 0, null))).isEqualTo(notFound(id));
        assertThat(stranger.refusal(group(id, "GID_orders", null))).isEqualTo(notFound(id));
        assertThat(stranger.refusal(rename)).isEqualTo(notFound(id));
        assertThat(stranger.refusal(delete)).isEqualTo(notFound(id));

        assertThat(inService(stranger)).isEmpty();
        assertThat(OnsClients.liveResources(owner.accountId())).isZero();
        OnsInstanceBaseInfoResponse.InstanceBaseInfo info = baseInfo(OnsClients.v1(owner), id);
        assertThat(info.getInstanceName()).isEqualTo("private");
        assertThat(info.getInstanceStatus()).isEqualTo(5);
    }

    @Test
    void theNinthInstanceOfARegionIsRefusedAndAnotherRegionStillTakesOne() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);
        for (int n = 1; n <= 8; n++) {
            ons.createStandard("instance-" + n);
        }

        assertThat(ons.refusal(instanceNamed("instance-9"))).isEqualTo(new OnsClients.Refusal("Instance.NumLimited",
                "An account holds at most 8 instances in region cn-hangzhou, and this one has 8. "
                        + "Delete an instance first, or create it in another region.", 400));
        assertThat(inService(ons)).hasSize(8);
        assertThat(OnsClients.rows("instances", t.accountId())).isEqualTo(8);
        OnsClients.V1 shanghai = OnsClients.v1(t, "cn-shanghai");
        String other = shanghai.createStandard("instance-9");
        assertThat(inService(shanghai)).extracting(vo -> vo.getInstanceId()).containsExactly(other);
        assertThat(baseInfo(shanghai, other).getEndpoints().getTcpEndpoint())
                .isEqualTo("http://" + other + ".cn-shanghai.mq-internal.aliyuncs.com:8080");
    }

    @Test
    void concurrentCreationsStopAtEightAndAtOneOfAName() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> distinct = new ArrayList<>();
            for (int n = 0; n < 12; n++) {
                String name = "racer-" + n;
                distinct.add(pool.submit(() -> outcome(ons, name)));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : distinct) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn("created"::equals).hasSize(8);
            assertThat(outcomes).filteredOn("Instance.NumLimited"::equals).hasSize(4);
            assertThat(inService(ons)).hasSize(8);

            TestServer.Tenant u = TestServer.newTenant("USD", "1000", "UTC");
            OnsClients.V1 same = OnsClients.v1(u);
            List<Future<String>> sameName = new ArrayList<>();
            for (int n = 0; n < 6; n++) {
                sameName.add(pool.submit(() -> outcome(same, "one-name")));
            }
            List<String> named = new ArrayList<>();
            for (Future<String> f : sameName) {
                named.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(named).filteredOn("created"::equals).hasSize(1);
            assertThat(named).filteredOn("BIZ_INSTANCE_NAME_EXISTED"::equals).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String outcome(OnsClients.V1 ons, String name) {
        try {
            ons.call(instanceNamed(name));
            return "created";
        } catch (com.aliyuncs.exceptions.ClientException refused) {
            return refused.getErrCode();
        }
    }

    @Test
    void anEnterprisePlatinumInstanceHoldsTwentyFiveTopicsAndShowsItsSpecification() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "5000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);
        String id = OnsClients.createPlatinum(t, "ep.tps.5k");
        long expiry = Instant.parse(OnsClients.nativeInstance(t, id).get("attributes").get("expiresAt").asText()).toEpochMilli();

        OnsInstanceBaseInfoResponse.InstanceBaseInfo info = baseInfo(ons, id);
        assertThat(info.getInstanceType()).isEqualTo(2);
        assertThat(info.getInstanceStatus()).isEqualTo(5);
        assertThat(info.getMaxTps()).isEqualTo(5000L);
        assertThat(info.getTopicCapacity()).isEqualTo(25);
        assertThat(info.getReleaseTime()).isEqualTo(expiry);
        assertThat(info.getInstanceName()).isEqualTo(id);
        assertThat(inService(ons).get(0).getReleaseTime()).isEqualTo(expiry);
        assertThat(inService(ons).get(0).getInstanceType()).isEqualTo(2);
        for (int n = 1; n <= 25; n++) {
            createTopic(ons, id, "topic-" + n, n % 2, null);
        }

        OnsClients.Refusal refused = ons.refusal(topic(id, "topic-26", 0, null));

        assertThat(refused.code()).isEqualTo("Topic.NumLimited");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).isEqualTo("The topic count exceeds the instance's topic capacity: instance " + id
                + " (ep.tps.5k) holds at most 25 topics; it has 25. Delete one first, or upgrade the instance's specification.");
        assertThat(topicList(ons, id, null)).hasSize(25);
        assertThat(OnsV1SdkTest.counts(ons, id)).containsExactly(25, 0);
        OnsInstanceDeleteRequest delete = new OnsInstanceDeleteRequest();
        delete.setInstanceId(id);
        assertThat(ons.refusal(delete).code()).isEqualTo("OperationDenied");
        assertThat(ons.refusal(delete).status()).isEqualTo(403);
        assertThat(baseInfo(ons, id).getInstanceStatus()).isEqualTo(5);
    }

    private static OnsInstanceCreateRequest instanceNamed(String name) {
        OnsInstanceCreateRequest request = new OnsInstanceCreateRequest();
        request.setInstanceName(name);
        return request;
    }

    private static OnsInstanceBaseInfoRequest baseInfoOf(String id) {
        OnsInstanceBaseInfoRequest request = new OnsInstanceBaseInfoRequest();
        request.setInstanceId(id);
        return request;
    }

    private static OnsClients.Refusal notFound(String id) {
        return new OnsClients.Refusal("BIZ_INSTANCE_NOT_FOUND", "The instance " + id
                + " is not found in this region. Check the InstanceId, and that the request goes to the instance's region.", 404);
    }
}
