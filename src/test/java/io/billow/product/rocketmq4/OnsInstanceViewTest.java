package io.billow.product.rocketmq4;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;
import io.billow.instance.Instance;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The ONS codes of an instance's edition and state. */
class OnsInstanceViewTest {

    private static final Instant CREATED = Instant.parse("2026-01-05T00:00:00Z");

    @Test
    void everyStateHasItsOnsStatus() {
        assertThat(OnsInstanceView.status(instance("Standard", "Running"))).isEqualTo(5);
        assertThat(OnsInstanceView.status(instance("EnterprisePlatinum", "Upgrading"))).isEqualTo(7);
        assertThat(OnsInstanceView.status(instance("Standard", "Stopped"))).isEqualTo(2);
        assertThat(OnsInstanceView.status(instance("EnterprisePlatinum", "Locked"))).isEqualTo(2);
        assertThat(OnsInstanceView.status(instance("EnterprisePlatinum", "Creating"))).isZero();
    }

    @Test
    void onlyEnterprisePlatinumHasAReleaseTimeWhichIsItsExpiry() {
        Instance platinum = instance("EnterprisePlatinum", "Running");
        platinum.attributes().put("expiresAt", "2026-02-05T00:00:00Z");
        Instance standard = instance("Standard", "Running");
        standard.attributes().put("expiresAt", "2026-02-05T00:00:00Z");

        assertThat(OnsInstanceView.type(platinum)).isEqualTo(2);
        assertThat(OnsInstanceView.type(standard)).isEqualTo(1);
        assertThat(OnsInstanceView.releaseTime(platinum)).contains(1_770_249_600_000L);
        assertThat(OnsInstanceView.releaseTime(standard)).isEmpty();
    }

    @Test
    void anInstanceWithoutANameShowsItsId() {
        Instance unnamed = instance("EnterprisePlatinum", "Running");
        Instance named = instance("Standard", "Running");
        named.attributes().put("instanceName", "orders");

        assertThat(OnsInstanceView.name(unnamed)).isEqualTo("MQ_INST_1234567890123456_AbCd1234");
        assertThat(OnsInstanceView.name(named)).isEqualTo("orders");
    }

    private static Instance instance(String edition, String status) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        BillingMethod method = edition.equals("Standard") ? BillingMethod.PAY_AS_YOU_GO : BillingMethod.SUBSCRIPTION;
        return new Instance("MQ_INST_1234567890123456_AbCd1234", "acct", "rocketmq-4", "cn-hangzhou", "cn-hangzhou-a", edition,
                edition.equals("Standard") ? "standard" : "ep.tps.5k", method, status, 0, "none", attributes, CREATED, null, null, 0);
    }
}
