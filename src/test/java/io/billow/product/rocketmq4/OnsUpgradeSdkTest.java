package io.billow.product.rocketmq4;

import com.aliyuncs.ons.model.v20190214.OnsInstanceBaseInfoResponse;
import com.aliyuncs.ons.model.v20190214.OnsInstanceCreateRequest;
import io.billow.server.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's upgrade as an ONS user sees it: while it runs, the instance answers Standard and
 * "upgrading" (7), its topics keep working; afterwards it is Enterprise Platinum with the same id
 * and endpoints, and ReleaseTime is its subscription's expiry.
 */
class OnsUpgradeSdkTest {

    @Test
    void anUpgradingInstanceKeepsItsIdEndpointsAndTopicsAndComesBackAsEnterprisePlatinum() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "5000", "UTC");
        OnsClients.V1 ons = OnsClients.v1(t);
        OnsInstanceCreateRequest create = new OnsInstanceCreateRequest();
        create.setInstanceName("upgrading");
        String id = ons.call(create).getData().getInstanceId();
        OnsV1SdkTest.createTopic(ons, id, "orders", 0, null);
        OnsInstanceBaseInfoResponse.InstanceBaseInfo before = OnsV1SdkTest.baseInfo(ons, id);

        assertThat(t.api().post("/api/v1/instances/" + id + "/changes", "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\","
                + "\"months\":1}").status()).isEqualTo(200);
        OnsInstanceBaseInfoResponse.InstanceBaseInfo during = OnsV1SdkTest.baseInfo(ons, id);
        assertThat(during.getInstanceType()).isEqualTo(1);
        assertThat(during.getInstanceStatus()).isEqualTo(7);
        OnsV1SdkTest.createTopic(ons, id, "during", 0, null);
        assertThat(OnsV1SdkTest.topicList(ons, id, null)).hasSize(2);

        Instant now = Instant.parse(TestServer.operator().get("/api/v1/clock").body().get("now").asText());
        TestServer.operator().post("/api/v1/clock", "{\"to\":\"" + now.plusSeconds(600) + "\"}");
        OnsInstanceBaseInfoResponse.InstanceBaseInfo after = OnsV1SdkTest.baseInfo(ons, id);
        assertThat(after.getInstanceId()).isEqualTo(id);
        assertThat(after.getInstanceType()).isEqualTo(2);
        assertThat(after.getInstanceStatus()).isEqualTo(5);
        assertThat(after.getMaxTps()).isEqualTo(5000L);
        assertThat(after.getTopicCapacity()).isEqualTo(25);
        Instant expires = Instant.parse(OnsClients.nativeInstance(t, id).get("subscription").get("expiresAt").asText());
        assertThat(after.getReleaseTime()).isEqualTo(expires.toEpochMilli());
        assertThat(after.getEndpoints().getTcpEndpoint()).isEqualTo(before.getEndpoints().getTcpEndpoint());
        assertThat(after.getEndpoints().getHttpInternetEndpoint()).isEqualTo(before.getEndpoints().getHttpInternetEndpoint());
        assertThat(OnsV1SdkTest.topicList(ons, id, null)).hasSize(2);
    }
}
