package io.billow.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * The demo's RocketMQ 5.x chapter (seed 002): a Standard serverless instance upgrades to Shared
 * after an estimate, gets a new free endpoint while the old one is marked To Be Unpublished and
 * keeps billing, still carries traffic a day later (a warning), and is deleted: its fee stops at
 * that second.
 */
final class ServerlessUpgradeChapter {

    private final ApiClient operator;
    private final ApiClient tenant;

    ServerlessUpgradeChapter(ApiClient operator, ApiClient tenant) {
        this.operator = operator;
        this.tenant = tenant;
    }

    void play() {
        String id = DemoCommand.must(tenant.post("/api/v1/instances", "{\"product\":\"rocketmq-5\",\"region\":\"cn-hangzhou\","
                + "\"edition\":\"Standard\",\"instanceClass\":\"serverless.standard\",\"billingMethod\":\"PayAsYouGo\"}")).path("instanceId").asText();
        step("Create ApsaraMQ for RocketMQ 5.x serverless, Standard edition: " + id);
        for (String topic : new String[]{"orders", "payments"}) {
            DemoCommand.must(tenant.post("/api/v1/instances/" + id + "/topics", "{\"name\":\"" + topic + "\"}"));
        }
        String old = endpoints(id).path(0).path("endpointId").asText();
        step("Send 2 million message requests and 1.5 GB through its PrivateLink endpoint " + old + " (billed to its owner)");
        usage(id, "mq5-1", old, "\"message_requests\":2000000,\"privatelink_gb\":1.5");
        advance(30 * 60);
        String upgrade = "{\"action\":\"upgradeEdition\",\"edition\":\"Shared\",\"instanceClass\":\"shared.s1\"}";
        JsonNode estimate = DemoCommand.must(tenant.post("/api/v1/estimates", upgrade.replace("{", "{\"instanceId\":\"" + id + "\",")));
        step("Estimate the upgrade to Shared (shared.s1): " + estimate.path("explanation").asText());
        DemoCommand.must(tenant.post("/api/v1/instances/" + id + "/changes", upgrade));
        String fresh = "";
        for (JsonNode e : endpoints(id)) {
            System.out.println("  endpoint " + e.path("endpointId").asText() + " " + e.path("status").asText() + " ("
                    + e.path("billingModel").asText() + " model) " + e.path("endpointUrl").asText());
            fresh = e.path("status").asText().equals("Active") ? e.path("endpointId").asText() : fresh;
        }
        step("Traffic through both endpoints reaches the same instance; only the old one's is billed");
        usage(id, "mq5-2", old, "\"message_requests\":1000000,\"privatelink_gb\":1");
        usage(id, "mq5-3", fresh, "\"message_requests\":1000000,\"privatelink_gb\":2");
        advance(86_400 + 60);
        usage(id, "mq5-4", old, "\"privatelink_gb\":0.5");
        for (JsonNode e : DemoCommand.must(tenant.get("/api/v1/events?instanceId=" + id)).path("events")) {
            if (e.path("type").asText().equals("endpoint.old-still-used")) {
                System.out.println("  warning: " + e.path("data").path("message").asText());
            }
        }
        JsonNode deleted = DemoCommand.must(tenant.delete("/api/v1/instances/" + id + "/endpoints/" + old));
        step("A day after the upgrade, delete the old endpoint: its fees stop at " + deleted.path("deletedAt").asText());
        advance(3600);
        oldEndpointFees(id);
    }

    /** What keeping the old endpoint cost, hour by hour, and why its line was there. */
    private void oldEndpointFees(String id) {
        BigDecimal total = BigDecimal.ZERO;
        int hours = 0;
        String why = "";
        for (JsonNode b : DemoCommand.must(tenant.get("/api/v1/bills?instanceId=" + id + "&limit=1000")).path("bills")) {
            for (JsonNode l : b.path("lines")) {
                if (l.path("item").asText().equals("privatelink_endpoint")) {
                    total = total.add(new BigDecimal(l.path("amount").asText()));
                    hours++;
                    why = l.path("explanation").asText();
                }
            }
        }
        System.out.println("  the endpoint fee appeared on " + hours + " hourly bills, " + total.toPlainString() + " USD in all; the last: "
                + why.substring(Math.max(0, why.indexOf("why:"))));
    }

    private JsonNode endpoints(String id) {
        return DemoCommand.must(tenant.get("/api/v1/instances/" + id + "/endpoints")).path("endpoints");
    }

    private void usage(String id, String eventId, String endpointId, String counts) {
        DemoCommand.must(tenant.post("/api/v1/instances/" + id + "/usage", "{\"eventId\":\"" + eventId + "\",\"endpointId\":\""
                + endpointId + "\",\"counts\":{" + counts + "}}"));
    }

    private void advance(long seconds) {
        JsonNode now = DemoCommand.must(operator.post("/api/v1/clock", "{\"advanceSeconds\":" + seconds + "}"));
        System.out.println("  … clock advanced " + (seconds / 60) + " min to " + now.path("now").asText());
    }

    private static void step(String text) {
        System.out.println("• " + text);
    }
}
