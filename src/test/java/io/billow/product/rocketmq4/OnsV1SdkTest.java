package io.billow.product.rocketmq4;

import com.aliyuncs.ons.model.v20190214.OnsGroupCreateRequest;
import com.aliyuncs.ons.model.v20190214.OnsGroupDeleteRequest;
import com.aliyuncs.ons.model.v20190214.OnsGroupListRequest;
import com.aliyuncs.ons.model.v20190214.OnsGroupListResponse;
import com.aliyuncs.ons.model.v20190214.OnsInstanceBaseInfoRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceBaseInfoResponse;
import com.aliyuncs.ons.model.v20190214.OnsInstanceCreateRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceCreateResponse;
import com.aliyuncs.ons.model.v20190214.OnsInstanceDeleteRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceInServiceListRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceInServiceListResponse;
import com.aliyuncs.ons.model.v20190214.OnsInstanceUpdateRequest;
import com.aliyuncs.ons.model.v20190214.OnsTopicCreateRequest;
import com.aliyuncs.ons.model.v20190214.OnsTopicDeleteRequest;
import com.aliyuncs.ons.model.v20190214.OnsTopicListRequest;
import com.aliyuncs.ons.model.v20190214.OnsTopicListResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ONS API through aliyun-java-sdk-ons 3.2.3 (v1: V2 signature, parameters in the query, RegionId sent). */
class OnsV1SdkTest {

    @Test
    void aStandardInstanceIsCreatedDescribedAndRenamed() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);
        OnsInstanceCreateRequest create = new OnsInstanceCreateRequest();
        create.setInstanceName("orders-prod");
        create.setRemark("order events");

        OnsInstanceCreateResponse created = ons.call(create);

        String id = created.getData().getInstanceId();
        assertThat(id).matches("MQ_INST_\\d{16}_[A-Za-z0-9]{8}");
        assertThat(created.getData().getInstanceType()).isEqualTo(1);
        String uid = id.substring("MQ_INST_".length(), "MQ_INST_".length() + 16);
        OnsInstanceBaseInfoResponse.InstanceBaseInfo info = baseInfo(ons, id);
        assertThat(info.getInstanceId()).isEqualTo(id);
        assertThat(info.getInstanceName()).isEqualTo("orders-prod");
        assertThat(info.getRemark()).isEqualTo("order events");
        assertThat(info.getInstanceType()).isEqualTo(1);
        assertThat(info.getInstanceStatus()).isEqualTo(5);
        assertThat(info.getIndependentNaming()).isTrue();
        assertThat(info.getReleaseTime()).isNull();
        assertThat(info.getMaxTps()).isNull();
        assertThat(info.getTopicCapacity()).isNull();
        assertThat(info.getSpInstanceType()).isEqualTo(1);
        assertThat(info.getSpInstanceId()).isEqualTo("ons-cn-" + id.substring(id.length() - 8).toLowerCase());
        long createdAt = Instant.parse(OnsClients.nativeInstance(t, id).get("createdAt").asText()).toEpochMilli();
        assertThat(info.getCreateTime()).isEqualTo(Long.toString(createdAt));
        assertThat(info.getEndpoints().getTcpEndpoint()).isEqualTo("http://" + id + ".cn-hangzhou.mq-internal.aliyuncs.com:8080");
        assertThat(info.getEndpoints().getTcpInternetEndpoint()).isNull();
        assertThat(info.getEndpoints().getHttpInternetEndpoint()).isEqualTo("http://" + uid + ".mqrest.cn-hangzhou.aliyuncs.com");
        assertThat(info.getEndpoints().getHttpInternalEndpoint()).isEqualTo("http://" + uid + ".mqrest.cn-hangzhou-internal.aliyuncs.com");
        assertThat(info.getEndpoints().getHttpInternetSecureEndpoint()).isEqualTo("https://" + uid + ".mqrest.cn-hangzhou.aliyuncs.com");

        OnsInstanceUpdateRequest update = new OnsInstanceUpdateRequest();
        update.setInstanceId(id);
        update.setInstanceName("orders-main");
        update.setRemark("renamed");
        ons.call(update);

        OnsInstanceBaseInfoResponse.InstanceBaseInfo renamed = baseInfo(ons, id);
        assertThat(renamed.getInstanceName()).isEqualTo("orders-main");
        assertThat(renamed.getRemark()).isEqualTo("renamed");
        OnsInstanceUpdateRequest remarkOnly = new OnsInstanceUpdateRequest();
        remarkOnly.setInstanceId(id);
        remarkOnly.setRemark("remark only");
        ons.call(remarkOnly);
        assertThat(baseInfo(ons, id).getInstanceName()).isEqualTo("orders-main");
        assertThat(baseInfo(ons, id).getRemark()).isEqualTo("remark only");
    }

    @Test
    void topicsOfEveryMessageTypeAndGroupsAreCreatedListedCountedAndDeleted() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);
        String id = ons.createStandard("events");
        Map<String, Integer> topics = Map.of("t-normal", 0, "t-partition", 1, "t-global", 2, "t-tx", 4, "t-delay", 5);
        topics.forEach((name, type) -> createTopic(ons, id, name, type, "remark of " + name));
        ons.call(group(id, "GID_orders", null));
        ons.call(group(id, "GID_orders_http", "http"));
        ons.call(group(id, "billing", "tcp"));

        List<OnsTopicListResponse.PublishInfoDo> listed = topicList(ons, id, null);
        assertThat(listed).extracting(OnsTopicListResponse.PublishInfoDo::getTopic)
                .containsExactly("t-delay", "t-global", "t-normal", "t-partition", "t-tx");
        assertThat(listed).extracting(OnsTopicListResponse.PublishInfoDo::getMessageType).containsExactly(5, 2, 0, 1, 4);
        OnsTopicListResponse.PublishInfoDo delay = topicList(ons, id, "t-delay").get(0);
        assertThat(topicList(ons, id, "t-delay")).hasSize(1);
        assertThat(delay.getInstanceId()).isEqualTo(id);
        assertThat(delay.getRemark()).isEqualTo("remark of t-delay");
        assertThat(delay.getOwner()).isEqualTo(t.accountId());
        assertThat(delay.getIndependentNaming()).isTrue();
        assertThat(delay.getRelation()).isEqualTo(1);
        assertThat(delay.getCreateTime()).isEqualTo(Instant.parse(OnsClients.nativeInstance(t, id).get("createdAt").asText()).toEpochMilli());
        assertThat(delay.getTags()).isEmpty();
        assertThat(topicList(ons, id, "t-missing")).isEmpty();

        assertThat(groupList(ons, id, null, null)).extracting(OnsGroupListResponse.SubscribeInfoDo::getGroupId)
                .containsExactly("GID_orders", "GID_orders_http", "billing");
        assertThat(groupList(ons, id, null, null)).extracting(OnsGroupListResponse.SubscribeInfoDo::getGroupType)
                .containsExactly("tcp", "http", "tcp");
        assertThat(groupList(ons, id, "GID_", null)).extracting(OnsGroupListResponse.SubscribeInfoDo::getGroupId)
                .containsExactly("GID_orders", "GID_orders_http");
        assertThat(groupList(ons, id, "orders", "http")).extracting(OnsGroupListResponse.SubscribeInfoDo::getGroupId)
                .containsExactly("GID_orders_http");
        assertThat(groupList(ons, id, null, "tcp")).extracting(OnsGroupListResponse.SubscribeInfoDo::getGroupId)
                .containsExactly("GID_orders", "billing");
        assertThat(groupList(ons, id, null, null).get(0).getOwner()).isEqualTo(t.accountId());

        assertThat(counts(ons, id)).containsExactly(5, 3);
        OnsInstanceInServiceListResponse.InstanceVO vo = inService(ons).get(0);
        assertThat(vo.getInstanceId()).isEqualTo(id);
        assertThat(vo.getInstanceName()).isEqualTo("events");
        assertThat(vo.getInstanceStatus()).isEqualTo(5);
        assertThat(vo.getInstanceType()).isEqualTo(1);
        assertThat(vo.getIndependentNaming()).isTrue();
        assertThat(vo.getCreateTime()).isEqualTo(Instant.parse(OnsClients.nativeInstance(t, id).get("createdAt").asText()).toEpochMilli());

        OnsTopicDeleteRequest deleteTopic = new OnsTopicDeleteRequest();
        deleteTopic.setInstanceId(id);
        deleteTopic.setTopic("t-tx");
        ons.call(deleteTopic);
        OnsGroupDeleteRequest deleteGroup = new OnsGroupDeleteRequest();
        deleteGroup.setInstanceId(id);
        deleteGroup.setGroupId("billing");
        ons.call(deleteGroup);

        assertThat(topicList(ons, id, null)).extracting(OnsTopicListResponse.PublishInfoDo::getTopic)
                .containsExactly("t-delay", "t-global", "t-normal", "t-partition");
        assertThat(groupList(ons, id, null, null)).extracting(OnsGroupListResponse.SubscribeInfoDo::getGroupId)
                .containsExactly("GID_orders", "GID_orders_http");
        assertThat(counts(ons, id)).containsExactly(4, 2);
    }

    @Test
    void anInstanceIsDeletedOnlyOnceItsTopicsAndGroupsAre() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);
        String id = ons.createStandard("short-lived");
        createTopic(ons, id, "t-1", 0, null);
        ons.call(group(id, "GID_1", null));
        OnsInstanceDeleteRequest delete = new OnsInstanceDeleteRequest();
        delete.setInstanceId(id);

        assertThat(ons.refusal(delete)).isEqualTo(new OnsClients.Refusal("BIZ_INSTANCE_NOT_EMPTY", "The instance " + id
                + " still holds 1 topic(s) and 1 group(s); an instance can be deleted only once its topics and groups are deleted.", 400));
        assertThat(baseInfo(ons, id).getInstanceStatus()).isEqualTo(5);

        OnsTopicDeleteRequest deleteTopic = new OnsTopicDeleteRequest();
        deleteTopic.setInstanceId(id);
        deleteTopic.setTopic("t-1");
        ons.call(deleteTopic);
        OnsGroupDeleteRequest deleteGroup = new OnsGroupDeleteRequest();
        deleteGroup.setInstanceId(id);
        deleteGroup.setGroupId("GID_1");
        ons.call(deleteGroup);
        ons.call(delete);

        assertThat(OnsClients.nativeInstance(t, id).get("status").asText()).isEqualTo("Released");
        OnsInstanceBaseInfoRequest gone = new OnsInstanceBaseInfoRequest();
        gone.setInstanceId(id);
        assertThat(ons.refusal(gone).code()).isEqualTo("BIZ_INSTANCE_NOT_FOUND");
        assertThat(ons.refusal(gone).status()).isEqualTo(404);
        assertThat(inService(ons)).isEmpty();
    }

    @Test
    void aClientTokenRepeatsTheFirstCreationAndWithOtherParametersIsAMismatch() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);

        JsonNode first = ons.common("OnsInstanceCreate", Map.of("InstanceName", "tokened", "ClientToken", "create-1"));
        JsonNode again = ons.common("OnsInstanceCreate", Map.of("InstanceName", "tokened", "ClientToken", "create-1"));

        assertThat(again.get("Data").get("InstanceId").asText()).isEqualTo(first.get("Data").get("InstanceId").asText());
        assertThat(inService(ons)).hasSize(1);
        OnsInstanceCreateRequest other = new OnsInstanceCreateRequest();
        other.setInstanceName("another-name");
        other.putQueryParameter("ClientToken", "create-1");
        assertThat(ons.refusal(other).code()).isEqualTo("IdempotentParameterMismatch");
        assertThat(inService(ons)).hasSize(1);
    }

    static OnsInstanceBaseInfoResponse.InstanceBaseInfo baseInfo(OnsClients.V1 ons, String id) throws Exception {
        OnsInstanceBaseInfoRequest request = new OnsInstanceBaseInfoRequest();
        request.setInstanceId(id);
        return ons.call(request).getInstanceBaseInfo();
    }

    static void createTopic(OnsClients.V1 ons, String id, String topic, Integer type, String remark) {
        try {
            ons.call(topic(id, topic, type, remark));
        } catch (com.aliyuncs.exceptions.ClientException e) {
            throw new AssertionError("topic " + topic + ": " + e.getErrCode() + " " + e.getErrMsg(), e);
        }
    }

    static OnsTopicCreateRequest topic(String id, String topic, Integer type, String remark) {
        OnsTopicCreateRequest request = new OnsTopicCreateRequest();
        request.setInstanceId(id);
        request.setTopic(topic);
        request.setMessageType(type);
        request.setRemark(remark);
        return request;
    }

    static OnsGroupCreateRequest group(String id, String groupId, String type) {
        OnsGroupCreateRequest request = new OnsGroupCreateRequest();
        request.setInstanceId(id);
        request.setGroupId(groupId);
        request.setGroupType(type);
        return request;
    }

    static List<OnsTopicListResponse.PublishInfoDo> topicList(OnsClients.V1 ons, String id, String topic) throws Exception {
        OnsTopicListRequest request = new OnsTopicListRequest();
        request.setInstanceId(id);
        request.setTopic(topic);
        return ons.call(request).getData();
    }

    static List<OnsGroupListResponse.SubscribeInfoDo> groupList(OnsClients.V1 ons, String id, String groupId, String type) throws Exception {
        OnsGroupListRequest request = new OnsGroupListRequest();
        request.setInstanceId(id);
        request.setGroupId(groupId);
        request.setGroupType(type);
        return ons.call(request).getData();
    }

    static List<OnsInstanceInServiceListResponse.InstanceVO> inService(OnsClients.V1 ons) throws Exception {
        return ons.call(new OnsInstanceInServiceListRequest()).getData();
    }

    /** TopicCount and GroupCount of the instance, which the 3.2.3 model lacks: read from the raw answer. */
    static List<Integer> counts(OnsClients.V1 ons, String id) throws Exception {
        for (JsonNode vo : ons.common("OnsInstanceInServiceList", Map.of()).get("Data").get("InstanceVO")) {
            if (vo.get("InstanceId").asText().equals(id)) {
                return List.of(vo.get("TopicCount").asInt(), vo.get("GroupCount").asInt());
            }
        }
        throw new AssertionError("instance " + id + " is not in service");
    }
}
