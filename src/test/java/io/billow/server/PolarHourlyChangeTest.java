package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.billow.server.RocketMq4EditionTest.change;
import static io.billow.server.RocketMq4EditionTest.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004, pay-as-you-go: billed by the hour, and after a change at the new price from the hour
 * the change takes effect. Sample USD prices: x4.large 1.2 and x4.xlarge 1.5 per node-hour,
 * storage 0.0005 per GB-hour; a spec change takes 5 minutes.
 */
class PolarHourlyChangeTest {

    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(START);

    @Test
    void theHourAChangeTakesEffectInBillsTheNewClassForADowngradeAndAnUpgrade() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ApiClient api = t.api();
        String id = created(api.post("/api/v1/instances", "{\"product\":\"polardb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Enterprise\","
                + "\"instanceClass\":\"polar.pg.x4.xlarge\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":50,\"nodeCount\":2}"));
        SERVER.clockTo(START.plusSeconds(20 * 60));
        assertThat(change(api, id, "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.large\"}").status()).isEqualTo(202);
        SERVER.clockTo(START.plusSeconds(90 * 60));
        assertThat(change(api, id, "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.xlarge\"}").status()).isEqualTo(202);
        SERVER.clockTo(START.plusSeconds(3 * 3600));

        // 00:00–01:00: the downgrade took effect at 00:25, so the whole hour is 2 × 1.2 (not 2 × 1.5);
        // 01:00–02:00: the upgrade took effect at 01:35: 2 × 1.5; 02:00–03:00: 2 × 1.5.
        assertThat(byHour(api, id, "compute")).containsExactly("2.400000", "3.000000", "3.000000");
        assertThat(byHour(api, id, "storage")).as("50 × 0.0005 each hour").containsExactly("0.025000", "0.025000", "0.025000");
        assertThat(t.api().get("/api/v1/instances/" + id).body().get("instanceClass").asText()).isEqualTo("polar.pg.x4.xlarge");
    }

    private static List<String> byHour(ApiClient api, String id, String item) {
        List<JsonNode> bills = new ArrayList<>();
        api.get("/api/v1/bills?instanceId=" + id).body().get("bills").forEach(bills::add);
        bills.sort(Comparator.comparing(b -> b.get("periodStart").asText()));
        List<String> out = new ArrayList<>();
        for (JsonNode b : bills) {
            for (JsonNode l : b.get("lines")) {
                if (l.get("item").asText().equals(item)) {
                    out.add(l.get("amount").asText());
                }
            }
        }
        return out;
    }
}
