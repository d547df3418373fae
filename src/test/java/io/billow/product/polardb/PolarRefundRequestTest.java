package io.billow.product.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole-cluster refund (seed 004): the tenant asks, the operator decides once. Approved, the
 * cluster is frozen at once (not billed), refunded as unsubscribing would (the unused cash), and
 * deleted by the scheduler 14 days later, exactly once. Declined, nothing changes.
 */
class PolarRefundRequestTest {

    @RegisterExtension
    static final PolarServer SERVER = new PolarServer(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void anApprovedRefundFreezesTheClusterRefundsTheUnusedCashAndDeletesItFourteenDaysLater() throws Exception {
        PolarServer.Tenant t = SERVER.newTenant("3000");
        PolarServer.Tenant declined = SERVER.newTenant("600");
        String id = t.polar().cluster("polar.pg.x4.xlarge", 1, 3);          // 3,000 for 2025-01-01 → 04-01 (90 days)
        SERVER.clockTo(Instant.parse("2025-03-02T00:00:00Z"));              // 30 days left
        String kept = declined.polar().cluster("polar.pg.x4.medium", 1, 1);

        ApiClient.Response asked = t.api().post("/api/v1/instances/" + id + "/refund-requests", "{\"reason\":\"moving away\"}");
        assertThat(asked.status()).isEqualTo(201);
        String request = asked.body().get("requestId").asText();
        assertThat(asked.body().get("status").asText()).isEqualTo("PENDING");
        assertThat(t.api().post("/api/v1/instances/" + id + "/refund-requests", "{}").code()).isEqualTo("OperationDenied.RefundRequestPending");
        assertThat(t.api().post("/api/v1/refund-requests/" + request + "/approve", "").code()).as("operator only").isEqualTo("Forbidden");
        assertThat(t.polar().attribute(id).DBClusterStatus).as("nothing happens before a decision").isEqualTo("Running");

        JsonNode approved = SERVER.operator().post("/api/v1/refund-requests/" + request + "/approve", "").body();
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        JsonNode refund = t.order(id, approved.get("orderId").asText());
        assertThat(refund.get("type").asText()).isEqualTo("REFUND");
        assertThat(refund.get("cashPaid").asText()).as("3,000 × 30 ÷ 90").isEqualTo("-1000.00");
        assertThat(t.balance()).isEqualByComparingTo("1000");
        assertThat(t.instance(id).get("status").asText()).isEqualTo("Frozen");
        PolarModels.DescribeDBClusterAttributeResponseBody frozen = t.polar().attribute(id);
        assertThat(frozen.DBClusterStatus).isEqualTo("Stopped");
        assertThat(frozen.lockMode).isEqualTo("ManualLock");
        assertThat(SERVER.operator().post("/api/v1/refund-requests/" + request + "/decline", "").code())
                .as("decided once").isEqualTo("IncorrectRefundRequestState");
        assertThat(PolarBadInputTest.refusal(() -> t.polar().modifyClass(id, "Upgrade", "polar.pg.x8.xlarge")))
                .isEqualTo("IncorrectDBClusterState 400");

        String other = declined.api().post("/api/v1/instances/" + kept + "/refund-requests", "{}").body().get("requestId").asText();
        assertThat(SERVER.operator().post("/api/v1/refund-requests/" + other + "/decline", "").body().get("status").asText())
                .isEqualTo("DECLINED");
        assertThat(declined.polar().attribute(kept).DBClusterStatus).isEqualTo("Running");
        assertThat(declined.orders(kept)).hasSize(1);
        assertThat(declined.balance()).isEqualByComparingTo("0");

        SERVER.clockTo(Instant.parse("2025-03-15T23:59:59Z"));
        assertThat(t.polar().attribute(id).DBClusterStatus).as("kept for 14 days").isEqualTo("Stopped");
        SERVER.clockTo(Instant.parse("2025-03-16T00:00:00Z"));
        assertThat(PolarBadInputTest.refusal(() -> t.polar().attribute(id))).isEqualTo("InvalidDBClusterId.NotFound 404");
        SERVER.clockTo(Instant.parse("2025-04-02T00:00:00Z"));
        assertThat(events(t, id, "instance.released")).as("deleted exactly once").isEqualTo(1);
        assertThat(t.instance(id).get("releasedAt").asText()).isEqualTo("2025-03-16T00:00:00Z");
        assertThat(t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills")).as("frozen is not billed").isEmpty();
        assertThat(t.balance()).isEqualByComparingTo("1000");

    }

    private static int events(PolarServer.Tenant t, String id, String type) {
        int n = 0;
        for (JsonNode e : t.api().get("/api/v1/events?instanceId=" + id).body().get("events")) {
            n += e.get("type").asText().equals(type) ? 1 : 0;
        }
        return n;
    }
}
