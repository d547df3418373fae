package io.billow.product.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pay-as-you-go node change the infrastructure fails: the nodes listed and the nodes billed both
 * stay as they were. Sample USD price: x4.medium 0.9 per node-hour; a spec change takes 5 minutes.
 */
class PolarNodeChangeFailureTest {

    private static final Instant START = Instant.parse("2025-07-01T00:00:00Z");

    @RegisterExtension
    static final PolarServer SERVER = new PolarServer(START);

    @Test
    void aFailedAddOrDeleteLeavesTheNodeListAndTheBillAtTheOldCount() throws Exception {
        PolarServer.Tenant t = SERVER.newTenant("1000");
        String id = t.polar().cluster("polar.pg.x4.medium", 2, 0);
        List<String> before = nodeIds(t, id);
        assertThat(before).hasSize(2);

        SERVER.clockTo(START.plusSeconds(600));
        assertThat(SERVER.operator().put("/api/v1/provisioner", "{\"failNext\":{\"MODIFY_SPEC\":1}}").status()).isEqualTo(200);
        String added = t.polar().call("CreateDBNodes", new PolarModels.CreateDBNodesResponseBody(), "DBClusterId", id,
                "DBNode.1.TargetClass", "polar.pg.x4.medium", "DBNode.1.ZoneId", "cn-hangzhou-a").DBNodeIds.DBNodeId.get(0);
        assertThat(nodeIds(t, id)).as("listed while the change runs").contains(added);
        SERVER.clockTo(START.plusSeconds(1200)); // failed at 00:15
        assertThat(nodeIds(t, id)).containsExactlyElementsOf(before);
        assertThat(t.polar().listed(id).DBNodeNumber).isEqualTo(2);

        String reader = before.get(1);
        assertThat(SERVER.operator().put("/api/v1/provisioner", "{\"failNext\":{\"MODIFY_SPEC\":1}}").status()).isEqualTo(200);
        t.polar().call("DeleteDBNodes", new PolarModels.OrderResponseBody(), "DBClusterId", id, "DBNodeId.1", reader);
        SERVER.clockTo(START.plusSeconds(1800)); // failed at 00:25
        assertThat(nodeIds(t, id)).containsExactlyElementsOf(before);
        assertThat(t.polar().listed(id).DBNodeNumber).isEqualTo(2);

        SERVER.clockTo(START.plusSeconds(3600));
        JsonNode bill = t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills").get(0);
        for (JsonNode l : bill.get("lines")) {
            if (l.get("item").asText().equals("compute")) {
                assertThat(l.get("amount").asText()).as("2 nodes × 0.9 for the hour").isEqualTo("1.800000");
            }
        }
    }

    private static List<String> nodeIds(PolarServer.Tenant t, String id) throws Exception {
        List<String> ids = new ArrayList<>();
        t.polar().attribute(id).DBNodes.forEach(n -> ids.add(n.DBNodeId));
        return ids;
    }
}
