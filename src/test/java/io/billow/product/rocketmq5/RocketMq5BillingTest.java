package io.billow.product.rocketmq5;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.server.OwnServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static io.billow.product.rocketmq5.Mq5.bill;
import static io.billow.product.rocketmq5.Mq5.endpoints;
import static io.billow.product.rocketmq5.Mq5.hold;
import static io.billow.product.rocketmq5.Mq5.lines;
import static io.billow.product.rocketmq5.Mq5.used;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One hour of each serverless edition, billed by hand (domain.md §6, seed 002; the sample prices
 * of catalog/rocketmq-5.yaml, USD): topics per second with no quota for Standard/Professional,
 * topics and groups together above the instance type's free quota, split exactly where the count crosses it,
 * online clients on the hour's peak above their quota, PrivateLink for the consumer-model
 * editions only, message requests by the month's tier; then reserved + elastic below, at and above
 * the reserved capacity, and the client-surge warning.
 */
class RocketMq5BillingTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-03-01T00:00:00Z"));

    /** Moves the clock to the next whole hour, where each test's hour starts: its own period, whatever ran before. */
    private static Instant atNextHour() {
        Instant h = Mq5.nextHour(SERVER.now());
        SERVER.clockTo(h);
        return h;
    }

    @Test
    void standardBillsTopicsItsEndpointItsTrafficAndRequestsByTheMonthsTier() {
        ApiClient api = SERVER.newTenant("USD", "1000").api();
        Instant h = atNextHour();
        String id = Mq5.create(api, "Standard", "serverless.standard");
        List<JsonNode> endpoints = endpoints(api, id);
        assertThat(endpoints).singleElement().satisfies(e -> {
            assertThat(e.get("status").asText()).isEqualTo("Active");
            assertThat(e.get("billingModel").asText()).isEqualTo("consumer");
            assertThat(e.get("endpointUrl").asText()).isEqualTo(id + "-vpc.cn-hangzhou.rmq.aliyuncs.com:8080");
        });
        String ep = endpoints.get(0).get("endpointId").asText();
        hold(api, id, "topics", "t", 1, 3);
        SERVER.clockTo(h.plusSeconds(600));
        used(api, id, "{\"eventId\":\"s1\",\"endpointId\":\"" + ep + "\",\"counts\":{\"privatelink_gb\":2.5,\"message_requests\":150000000}}");
        SERVER.clockTo(h.plusSeconds(1800));
        hold(api, id, "topics", "t", 4, 4);
        SERVER.clockTo(h.plusSeconds(3600 + 600));
        used(api, id, "{\"eventId\":\"s2\",\"endpointId\":\"" + ep + "\",\"counts\":{\"message_requests\":10000000}}");
        SERVER.clockTo(h.plusSeconds(7200 + 1));

        JsonNode first = bill(api, id, h);
        // 3 topics × 3,600 s + 1 × 1,800 s = 12,600 topic-s at 0.02 an hour; the month's first 100 M requests at 0.30 per
        // million, the next 50 M at 0.24; 2.5 GB through the endpoint at 0.01.
        assertThat(lines(first)).containsExactlyInAnyOrder(
                "topics Standard 12600 × 0.02 = 0.070000",
                "privatelink_endpoint * 3600 × 0.01 = 0.010000",
                "privatelink_traffic * 2.5 × 0.01 = 0.025000",
                "message_requests Standard 100000000 × 0.30 = 30.000000",
                "message_requests Standard 50000000 × 0.24 = 12.000000");
        assertThat(first.get("payable").asText()).isEqualTo("42.10");
        JsonNode second = bill(api, id, h.plusSeconds(3600));
        // The month is past 100 M requests: the next hour's 10 M are all in the second tier.
        assertThat(lines(second)).containsExactlyInAnyOrder(
                "topics Standard 14400 × 0.02 = 0.080000",
                "privatelink_endpoint * 3600 × 0.01 = 0.010000",
                "message_requests Standard 10000000 × 0.24 = 2.400000");
        assertThat(second.get("payable").asText()).as("44.595 so far → 44.59, less 42.10 already payable").isEqualTo("2.49");
    }

    @Test
    void professionalBillsTopicsAtItsHigherPriceAndNoClients() {
        ApiClient api = SERVER.newTenant("USD", "1000").api();
        Instant h = atNextHour();
        String id = Mq5.create(api, "Professional", "serverless.professional");
        String ep = endpoints(api, id).get(0).get("endpointId").asText();
        hold(api, id, "topics", "t", 1, 2);
        SERVER.clockTo(h.plusSeconds(1200));
        used(api, id, "{\"eventId\":\"p1\",\"endpointId\":\"" + ep + "\",\"counts\":{\"privatelink_gb\":1,\"message_requests\":1000000}}");
        SERVER.clockTo(h.plusSeconds(3601));
        assertThat(lines(bill(api, id, h))).containsExactlyInAnyOrder(
                "topics Professional 7200 × 0.03 = 0.060000",
                "privatelink_endpoint * 3600 × 0.01 = 0.010000",
                "privatelink_traffic * 1 × 0.01 = 0.010000",
                "message_requests Professional 1000000 × 0.45 = 0.450000");
    }

    @Test
    void sharedBillsItsInstanceFeeResourcesAboveTheQuotaFromTheSecondTheyCrossItAndThePeakClients() {
        ApiClient api = SERVER.newTenant("USD", "1000").api();
        Instant h = atNextHour();
        String id = Mq5.create(api, "Shared", "shared.s1");
        List<JsonNode> endpoints = endpoints(api, id);
        assertThat(endpoints).singleElement().satisfies(e -> assertThat(e.get("billingModel").asText()).isEqualTo("provider"));
        String ep = endpoints.get(0).get("endpointId").asText();
        hold(api, id, "topics", "t", 1, 60);
        hold(api, id, "groups", "g", 1, 40);
        used(api, id, "{\"eventId\":\"c0\",\"levels\":{\"clients\":300}}");
        SERVER.clockTo(h.plusSeconds(600));
        used(api, id, "{\"eventId\":\"c1\",\"levels\":{\"clients\":800}}");
        SERVER.clockTo(h.plusSeconds(1200));
        used(api, id, "{\"eventId\":\"c2\",\"levels\":{\"clients\":520}}");
        used(api, id, "{\"eventId\":\"m1\",\"endpointId\":\"" + ep + "\",\"counts\":{\"message_requests\":2000000,\"privatelink_gb\":5}}");
        SERVER.clockTo(h.plusSeconds(1800));
        hold(api, id, "topics", "t", 61, 62);
        SERVER.clockTo(h.plusSeconds(2700));
        hold(api, id, "groups", "g", 41, 41);
        SERVER.clockTo(h.plusSeconds(3601));

        JsonNode b = bill(api, id, h);
        // shared.s1 holds 100 topics and groups together free: 60 + 40 until 00:30, then 102 (2 above) for 900 s and 103
        // (3 above) for 900 s = 4,500 resource-s at 0.004 an hour; the peak of 800 clients is 300 above the 500 free, billed
        // as 300 client-hours; its own endpoint and the traffic through it are free.
        assertThat(lines(b)).containsExactlyInAnyOrder(
                "instance_fee shared.s1 3600 × 0.05 = 0.050000",
                "resources shared.s1 4500 × 0.004 = 0.005000",
                "clients shared.s1 1080000 × 0.0005 = 0.150000",
                "message_requests Shared 2000000 × 0.20 = 0.400000");
        assertThat(b.get("payable").asText()).isEqualTo("0.60");
        assertThat(b.get("roundingDiscount").asText()).isEqualTo("0.005000");
    }

    @Test
    void dedicatedHasNoInstanceFeeAndBillsClientsAboveItsLargerQuota() {
        ApiClient api = SERVER.newTenant("USD", "1000").api();
        Instant h = atNextHour();
        String id = Mq5.create(api, "Dedicated", "dedicated.d1");
        hold(api, id, "topics", "t", 1, 10);
        hold(api, id, "groups", "g", 1, 5);
        used(api, id, "{\"eventId\":\"d0\",\"levels\":{\"clients\":19000}}");
        SERVER.clockTo(h.plusSeconds(1800));
        used(api, id, "{\"eventId\":\"d1\",\"levels\":{\"clients\":21000},\"counts\":{\"message_requests\":4000000}}");
        SERVER.clockTo(h.plusSeconds(3601));
        // 21,000 clients at the peak, 1,000 above the 20,000 free of dedicated.d1; 10 topics and 5 groups are within quota.
        assertThat(lines(bill(api, id, h))).containsExactlyInAnyOrder(
                "clients dedicated.d1 3600000 × 0.0005 = 0.500000",
                "message_requests Dedicated 4000000 × 0.15 = 0.600000");
        assertThat(Mq5.events(api, id, UsageWarnings.CLIENT_SURGE)).as("21,000 is not three times 19,000").isEmpty();
    }

    @Test
    void reservedCapacityBillsEveryHourAndOnlyRequestsAboveItAsElastic() {
        ApiClient api = SERVER.newTenant("USD", "1000").api();
        Instant h = atNextHour();
        String id = Mq5.created(api.post("/api/v1/instances", Mq5.body("Shared", "shared.s1",
                "{\"capacityType\":\"reserved\",\"reservedCapacity\":\"100\"}")));
        assertThat(api.get("/api/v1/instances/" + id).body().get("attributes").get("capacityType").asText()).isEqualTo("reserved");
        // 100 requests a second reserved: 360,000 requests in each hour are covered.
        SERVER.clockTo(h.plusSeconds(900));
        used(api, id, "{\"eventId\":\"below\",\"counts\":{\"message_requests\":300000}}");
        SERVER.clockTo(h.plusSeconds(3600 + 900));
        used(api, id, "{\"eventId\":\"at\",\"counts\":{\"message_requests\":360000}}");
        SERVER.clockTo(h.plusSeconds(7200 + 900));
        used(api, id, "{\"eventId\":\"above-1\",\"counts\":{\"message_requests\":200000}}");
        SERVER.clockTo(h.plusSeconds(7200 + 1800));
        used(api, id, "{\"eventId\":\"above-2\",\"counts\":{\"message_requests\":200000}}");
        SERVER.clockTo(h.plusSeconds(3 * 3600 + 1));

        String reserved = "reserved_capacity Shared 360000 × 0.0002 = 0.020000";
        assertThat(lines(bill(api, id, h))).as("below: the reservation only, and no instance fee").containsExactly(reserved);
        assertThat(lines(bill(api, id, h.plusSeconds(3600)))).as("at the capacity").containsExactly(reserved);
        assertThat(lines(bill(api, id, h.plusSeconds(7200)))).as("400,000 − 360,000 = 40,000 elastic at 0.25 per million")
                .containsExactlyInAnyOrder(reserved, "elastic_requests Shared 40000 × 0.25 = 0.010000");
    }

    @Test
    void anOnlineClientCountJumpingFarAboveItsRecentLevelRaisesAWarning() {
        ApiClient api = SERVER.newTenant("USD", "1000").api();
        String id = Mq5.create(api, "Shared", "shared.s2");
        used(api, id, "{\"eventId\":\"a\",\"levels\":{\"clients\":40}}");
        SERVER.clockTo(SERVER.now().plusSeconds(300));
        used(api, id, "{\"eventId\":\"b\",\"levels\":{\"clients\":100}}");
        SERVER.clockTo(SERVER.now().plusSeconds(300));
        used(api, id, "{\"eventId\":\"c\",\"levels\":{\"clients\":400}}");
        SERVER.clockTo(SERVER.now().plusSeconds(300));
        used(api, id, "{\"eventId\":\"d\",\"levels\":{\"clients\":450}}");
        List<JsonNode> surges = Mq5.events(api, id, UsageWarnings.CLIENT_SURGE);
        assertThat(surges).as("100 is under 3 × 40; 400 is 3 × 100 and 300 more; 450 is not 3 × 400").singleElement()
                .satisfies(e -> {
                    assertThat(e.get("data").get("clients").asLong()).isEqualTo(400);
                    assertThat(e.get("data").get("recentPeak").asLong()).isEqualTo(100);
                    assertThat(e.get("data").get("message").asText()).contains("new producer for each message");
                });
    }

    @Test
    void theCatalogShowsTheInstanceTypeTableAndTheRequestTiers() {
        JsonNode catalog = SERVER.operator().get("/api/v1/catalog").body();
        JsonNode mq5 = null;
        for (JsonNode p : catalog.get("products")) {
            mq5 = p.get("code").asText().equals("rocketmq-5") ? p : mq5;
        }
        assertThat(mq5).isNotNull();
        for (JsonNode item : mq5.get("items")) {
            if (item.get("code").asText().equals("clients")) {
                assertThat(item.get("freeQuota").toString())
                        .isEqualTo("{\"dedicated.d1\":20000,\"dedicated.d2\":100000,\"shared.s1\":500,\"shared.s2\":2000}");
            }
        }
        boolean found = false;
        for (JsonNode price : catalog.get("prices")) {
            if (price.get("item").asText().equals("message_requests") && price.get("spec").asText().equals("Standard")
                    && price.get("currency").asText().equals("USD")) {
                found = true;
                assertThat(price.get("unitPrice").asText()).isEqualTo("0.30");
                assertThat(price.get("tiers").toString())
                        .isEqualTo("[{\"above\":\"100000000\",\"unitPrice\":\"0.24\"},{\"above\":\"1000000000\",\"unitPrice\":\"0.18\"}]");
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void aChangeOfInstanceTypeWithinSharedBillsTheOriginalTypeUntilItCompletes() {
        ApiClient api = SERVER.newTenant("USD", "1000").api();
        Instant h = atNextHour();
        String id = Mq5.create(api, "Shared", "shared.s1");
        SERVER.clockTo(h.plusSeconds(1200));
        ApiClient.Response scaling = api.post("/api/v1/instances/" + id + "/changes", "{\"action\":\"modifySpec\",\"instanceClass\":\"shared.s2\"}");
        assertThat(scaling.status()).as(scaling.body().toString()).isEqualTo(202);
        assertThat(api.post("/api/v1/instances/" + id + "/changes", "{\"action\":\"modifySpec\",\"instanceClass\":\"dedicated.d1\"}")
                .code()).as("a type of another edition").isEqualTo("IncorrectTargetClasscode");
        SERVER.clockTo(h.plusSeconds(3601));
        // shared.s1 until the change completes 300 s after 00:20 (1,500 s at 0.05), shared.s2 for the remaining 2,100 s at 0.15.
        assertThat(lines(bill(api, id, h))).containsExactlyInAnyOrder("instance_fee shared.s1 1500 × 0.05 = 0.020833",
                "instance_fee shared.s2 2100 × 0.15 = 0.087500");
    }

    @Test
    void aYuanAccountBuysEveryEditionAndACurrencyWithoutPricesIsRefused() {
        ApiClient yuan = SERVER.newTenant("CNY", "1000").api();
        for (String[] e : new String[][]{{"Standard", "serverless.standard"}, {"Professional", "serverless.professional"},
                {"Shared", "shared.s2"}, {"Dedicated", "dedicated.d2"}}) {
            Mq5.create(yuan, e[0], e[1]);
        }
        ApiClient euro = SERVER.newTenant("EUR", "1000").api();
        ApiClient.Response r = euro.post("/api/v1/instances", Mq5.body("Shared", "shared.s1", null));
        assertThat(r.code()).isEqualTo("InvalidParameter.PriceNotFound");
        assertThat(euro.get("/api/v1/instances").body().get("instances")).isEmpty();
    }

    @Test
    void aLateReportMovesTheMonthsTiersAndEverySettledHourAfterItIsAdjusted() {
        ApiClient api = SERVER.newTenant("USD", "1000").api();
        Instant h = atNextHour();
        String id = Mq5.create(api, "Standard", "serverless.standard");
        SERVER.clockTo(h.plusSeconds(3600 + 600));
        used(api, id, "{\"eventId\":\"on-time\",\"counts\":{\"message_requests\":150000000}}");
        SERVER.clockTo(h.plusSeconds(7200 + 60));
        used(api, id, "{\"eventId\":\"late\",\"at\":\"" + h.plusSeconds(600) + "\",\"counts\":{\"message_requests\":50000000}}");
        SERVER.clockTo(h.plusSeconds(3 * 3600 + 60));
        // The late 50 M are the month's first: +15.00 for the first hour; the second hour's 150 M now start at the
        // 50,000,001st request: 50 M fewer at 0.30 and 50 M more at 0.24 than billed. Settled bills stay as they were.
        assertThat(lines(bill(api, id, h.plusSeconds(3600)))).contains("message_requests Standard 100000000 × 0.30 = 30.000000",
                "message_requests Standard 50000000 × 0.24 = 12.000000");
        assertThat(lines(bill(api, id, h.plusSeconds(7200)))).containsExactlyInAnyOrder(
                "privatelink_endpoint * 3600 × 0.01 = 0.010000",
                "message_requests Standard 50000000 × 0.30 = 15.000000",
                "message_requests Standard -50000000 × 0.30 = -15.000000",
                "message_requests Standard 50000000 × 0.24 = 12.000000");
    }
}
