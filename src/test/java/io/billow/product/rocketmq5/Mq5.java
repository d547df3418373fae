package io.billow.product.rocketmq5;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Native-API steps the RocketMQ 5.x tests share: create, hold resources, report usage, read bills. */
final class Mq5 {

    private Mq5() {
    }

    static String body(String edition, String instanceType, String options) {
        return "{\"product\":\"rocketmq-5\",\"region\":\"cn-hangzhou\",\"edition\":\"" + edition + "\",\"instanceClass\":\"" + instanceType
                + "\",\"billingMethod\":\"PayAsYouGo\"" + (options == null ? "" : ",\"options\":" + options) + "}";
    }

    static String create(ApiClient api, String edition, String instanceType) {
        return created(api.post("/api/v1/instances", body(edition, instanceType, null)));
    }

    static String created(ApiClient.Response r) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().get("instanceId").asText();
    }

    /** Creates {@code n} resources of a kind named prefix-1..n. */
    static void hold(ApiClient api, String id, String kind, String prefix, int from, int to) {
        for (int n = from; n <= to; n++) {
            ApiClient.Response r = api.post("/api/v1/instances/" + id + "/" + kind, "{\"name\":\"" + prefix + n + "\"}");
            assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        }
    }

    static ApiClient.Response usage(ApiClient api, String id, String json) {
        return api.post("/api/v1/instances/" + id + "/usage", json);
    }

    static void used(ApiClient api, String id, String json) {
        ApiClient.Response r = usage(api, id, json);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    }

    static List<JsonNode> endpoints(ApiClient api, String id) {
        ApiClient.Response r = api.get("/api/v1/instances/" + id + "/endpoints");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.body().get("endpoints").forEach(out::add);
        return out;
    }

    static JsonNode bill(ApiClient api, String id, Instant periodStart) {
        for (JsonNode b : api.get("/api/v1/bills?instanceId=" + id).body().get("bills")) {
            if (b.get("periodStart").asText().equals(periodStart.toString())) {
                return b;
            }
        }
        throw new AssertionError("no bill of " + id + " for the period starting " + periodStart);
    }

    /** The bill's lines as "item spec quantity unitPrice amount", in bill order. */
    static List<String> lines(JsonNode bill) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : bill.get("lines")) {
            out.add(l.get("item").asText() + " " + l.get("spec").asText() + " " + l.get("quantity").asText() + " × "
                    + l.get("unitPrice").asText() + " = " + l.get("amount").asText());
        }
        return out;
    }

    static JsonNode line(JsonNode bill, String item) {
        for (JsonNode l : bill.get("lines")) {
            if (l.get("item").asText().equals(item)) {
                return l;
            }
        }
        throw new AssertionError("no " + item + " line in " + bill);
    }

    static List<JsonNode> events(ApiClient api, String id, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : api.get("/api/v1/events?instanceId=" + id).body().get("events")) {
            if (e.get("type").asText().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    static Instant nextHour(Instant now) {
        return Instant.ofEpochSecond((now.getEpochSecond() / 3600 + 1) * 3600);
    }
}
