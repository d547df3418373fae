package io.billow.product.rocketmq5.roa;

import com.aliyun.rocketmq20220801.Client;
import com.aliyun.rocketmq20220801.models.CreateConsumerGroupRequest;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest;
import com.aliyun.rocketmq20220801.models.CreateInstanceResponseBody;
import com.aliyun.rocketmq20220801.models.CreateTopicRequest;
import com.aliyun.rocketmq20220801.models.GetConsumerGroupResponseBody;
import com.aliyun.rocketmq20220801.models.GetInstanceResponseBody;
import com.aliyun.rocketmq20220801.models.GetTopicResponseBody;
import com.aliyun.rocketmq20220801.models.ListConsumerGroupsRequest;
import com.aliyun.rocketmq20220801.models.ListConsumerGroupsResponseBody;
import com.aliyun.rocketmq20220801.models.ListInstancesRequest;
import com.aliyun.rocketmq20220801.models.ListInstancesResponseBody;
import com.aliyun.rocketmq20220801.models.ListTopicsRequest;
import com.aliyun.rocketmq20220801.models.ListTopicsResponseBody;
import com.aliyun.rocketmq20220801.models.UpdateConsumerGroupRequest;
import com.aliyun.rocketmq20220801.models.UpdateInstanceRequest;
import com.aliyun.rocketmq20220801.models.UpdateTopicRequest;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole RocketMQ 5.x surface through the official client, every answer read by the SDK's own
 * response models: instances of the Standard and Professional series created (once per
 * clientToken), read, listed, updated and deleted, with topics and consumer groups in them; and the
 * free quotas of the Shared and Dedicated instance types.
 */
class Mq5SdkSurfaceTest {

    private static final Instant START = Instant.parse("2026-10-01T08:00:00Z");

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(START);

    @Test
    void theWholeSurfaceIsReadByTheSdksModels() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Client mq = Mq5Clients.client(SERVER, t);

        CreateInstanceRequest standard = Mq5Clients.serverless("standard").setInstanceName("orders_main").setRemark("orders")
                .setProductInfo(new CreateInstanceRequest.CreateInstanceRequestProductInfo().setSendReceiveRatio(0.5f)
                        .setMessageRetentionTime(72))
                .setTags(List.of(new CreateInstanceRequest.CreateInstanceRequestTags().setKey("env").setValue("prod")))
                .setClientToken("create-orders-1");
        CreateInstanceResponseBody created = mq.createInstance(standard).getBody();
        assertThat(created.getSuccess()).isTrue();
        assertThat(created.getHttpStatusCode()).isEqualTo(200);
        assertThat(created.getRequestId()).matches("[0-9A-F-]{36}");
        String id = created.getData();
        assertThat(id).matches("rmq-cn-[a-z0-9]{11}");
        CreateInstanceResponseBody retried = mq.createInstance(standard).getBody();
        assertThat(retried.getData()).isEqualTo(id);
        assertThat(retried.getRequestId()).isNotEqualTo(created.getRequestId());

        String professional = mq.createInstance(Mq5Clients.serverless("professional").setInstanceName("audit")
                .setProductInfo(new CreateInstanceRequest.CreateInstanceRequestProductInfo().setMsgProcessSpec("serverless.professional")))
                .getBody().getData();

        GetInstanceResponseBody.GetInstanceResponseBodyData got = mq.getInstance(id).getBody().getData();
        assertThat(List.of(got.getInstanceId(), got.getInstanceName(), got.getRegionId(), got.getServiceCode(), got.getSeriesCode(),
                got.getSubSeriesCode(), got.getPaymentType(), got.getCommodityCode(), got.getStatus(), got.getRemark(), got.getUserId(),
                got.getCreateTime(), got.getUpdateTime()))
                .containsExactly(id, "orders_main", "cn-hangzhou", "rmq", "standard", "serverless", "PayAsYouGo",
                        "ons_rmqsrvlesspost_public_intl", "RUNNING", "orders", t.accountId(), "2026-10-01 08:00:00", "2026-10-01 08:00:00");
        assertThat(got.getTopicCount()).isZero();
        assertThat(got.getGroupCount()).isZero();
        assertThat(got.getProductInfo().getMsgProcessSpec()).isEqualTo("serverless.standard");
        assertThat(got.getProductInfo().getSendReceiveRatio()).isEqualTo(0.5f);
        assertThat(got.getProductInfo().getMessageRetentionTime()).isEqualTo(72);
        assertThat(got.getProductInfo().getTraceOn()).isFalse();
        assertThat(got.getNetworkInfo().getVpcInfo().getVpcId()).isEqualTo("vpc-bp1orders");
        assertThat(got.getNetworkInfo().getVpcInfo().getVSwitches()).extracting(s -> s.getVSwitchId()).containsExactly("vsw-bp1orders");
        assertThat(got.getNetworkInfo().getInternetInfo().getInternetSpec()).isEqualTo("disable");
        assertThat(got.getNetworkInfo().getEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getEndpointType()).isEqualTo("TCP_VPC");
            assertThat(e.getEndpointUrl()).isEqualTo(id + "-vpc.cn-hangzhou.rmq.aliyuncs.com:8080");
        });
        // Standard pays for every topic: its instance type has no free quota.
        assertThat(got.getInstanceQuotas()).isEmpty();
        assertThat(got.getTags()).extracting(x -> x.getKey() + "=" + x.getValue()).containsExactly("env=prod");
        assertThat(mq.getInstance(professional).getBody().getData().getProductInfo().getMsgProcessSpec()).isEqualTo("serverless.professional");

        ListInstancesResponseBody.ListInstancesResponseBodyData all = mq.listInstances(new ListInstancesRequest().setPageNumber(1)
                .setPageSize(10)).getBody().getData();
        assertThat(all.getTotalCount()).isEqualTo(2L);
        assertThat(all.getPageNumber()).isEqualTo(1L);
        assertThat(all.getList()).extracting(x -> x.getInstanceId()).containsExactlyInAnyOrder(id, professional);
        assertThat(mq.listInstances(new ListInstancesRequest().setPageNumber(1).setPageSize(10).setSeriesCodes(List.of("professional")))
                .getBody().getData().getList()).extracting(x -> x.getInstanceName()).containsExactly("audit");
        assertThat(mq.listInstances(new ListInstancesRequest().setPageNumber(1).setPageSize(10).setFilter("orders"))
                .getBody().getData().getList()).extracting(x -> x.getInstanceId()).containsExactly(id);
        assertThat(mq.listInstances(new ListInstancesRequest().setPageNumber(2).setPageSize(1)).getBody().getData().getList()).hasSize(1);

        SERVER.clockTo(START.plusSeconds(3600));
        assertThat(mq.updateInstance(id, new UpdateInstanceRequest().setInstanceName("orders_renamed").setRemark("renamed")
                .setProductInfo(new UpdateInstanceRequest.UpdateInstanceRequestProductInfo().setMessageRetentionTime(48).setTraceOn(true))
                .setAclInfo(new UpdateInstanceRequest.UpdateInstanceRequestAclInfo().setAclTypes(List.of("default", "apache_acl"))
                        .setDefaultVpcAuthFree(true))
                .setNetworkInfo(new UpdateInstanceRequest.UpdateInstanceRequestNetworkInfo().setInternetInfo(
                        new UpdateInstanceRequest.UpdateInstanceRequestNetworkInfoInternetInfo().setIpWhitelist(List.of("10.0.0.0/8")))))
                .getBody().getData()).isTrue();
        got = mq.getInstance(id).getBody().getData();
        assertThat(List.of(got.getInstanceName(), got.getRemark(), got.getUpdateTime(), got.getCreateTime()))
                .containsExactly("orders_renamed", "renamed", "2026-10-01 09:00:00", "2026-10-01 08:00:00");
        assertThat(got.getProductInfo().getMessageRetentionTime()).isEqualTo(48);
        assertThat(got.getProductInfo().getTraceOn()).isTrue();
        assertThat(got.getProductInfo().getSendReceiveRatio()).isEqualTo(0.5f);
        assertThat(got.getAclInfo().getAclTypes()).containsExactly("default", "apache_acl");
        assertThat(got.getAclInfo().getDefaultVpcAuthFree()).isTrue();
        assertThat(got.getNetworkInfo().getInternetInfo().getIpWhitelist()).containsExactly("10.0.0.0/8");
        assertThat(got.getNetworkInfo().getVpcInfo().getVpcId()).isEqualTo("vpc-bp1orders");

        topics(mq, id);
        groups(mq, id);
        got = mq.getInstance(id).getBody().getData();
        assertThat(got.getTopicCount()).isEqualTo(1L);
        assertThat(got.getGroupCount()).isEqualTo(1L);

        assertThat(mq.deleteInstance(professional).getBody().getData()).isTrue();
        assertThat(Mq5Clients.refused(() -> mq.getInstance(professional))).satisfies(r -> {
            assertThat(r.code()).isEqualTo("Instance.NotFound");
            assertThat(r.status()).isEqualTo(404);
        });
        assertThat(mq.listInstances(new ListInstancesRequest().setPageNumber(1).setPageSize(10)).getBody().getData().getList())
                .extracting(x -> x.getInstanceId()).containsExactly(id);
    }

    /** Shared and Dedicated instance types carry free quotas (catalog/rocketmq-5.yaml), shown against the live counts. */
    @Test
    void sharedAndDedicatedInstancesShowTheirFreeQuotas() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Client mq = Mq5Clients.client(SERVER, t);
        String shared = mq.createInstance(Mq5Clients.serverless("shared")
                .setProductInfo(new CreateInstanceRequest.CreateInstanceRequestProductInfo().setMsgProcessSpec("shared.s2"))).getBody().getData();
        mq.createTopic(shared, "orders", new CreateTopicRequest().setMessageType("NORMAL"));
        mq.createTopic(shared, "refunds", new CreateTopicRequest().setMessageType("TRANSACTION"));
        mq.createConsumerGroup(shared, "GID_orders", new CreateConsumerGroupRequest().setDeliveryOrderType("Concurrently")
                .setConsumeRetryPolicy(new CreateConsumerGroupRequest.CreateConsumerGroupRequestConsumeRetryPolicy().setRetryPolicy("DefaultRetryPolicy")));

        GetInstanceResponseBody.GetInstanceResponseBodyData got = mq.getInstance(shared).getBody().getData();
        assertThat(List.of(got.getSeriesCode(), got.getProductInfo().getMsgProcessSpec())).containsExactly("shared", "shared.s2");
        assertThat(got.getInstanceQuotas()).extracting(q -> q.getQuotaName() + " " + q.getTotalCount() + " " + q.getUsedCount() + " "
                + q.getFreeCount()).containsExactlyInAnyOrder("TOPIC_AND_GROUP_COUNT 500.0 3.0 497.0",
                "CLIENT_COUNT 2000.0 0.0 2000.0");

        // Without msgProcessSpec, the series' first instance type.
        String dedicated = mq.createInstance(Mq5Clients.serverless("dedicated")).getBody().getData();
        got = mq.getInstance(dedicated).getBody().getData();
        assertThat(got.getProductInfo().getMsgProcessSpec()).isEqualTo("dedicated.d1");
        assertThat(got.getInstanceQuotas()).extracting(q -> q.getQuotaName() + " " + q.getTotalCount())
                .containsExactlyInAnyOrder("TOPIC_AND_GROUP_COUNT 1000.0", "CLIENT_COUNT 20000.0");
    }

    private static void topics(Client mq, String id) throws Exception {
        assertThat(mq.createTopic(id, "orders", new CreateTopicRequest().setMessageType("NORMAL").setRemark("order events")
                .setMaxSendTps(1000L)).getBody().getData()).isTrue();
        assertThat(mq.createTopic(id, "payments", new CreateTopicRequest().setMessageType("FIFO")).getBody().getData()).isTrue();
        GetTopicResponseBody.GetTopicResponseBodyData orders = mq.getTopic(id, "orders").getBody().getData();
        assertThat(List.of(orders.getTopicName(), orders.getInstanceId(), orders.getRegionId(), orders.getMessageType(), orders.getStatus(),
                orders.getRemark(), orders.getCreateTime())).containsExactly("orders", id, "cn-hangzhou", "NORMAL", "RUNNING",
                "order events", "2026-10-01 09:00:00");
        assertThat(orders.getMaxSendTps()).isEqualTo(1000L);

        ListTopicsResponseBody.ListTopicsResponseBodyData listed = mq.listTopics(id, new ListTopicsRequest().setPageNumber(1).setPageSize(10))
                .getBody().getData();
        assertThat(listed.getTotalCount()).isEqualTo(2L);
        assertThat(listed.getList()).extracting(x -> x.getTopicName() + ":" + x.getMessageType()).containsExactly("orders:NORMAL", "payments:FIFO");
        assertThat(mq.listTopics(id, new ListTopicsRequest().setPageNumber(1).setPageSize(10).setMessageTypes(List.of("FIFO", "DELAY")))
                .getBody().getData().getList()).extracting(x -> x.getTopicName()).containsExactly("payments");

        assertThat(mq.updateTopic(id, "orders", new UpdateTopicRequest().setRemark("all order events").setMaxSendTps(2000L))
                .getBody().getData()).isTrue();
        orders = mq.getTopic(id, "orders").getBody().getData();
        assertThat(List.of(orders.getRemark(), orders.getMessageType())).containsExactly("all order events", "NORMAL");
        assertThat(orders.getMaxSendTps()).isEqualTo(2000L);

        assertThat(mq.deleteTopic(id, "payments").getBody().getData()).isTrue();
        assertThat(mq.listTopics(id, new ListTopicsRequest().setPageNumber(1).setPageSize(10)).getBody().getData().getList())
                .extracting(x -> x.getTopicName()).containsExactly("orders");
    }

    private static void groups(Client mq, String id) throws Exception {
        assertThat(mq.createConsumerGroup(id, "GID_orders", new CreateConsumerGroupRequest().setDeliveryOrderType("Concurrently")
                .setConsumeRetryPolicy(new CreateConsumerGroupRequest.CreateConsumerGroupRequestConsumeRetryPolicy()
                        .setRetryPolicy("DefaultRetryPolicy").setMaxRetryTimes(16)).setRemark("billing")).getBody().getData()).isTrue();
        assertThat(mq.createConsumerGroup(id, "GID_fifo", new CreateConsumerGroupRequest().setDeliveryOrderType("Orderly")
                .setConsumeRetryPolicy(new CreateConsumerGroupRequest.CreateConsumerGroupRequestConsumeRetryPolicy()
                        .setRetryPolicy("FixedRetryPolicy").setMaxRetryTimes(3).setFixedIntervalRetryTime(5))).getBody().getData()).isTrue();

        GetConsumerGroupResponseBody.GetConsumerGroupResponseBodyData fifo = mq.getConsumerGroup(id, "GID_fifo").getBody().getData();
        assertThat(List.of(fifo.getConsumerGroupId(), fifo.getInstanceId(), fifo.getDeliveryOrderType(), fifo.getMessageModel(),
                fifo.getStatus(), fifo.getConsumeRetryPolicy().getRetryPolicy()))
                .containsExactly("GID_fifo", id, "Orderly", "CLUSTERING", "RUNNING", "FixedRetryPolicy");
        assertThat(fifo.getConsumeRetryPolicy().getMaxRetryTimes()).isEqualTo(3);
        assertThat(fifo.getConsumeRetryPolicy().getFixedIntervalRetryTime()).isEqualTo(5);

        ListConsumerGroupsResponseBody.ListConsumerGroupsResponseBodyData listed = mq.listConsumerGroups(id,
                new ListConsumerGroupsRequest().setPageNumber(1).setPageSize(10)).getBody().getData();
        assertThat(listed.getTotalCount()).isEqualTo(2L);
        assertThat(listed.getList()).extracting(x -> x.getConsumerGroupId()).containsExactly("GID_fifo", "GID_orders");
        assertThat(mq.listConsumerGroups(id, new ListConsumerGroupsRequest().setPageNumber(1).setPageSize(10).setFilter("ord"))
                .getBody().getData().getList()).extracting(x -> x.getRemark()).containsExactly("billing");

        assertThat(mq.updateConsumerGroup(id, "GID_orders", new UpdateConsumerGroupRequest().setRemark("billing v2").setMaxReceiveTps(500L)
                .setConsumeRetryPolicy(new UpdateConsumerGroupRequest.UpdateConsumerGroupRequestConsumeRetryPolicy()
                        .setRetryPolicy("FixedRetryPolicy").setFixedIntervalRetryTime(30))).getBody().getData()).isTrue();
        GetConsumerGroupResponseBody.GetConsumerGroupResponseBodyData orders = mq.getConsumerGroup(id, "GID_orders").getBody().getData();
        assertThat(List.of(orders.getRemark(), orders.getDeliveryOrderType(), orders.getConsumeRetryPolicy().getRetryPolicy()))
                .containsExactly("billing v2", "Concurrently", "FixedRetryPolicy");
        assertThat(orders.getMaxReceiveTps()).isEqualTo(500L);
        assertThat(orders.getConsumeRetryPolicy().getFixedIntervalRetryTime()).isEqualTo(30);

        assertThat(mq.deleteConsumerGroup(id, "GID_fifo").getBody().getData()).isTrue();
        assertThat(Mq5Clients.refused(() -> mq.getConsumerGroup(id, "GID_fifo")).code()).isEqualTo("ConsumerGroup.NotFound");
    }
}
