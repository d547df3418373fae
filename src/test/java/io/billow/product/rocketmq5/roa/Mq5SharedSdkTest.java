package io.billow.product.rocketmq5.roa;

import com.aliyun.rocketmq20220801.Client;
import com.aliyun.rocketmq20220801.models.CreateConsumerGroupRequest;
import com.aliyun.rocketmq20220801.models.CreateInstanceRequest;
import com.aliyun.rocketmq20220801.models.CreateTopicRequest;
import com.aliyun.rocketmq20220801.models.GetInstanceResponseBody;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared and Dedicated instances through the SDK: their instance types carry free quotas
 * (catalog/rocketmq-5.yaml), which GetInstance shows against the live counts.
 */
class Mq5SharedSdkTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-10-01T08:00:00Z"));

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
                + q.getFreeCount()).containsExactlyInAnyOrder("TOPIC_COUNT 500.0 2.0 498.0", "GROUP_COUNT 500.0 1.0 499.0",
                "CLIENT_COUNT 2000.0 0.0 2000.0");

        // Without msgProcessSpec, the series' first instance type.
        String dedicated = mq.createInstance(Mq5Clients.serverless("dedicated")).getBody().getData();
        got = mq.getInstance(dedicated).getBody().getData();
        assertThat(got.getProductInfo().getMsgProcessSpec()).isEqualTo("dedicated.d1");
        assertThat(got.getInstanceQuotas()).extracting(q -> q.getQuotaName() + " " + q.getTotalCount())
                .containsExactlyInAnyOrder("TOPIC_COUNT 1000.0", "GROUP_COUNT 1000.0", "CLIENT_COUNT 20000.0");
    }
}
