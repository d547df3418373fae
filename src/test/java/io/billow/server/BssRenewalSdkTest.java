package io.billow.server;

import com.aliyuncs.bssopenapi.model.v20171214.QueryAvailableInstancesRequest;
import com.aliyuncs.bssopenapi.model.v20171214.QueryAvailableInstancesResponse;
import com.aliyuncs.bssopenapi.model.v20171214.RenewInstanceRequest;
import com.aliyuncs.bssopenapi.model.v20171214.SetRenewalRequest;
import com.aliyuncs.exceptions.ClientException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BSS RenewInstance, SetRenewal and QueryAvailableInstances through the official SDK, over the subscription engine. */
class BssRenewalSdkTest {

    private static final String PLATINUM = "{\"product\":\"rocketmq-4\",\"region\":\"cn-hangzhou\",\"edition\":\"EnterprisePlatinum\","
            + "\"instanceClass\":\"ep.tps.5k\",\"billingMethod\":\"Subscription\",\"months\":1}";

    @Test
    void renewingExtendsTheTermFromItsEndOnceperClientTokenAndAutoRenewalShowsInTheInstanceList() throws ClientException {
        TestServer.Tenant t = TestServer.newTenant("USD", "20000", "UTC");
        String id = RocketMq4EditionTest.created(t.api().post("/api/v1/instances", PLATINUM));
        Instant end = Instant.parse(subscription(t, id).get("expiresAt").asText());
        Sdk sdk = Sdk.of(t);

        RenewInstanceRequest renew = new RenewInstanceRequest();
        renew.setProductCode("rocketmq");
        renew.setInstanceId(id);
        renew.setRenewPeriod(2);
        renew.setClientToken("renew-" + id.substring(id.length() - 8));
        String order = sdk.call(renew).getData().getOrderId();
        assertThat(sdk.call(renew).getData().getOrderId()).as("the same ClientToken renews once").isEqualTo(order);
        assertThat(subscription(t, id).get("expiresAt").asText()).isEqualTo(end.atZone(ZoneOffset.UTC).plusMonths(2).toInstant().toString());
        assertThat(RocketMq4EditionTest.balance(t.api(), t)).as("3000 for the first month, 6000 for two more")
                .isEqualByComparingTo(new BigDecimal("11000"));

        RenewInstanceRequest unsold = new RenewInstanceRequest();
        unsold.setProductCode("rocketmq");
        unsold.setInstanceId(id);
        unsold.setRenewPeriod(5);
        assertThatThrownBy(() -> sdk.call(unsold)).isInstanceOf(ClientException.class).hasMessageContaining("InvalidPeriod");

        SetRenewal wrapping = new SetRenewal(id);
        wrapping.request.setRenewalPeriod(357_913_942);   // × 12 would wrap to 8 months in an int
        wrapping.request.setRenewalPeriodUnit("Y");
        assertThatThrownBy(() -> sdk.call(wrapping.request)).isInstanceOf(ClientException.class).hasMessageContaining("InvalidParameter");
        SetRenewal auto = new SetRenewal(id);
        sdk.call(auto.request);
        QueryAvailableInstancesRequest query = new QueryAvailableInstancesRequest();
        query.setProductCode("rocketmq");
        query.setInstanceIDs(id);
        QueryAvailableInstancesResponse.Data data = sdk.call(query).getData();
        assertThat(data.getTotalCount()).isEqualTo(1);
        QueryAvailableInstancesResponse.Data.Instance listed = data.getInstanceList().get(0);
        assertThat(listed.getInstanceID()).isEqualTo(id);
        assertThat(listed.getSubscriptionType()).isEqualTo("Subscription");
        assertThat(listed.getRenewStatus()).isEqualTo("AutoRenewal");
        assertThat(listed.getRenewalDuration()).isEqualTo(3);
        assertThat(listed.getEndTime()).isEqualTo(end.atZone(ZoneOffset.UTC).plusMonths(2).toInstant().toString());

        TestServer.Tenant other = TestServer.newTenant("USD", "20000", "UTC");
        assertThatThrownBy(() -> Sdk.of(other).call(renew)).isInstanceOf(ClientException.class).hasMessageContaining("ResourceNotExists");
    }

    /** Auto-renewal for a quarter (3 months, given as 1 × 3 M). */
    private static final class SetRenewal {
        final SetRenewalRequest request = new SetRenewalRequest();

        SetRenewal(String id) {
            request.setProductCode("rocketmq");
            request.setInstanceIDs(id);
            request.setRenewalStatus("AutoRenewal");
            request.setRenewalPeriod(3);
            request.setRenewalPeriodUnit("M");
        }
    }

    private static JsonNode subscription(TestServer.Tenant t, String id) {
        return t.api().get("/api/v1/instances/" + id).body().get("subscription");
    }
}
