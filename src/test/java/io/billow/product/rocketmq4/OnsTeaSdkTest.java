package io.billow.product.rocketmq4;

import com.aliyun.ons20190214.Client;
import com.aliyun.ons20190214.models.OnsGroupCreateRequest;
import com.aliyun.ons20190214.models.OnsGroupDeleteRequest;
import com.aliyun.ons20190214.models.OnsGroupListRequest;
import com.aliyun.ons20190214.models.OnsGroupListResponseBody;
import com.aliyun.ons20190214.models.OnsInstanceBaseInfoRequest;
import com.aliyun.ons20190214.models.OnsInstanceBaseInfoResponseBody;
import com.aliyun.ons20190214.models.OnsInstanceCreateRequest;
import com.aliyun.ons20190214.models.OnsInstanceCreateResponseBody;
import com.aliyun.ons20190214.models.OnsInstanceDeleteRequest;
import com.aliyun.ons20190214.models.OnsInstanceInServiceListRequest;
import com.aliyun.ons20190214.models.OnsInstanceInServiceListResponseBody;
import com.aliyun.ons20190214.models.OnsInstanceUpdateRequest;
import com.aliyun.ons20190214.models.OnsTopicCreateRequest;
import com.aliyun.ons20190214.models.OnsTopicDeleteRequest;
import com.aliyun.ons20190214.models.OnsTopicListRequest;
import com.aliyun.ons20190214.models.OnsTopicListResponseBody;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teautil.models.RuntimeOptions;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The ONS API through ons20190214 1.0.0, the Tea SDK: V2 signature, every parameter in a form
 * body, {@code Format=json} and no {@code RegionId}, so the region comes from the endpoint.
 */
class OnsTeaSdkTest {

    /** The refusal as the Tea SDK reports it: TeaException's code, its message, and the HTTP status. */
    record TeaRefusal(String code, String message, int status) {
    }

    @Test
    void aStandardInstanceIsCreatedDescribedRenamedAndFilledWithTopicsAndGroups() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        Client ons = OnsClients.tea(t);

        OnsInstanceCreateResponseBody.OnsInstanceCreateResponseBodyData created = ons.onsInstanceCreate(
                new OnsInstanceCreateRequest().setInstanceName("tea-orders").setRemark("from tea")).getBody().getData();

        String id = created.getInstanceId();
        assertThat(id).matches("MQ_INST_\\d{16}_[A-Za-z0-9]{8}");
        assertThat(created.getInstanceType()).isEqualTo(1);
        OnsInstanceBaseInfoResponseBody.OnsInstanceBaseInfoResponseBodyInstanceBaseInfo info = baseInfo(ons, id);
        assertThat(info.getInstanceId()).isEqualTo(id);
        assertThat(info.getInstanceName()).isEqualTo("tea-orders");
        assertThat(info.getRemark()).isEqualTo("from tea");
        assertThat(info.getInstanceType()).isEqualTo(1);
        assertThat(info.getInstanceStatus()).isEqualTo(5);
        assertThat(info.getIndependentNaming()).isTrue();
        assertThat(info.getReleaseTime()).isNull();
        assertThat(OnsClients.nativeInstance(t, id).get("region").asText()).isEqualTo("cn-hangzhou");

        ons.onsInstanceUpdate(new OnsInstanceUpdateRequest().setInstanceId(id).setInstanceName("tea-main").setRemark("renamed"));
        assertThat(baseInfo(ons, id).getInstanceName()).isEqualTo("tea-main");
        assertThat(baseInfo(ons, id).getRemark()).isEqualTo("renamed");

        for (Map.Entry<String, Integer> topic : Map.of("a-normal", 0, "b-partition", 1, "c-global", 2, "d-tx", 4, "e-delay", 5).entrySet()) {
            ons.onsTopicCreate(new OnsTopicCreateRequest().setInstanceId(id).setTopic(topic.getKey()).setMessageType(topic.getValue())
                    .setRemark("tea " + topic.getKey()));
        }
        ons.onsGroupCreate(new OnsGroupCreateRequest().setInstanceId(id).setGroupId("GID_tea"));
        ons.onsGroupCreate(new OnsGroupCreateRequest().setInstanceId(id).setGroupId("GID_tea_http").setGroupType("http").setRemark("web"));

        List<OnsTopicListResponseBody.OnsTopicListResponseBodyDataPublishInfoDo> topics = topics(ons, id, null);
        assertThat(topics).extracting(x -> x.getTopic()).containsExactly("a-normal", "b-partition", "c-global", "d-tx", "e-delay");
        assertThat(topics).extracting(x -> x.getMessageType()).containsExactly(0, 1, 2, 4, 5);
        assertThat(topics(ons, id, "d-tx")).extracting(x -> x.getRemark()).containsExactly("tea d-tx");
        assertThat(topics.get(0).getCreateTime()).isEqualTo(Instant.parse(OnsClients.nativeInstance(t, id).get("createdAt").asText()).toEpochMilli());
        List<OnsGroupListResponseBody.OnsGroupListResponseBodyDataSubscribeInfoDo> groups = groups(ons, id, null, null);
        assertThat(groups).extracting(g -> g.getGroupId()).containsExactly("GID_tea", "GID_tea_http");
        assertThat(groups).extracting(g -> g.getGroupType()).containsExactly("tcp", "http");
        assertThat(groups(ons, id, "http", null)).extracting(g -> g.getGroupId()).containsExactly("GID_tea_http");
        assertThat(groups(ons, id, null, "tcp")).extracting(g -> g.getGroupId()).containsExactly("GID_tea");
        assertThat(groups(ons, id, "GID_tea_http", null).get(0).getRemark()).isEqualTo("web");

        OnsInstanceInServiceListResponseBody.OnsInstanceInServiceListResponseBodyDataInstanceVO vo = inService(ons).get(0);
        assertThat(vo.getInstanceId()).isEqualTo(id);
        assertThat(vo.getInstanceName()).isEqualTo("tea-main");
        assertThat(vo.getInstanceStatus()).isEqualTo(5);
        assertThat(vo.getInstanceType()).isEqualTo(1);
        assertThat(counts(ons, id)).containsExactly(5, 2);

        ons.onsTopicDelete(new OnsTopicDeleteRequest().setInstanceId(id).setTopic("c-global"));
        ons.onsGroupDelete(new OnsGroupDeleteRequest().setInstanceId(id).setGroupId("GID_tea"));
        assertThat(topics(ons, id, null)).extracting(x -> x.getTopic()).containsExactly("a-normal", "b-partition", "d-tx", "e-delay");
        assertThat(groups(ons, id, null, null)).extracting(g -> g.getGroupId()).containsExactly("GID_tea_http");
        assertThat(counts(ons, id)).containsExactly(4, 1);
    }

    @Test
    void refusalsReachTheTeaClientWithTheirCodeAndStatusAndWriteNothing() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        TestServer.Tenant stranger = TestServer.newTenant("USD", "1000", "UTC");
        Client ons = OnsClients.tea(t);
        String id = ons.onsInstanceCreate(new OnsInstanceCreateRequest().setInstanceName("tea-checked")).getBody().getData().getInstanceId();
        ons.onsTopicCreate(new OnsTopicCreateRequest().setInstanceId(id).setTopic("orders").setMessageType(0));
        long events = OnsClients.rows("timeline_events", t.accountId());

        assertThat(refusal(() -> ons.onsInstanceCreate(new OnsInstanceCreateRequest().setInstanceName("no"))))
                .isEqualTo(new TeaRefusal("BIZ_FIELD_CHECK_INVALID", "The parameter InstanceName is invalid: it must be 3 to 64 characters: "
                        + "letters, digits, hyphens (-) and underscores (_).", 400));
        assertThat(refusal(() -> ons.onsTopicCreate(topic(id, "bad/name", 0))).code()).isEqualTo("BIZ_FIELD_CHECK_INVALID");
        assertThat(refusal(() -> ons.onsTopicCreate(topic(id, "CID-orders", 0)))).isEqualTo(new TeaRefusal("BIZ_FIELD_CHECK_INVALID",
                "The parameter Topic is invalid: a topic name must not start with CID or GID, the prefixes reserved for group IDs.", 400));
        assertThat(refusal(() -> ons.onsTopicCreate(topic(id, "GID-orders", 0))).code()).isEqualTo("BIZ_FIELD_CHECK_INVALID");
        assertThat(refusal(() -> ons.onsTopicCreate(topic(id, "payments", 6))).message()).startsWith("The parameter MessageType is invalid");
        assertThat(refusal(() -> ons.onsTopicCreate(topic(id, "orders", 0))))
                .isEqualTo(new TeaRefusal("BIZ_TOPIC_EXISTED", "The topic orders already exists in the instance " + id + ".", 400));
        assertThat(refusal(() -> ons.onsGroupCreate(new OnsGroupCreateRequest().setInstanceId(id).setGroupId("GID_x").setGroupType("amqp"))))
                .isEqualTo(new TeaRefusal("BIZ_FIELD_CHECK_INVALID", "The parameter GroupType is invalid: \"amqp\" is not a group type; "
                        + "use tcp or http.", 400));
        assertThat(refusal(() -> ons.onsTopicDelete(new OnsTopicDeleteRequest().setInstanceId(id).setTopic("nothing"))))
                .isEqualTo(new TeaRefusal("BIZ_TOPIC_NOT_FOUND", "The topic nothing is not found in the instance " + id + ".", 404));
        String unknown = "MQ_INST_6543210987654321_Unknown2";
        assertThat(refusal(() -> baseInfo(ons, unknown))).isEqualTo(notFound(unknown));
        assertThat(refusal(() -> ons.onsTopicCreate(topic(unknown, "orders", 0)))).isEqualTo(notFound(unknown));
        Client other = OnsClients.tea(stranger);
        assertThat(refusal(() -> baseInfo(other, id))).isEqualTo(notFound(id));
        assertThat(refusal(() -> other.onsTopicCreate(topic(id, "stolen", 0)))).isEqualTo(notFound(id));
        assertThat(refusal(() -> other.onsInstanceDelete(new OnsInstanceDeleteRequest().setInstanceId(id)))).isEqualTo(notFound(id));
        assertThat(refusal(() -> ons.onsInstanceDelete(new OnsInstanceDeleteRequest().setInstanceId(id))).code())
                .isEqualTo("BIZ_INSTANCE_NOT_EMPTY");

        assertThat(topics(ons, id, null)).extracting(x -> x.getTopic()).containsExactly("orders");
        assertThat(OnsClients.rows("instances", t.accountId())).isEqualTo(1);
        assertThat(OnsClients.rows("timeline_events", t.accountId())).isEqualTo(events);
        assertThat(inService(other)).isEmpty();
    }

    @Test
    void theNinthInstanceIsRefusedThroughTeaToo() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        Client ons = OnsClients.tea(t);
        for (int n = 1; n <= 8; n++) {
            ons.onsInstanceCreate(new OnsInstanceCreateRequest().setInstanceName("tea-" + n));
        }

        TeaRefusal refused = refusal(() -> ons.onsInstanceCreate(new OnsInstanceCreateRequest().setInstanceName("tea-9")));

        assertThat(refused.code()).isEqualTo("Instance.NumLimited");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(inService(ons)).hasSize(8);
    }

    @Test
    void anEnterprisePlatinumInstanceRefusesItsTwentySixthTopic() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "5000", "UTC");
        Client ons = OnsClients.tea(t);
        String id = OnsClients.createPlatinum(t, "ep.tps.5k");
        long expiry = Instant.parse(OnsClients.nativeInstance(t, id).get("attributes").get("expiresAt").asText()).toEpochMilli();

        OnsInstanceBaseInfoResponseBody.OnsInstanceBaseInfoResponseBodyInstanceBaseInfo info = baseInfo(ons, id);
        assertThat(info.getInstanceType()).isEqualTo(2);
        assertThat(info.getMaxTps()).isEqualTo(5000L);
        assertThat(info.getTopicCapacity()).isEqualTo(25);
        assertThat(info.getReleaseTime()).isEqualTo(expiry);
        assertThat(inService(ons).get(0).getReleaseTime()).isEqualTo(expiry);
        for (int n = 1; n <= 25; n++) {
            ons.onsTopicCreate(topic(id, "tea-topic-" + n, 5));
        }

        TeaRefusal refused = refusal(() -> ons.onsTopicCreate(topic(id, "tea-topic-26", 5)));

        assertThat(refused.code()).isEqualTo("Topic.NumLimited");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(topics(ons, id, null)).hasSize(25);
    }

    @Test
    void theRegionComesFromTheEndpointTheTeaClientCalls() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        Client shanghai = OnsClients.teaAt(t, "cn-shanghai");

        String id = shanghai.onsInstanceCreate(new OnsInstanceCreateRequest().setInstanceName("in-shanghai")).getBody().getData().getInstanceId();

        assertThat(OnsClients.nativeInstance(t, id).get("region").asText()).isEqualTo("cn-shanghai");
        assertThat(inService(shanghai)).extracting(vo -> vo.getInstanceId()).containsExactly(id);
        assertThat(inService(OnsClients.tea(t))).isEmpty();
        assertThat(refusal(() -> baseInfo(OnsClients.teaAt(t, "ap-southeast-1"), id))).isEqualTo(notFound(id));
        assertThat(OnsV1SdkTest.baseInfo(OnsClients.v1(t, "cn-shanghai"), id).getInstanceName()).isEqualTo("in-shanghai");
    }

    private static OnsTopicCreateRequest topic(String id, String topic, int type) {
        return new OnsTopicCreateRequest().setInstanceId(id).setTopic(topic).setMessageType(type);
    }

    private static OnsInstanceBaseInfoResponseBody.OnsInstanceBaseInfoResponseBodyInstanceBaseInfo baseInfo(Client ons, String id)
            throws Exception {
        return ons.onsInstanceBaseInfo(new OnsInstanceBaseInfoRequest().setInstanceId(id)).getBody().getInstanceBaseInfo();
    }

    private static List<OnsTopicListResponseBody.OnsTopicListResponseBodyDataPublishInfoDo> topics(Client ons, String id, String topic)
            throws Exception {
        return ons.onsTopicList(new OnsTopicListRequest().setInstanceId(id).setTopic(topic)).getBody().getData().getPublishInfoDo();
    }

    private static List<OnsGroupListResponseBody.OnsGroupListResponseBodyDataSubscribeInfoDo> groups(Client ons, String id, String groupId,
            String type) throws Exception {
        return ons.onsGroupList(new OnsGroupListRequest().setInstanceId(id).setGroupId(groupId).setGroupType(type))
                .getBody().getData().getSubscribeInfoDo();
    }

    private static List<OnsInstanceInServiceListResponseBody.OnsInstanceInServiceListResponseBodyDataInstanceVO> inService(Client ons)
            throws Exception {
        return ons.onsInstanceInServiceList(new OnsInstanceInServiceListRequest()).getBody().getData().getInstanceVO();
    }

    /** TopicCount and GroupCount, which the 1.0.0 model lacks, from the raw answer of the client's own RPC call. */
    @SuppressWarnings("unchecked")
    private static List<Integer> counts(Client ons, String id) throws Exception {
        Map<String, ?> answer = ons.doRPCRequest("OnsInstanceInServiceList", RocketMq4Module.ONS_VERSION, "HTTPS", "POST", "AK", "json",
                new OpenApiRequest(), new RuntimeOptions());
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) answer.get("body")).get("Data");
        for (Map<String, Object> vo : (List<Map<String, Object>>) data.get("InstanceVO")) {
            if (id.equals(vo.get("InstanceId"))) {
                return List.of(((Number) vo.get("TopicCount")).intValue(), ((Number) vo.get("GroupCount")).intValue());
            }
        }
        throw new AssertionError("instance " + id + " is not in service");
    }

    @FunctionalInterface
    private interface TeaCall {
        Object run() throws Exception;
    }

    private static TeaRefusal refusal(TeaCall call) {
        TeaException refused = catchThrowableOfType(TeaException.class, call::run);
        assertThat(refused).as("the call was refused").isNotNull();
        return new TeaRefusal(refused.getCode(), String.valueOf(refused.getData().get("Message")), status(refused));
    }

    /** This Tea runtime (tea-openapi 0.0.8) puts the HTTP status only in the message: "code: 404, ... request id: ...". */
    private static int status(TeaException refused) {
        if (refused.getStatusCode() != null) {
            return refused.getStatusCode();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("code: (\\d{3}), ").matcher(refused.getMessage());
        assertThat(m.lookingAt()).as(refused.getMessage()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static TeaRefusal notFound(String id) {
        return new TeaRefusal("BIZ_INSTANCE_NOT_FOUND", "The instance " + id
                + " is not found in this region. Check the InstanceId, and that the request goes to the instance's region.", 404);
    }
}
