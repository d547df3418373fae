package io.billow.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo's script: what a FinOps engineer would try in a sandbox, hour by hour, through the
 * native API, narrating each step.
 */
final class DemoStory {

    private final ApiClient operator;
    private final ApiClient tenant;
    private String subscription;
    private String mq;

    DemoStory(ApiClient operator, ApiClient tenant) {
        this.operator = operator;
        this.tenant = tenant;
    }

    void play(int hours) {
        String rds = create("RDS PostgreSQL, High-availability, pay-as-you-go, 100 GB",
                "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"HighAvailability\","
                        + "\"instanceClass\":\"pg.n2.medium.2c\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":100}");
        String adb = create("AnalyticDB PostgreSQL, elastic storage mode, pay-as-you-go",
                "{\"product\":\"analyticdb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"ElasticStorage\","
                        + "\"instanceClass\":\"4C16G\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":200}");
        String polar = create("PolarDB PostgreSQL, pay-as-you-go (billed by whole hours)",
                "{\"product\":\"polardb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Enterprise\","
                        + "\"instanceClass\":\"polar.pg.x4.medium\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":50}");
        subscription = create("PolarDB PostgreSQL, one-month subscription (paid up front, never metered)",
                "{\"product\":\"polardb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Enterprise\","
                        + "\"instanceClass\":\"polar.pg.x4.medium\",\"billingMethod\":\"Subscription\",\"storageGb\":50,\"months\":1}");
        mq = create("ApsaraMQ for RocketMQ 4.x, Standard Edition (topic-days and API calls)",
                "{\"product\":\"rocketmq-4\",\"region\":\"cn-hangzhou\",\"edition\":\"Standard\",\"instanceClass\":\"standard\","
                        + "\"billingMethod\":\"PayAsYouGo\"}");
        for (String topic : new String[]{"orders", "payments"}) {
            DemoCommand.must(tenant.post("/api/v1/instances/" + mq + "/topics", "{\"name\":\"" + topic + "\",\"attributes\":{\"messageType\":0}}"));
        }
        DemoCommand.must(tenant.post("/api/v1/instances/" + mq + "/groups", "{\"name\":\"GID_billing\"}"));
        step("Report 25 million API calls: the first 20 million a month are free for the whole account");
        DemoCommand.must(tenant.post("/api/v1/instances/" + mq + "/usage", "{\"eventId\":\"demo-calls\",\"counts\":{\"api_calls\":25000000}}"));
        advance(40 * 60);
        step("Upgrade the RocketMQ instance to Enterprise Platinum (ep.tps.5k, one month), in place, and set it to go back to "
                + "Standard when the subscription ends");
        DemoCommand.must(tenant.post("/api/v1/instances/" + mq + "/changes",
                "{\"action\":\"upgradeEdition\",\"instanceClass\":\"ep.tps.5k\",\"months\":1}"));
        step("Pause the AnalyticDB warehouse (Pausing is billed, Paused is not)");
        DemoCommand.must(tenant.post("/api/v1/instances/" + adb + "/changes", "{\"action\":\"pause\"}"));
        advance(50 * 60);
        step("Resume it (Starting is not billed either)");
        DemoCommand.must(tenant.post("/api/v1/instances/" + adb + "/changes", "{\"action\":\"resume\"}"));
        step("Upgrade the PolarDB subscription cluster to polar.pg.x4.large mid-term: a prorated UPGRADE order");
        JsonNode up = DemoCommand.must(tenant.post("/api/v1/instances/" + subscription + "/changes",
                "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.large\"}"));
        System.out.println("  order " + up.path("order").path("type").asText() + " " + up.path("order").path("cashPaid").asText() + " USD: "
                + up.path("order").path("explanation").asText());
        step("Scale the PolarDB cluster up mid-hour");
        DemoCommand.must(tenant.post("/api/v1/instances/" + polar + "/changes",
                "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.large\"}"));
        advance(30 * 60);
        step("Switch the RDS instance from pay-as-you-go to serverless (0.5–8 RCU)");
        DemoCommand.must(tenant.post("/api/v1/instances/" + rds + "/switch",
                "{\"payType\":\"Serverless\",\"instanceClass\":\"pg.n2.serverless.2c\",\"minCapacity\":0.5,\"maxCapacity\":8,"
                        + "\"autoPause\":false,\"switchForce\":false}"));
        advance(20 * 60);
        step("Report RCU usage: 2 RCU, then 4 RCU half an hour later");
        DemoCommand.must(tenant.post("/api/v1/instances/" + rds + "/usage", "{\"eventId\":\"demo-1\",\"rcu\":2}"));
        advance(30 * 60);
        DemoCommand.must(tenant.post("/api/v1/instances/" + rds + "/usage", "{\"eventId\":\"demo-2\",\"rcu\":4}"));
        advance(20 * 60);
        DemoCommand.must(tenant.post("/api/v1/instances/" + mq + "/changes",
                "{\"action\":\"setPostExpirationAction\",\"postExpirationAction\":\"DowngradeToStandard\"}"));
        step("Downgrade the subscription cluster back to polar.pg.x4.medium: a DOWNGRADE order refunds the unused cash");
        JsonNode down = DemoCommand.must(tenant.post("/api/v1/instances/" + subscription + "/changes",
                "{\"action\":\"modifySpec\",\"instanceClass\":\"polar.pg.x4.medium\"}"));
        System.out.println("  order " + down.path("order").path("type").asText() + " " + down.path("order").path("cashPaid").asText()
                + " USD, credited when the change is done");
        step("Release the PolarDB cluster");
        DemoCommand.must(tenant.delete("/api/v1/instances/" + polar));
        long left = hours * 3600L - (40 + 50 + 30 + 20 + 30 + 20) * 60L;
        advance(Math.max(3600, left));
    }

    /** Runs the clock to the subscription's expiry: it is locked, and released 15 days later unless renewed. */
    void untilSubscriptionExpires() {
        // The RocketMQ 5.x chapter takes a day of its own, after the first hours' bill table and before the month passes.
        new ServerlessUpgradeChapter(operator, tenant).play();
        JsonNode instance = DemoCommand.must(tenant.get("/api/v1/instances/" + subscription));
        String expires = instance.path("attributes").path("expiresAt").asText();
        step("Let the month pass: the subscription " + subscription + " expires at " + expires);
        JsonNode now = DemoCommand.must(operator.post("/api/v1/clock", "{\"to\":\"" + expires + "\"}"));
        System.out.println("  … clock at " + now.path("now").asText());
        JsonNode after = DemoCommand.must(tenant.get("/api/v1/instances/" + subscription));
        for (JsonNode e : DemoCommand.must(tenant.get("/api/v1/events?instanceId=" + subscription)).path("events")) {
            if (e.path("type").asText().equals("instance.expired")) {
                System.out.println("  status " + after.path("status").asText() + "; released at " + e.path("data").path("releaseAt").asText()
                        + " unless renewed");
            }
        }
    }

    /** Runs the clock to the RocketMQ subscription's expiry: it becomes Standard pay-as-you-go again, topics and groups kept. */
    void untilRocketMqDowngrades() {
        JsonNode instance = DemoCommand.must(tenant.get("/api/v1/instances/" + mq));
        String expires = instance.path("subscription").path("expiresAt").asText();
        step("The RocketMQ subscription " + mq + " ends at " + expires + " (" + instance.path("subscription").path("atExpiry").asText() + ")");
        DemoCommand.must(operator.post("/api/v1/clock", "{\"to\":\"" + expires + "\"}"));
        JsonNode after = DemoCommand.must(tenant.get("/api/v1/instances/" + mq));
        System.out.println("  now " + after.path("edition").asText() + " billed " + after.path("billingMethod").asText() + ", with "
                + DemoCommand.must(tenant.get("/api/v1/instances/" + mq + "/topics")).path("topics").size() + " topics and "
                + DemoCommand.must(tenant.get("/api/v1/instances/" + mq + "/groups")).path("groups").size() + " group");
    }

    private String create(String what, String body) {
        JsonNode i = DemoCommand.must(tenant.post("/api/v1/instances", body));
        step("Create " + what + ": " + i.path("instanceId").asText());
        return i.path("instanceId").asText();
    }

    private void advance(long seconds) {
        JsonNode now = DemoCommand.must(operator.post("/api/v1/clock", "{\"advanceSeconds\":" + seconds + "}"));
        System.out.println("  … clock advanced " + (seconds / 60) + " min to " + now.path("now").asText());
    }

    private static void step(String text) {
        System.out.println("• " + text);
    }
}
