package io.billow.product.rocketmq4;

import com.aliyuncs.ons.model.v20190214.OnsInstanceBaseInfoRequest;
import com.aliyuncs.ons.model.v20190214.OnsInstanceBaseInfoResponse;
import io.billow.server.TestServer;
import io.billow.server.OwnServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static io.billow.product.rocketmq4.OnsV1SdkTest.baseInfo;
import static io.billow.product.rocketmq4.OnsV1SdkTest.createTopic;
import static io.billow.product.rocketmq4.OnsV1SdkTest.topic;
import static io.billow.product.rocketmq4.OnsV1SdkTest.topicList;
import static org.assertj.core.api.Assertions.assertThat;

/** An expired Enterprise Platinum instance through the ONS API: overdue (2) and keeping its topics until released 7 days later. */
class OnsExpirySdkTest {

    /** Its own server: the clock moves five weeks, which on a shared server would settle every other test's instances. */
    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(TestServer.START);

    @Test
    void anExpiredSubscriptionShowsOverdueKeepsItsTopicsRefusesNewOnesAndIsGoneAtRelease() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "5000");
        OnsClients.V1 ons = OnsClients.v1(t);
        String id = OnsClients.createPlatinum(t, "ep.tps.5k");
        Instant expires = Instant.parse(OnsClients.nativeInstance(t, id).get("attributes").get("expiresAt").asText());
        createTopic(ons, id, "kept-topic", 0, null);

        moveTo(expires);

        assertThat(OnsClients.nativeInstance(t, id).get("status").asText()).isEqualTo("Locked");
        OnsInstanceBaseInfoResponse.InstanceBaseInfo locked = baseInfo(ons, id);
        assertThat(locked.getInstanceStatus()).isEqualTo(2);
        assertThat(locked.getReleaseTime()).isEqualTo(expires.toEpochMilli());
        assertThat(topicList(ons, id, null)).extracting(p -> p.getTopic()).containsExactly("kept-topic");
        OnsClients.Refusal refused = ons.refusal(topic(id, "new-topic", 0, null));
        assertThat(refused.code()).isEqualTo("OperationDenied");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).isEqualTo("The operation is denied: instance " + id
                + " is Locked (its subscription expired): renew it first.");

        moveTo(expires.plusSeconds(7 * 86_400));

        OnsInstanceBaseInfoRequest gone = new OnsInstanceBaseInfoRequest();
        gone.setInstanceId(id);
        assertThat(ons.refusal(gone).code()).isEqualTo("BIZ_INSTANCE_NOT_FOUND");
        assertThat(ons.refusal(gone).status()).isEqualTo(404);
    }

    private static void moveTo(Instant to) {
        SERVER.clockTo(to);
    }
}
