package io.billow.simulation;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bills of one instance against its timeline: each period once, none after release, none missing, seconds exact. */
final class BillChecks {

    private static final long HOUR = 3600;
    /** Per-second items whose quantity the timeline alone decides: seconds (compute) or GB-seconds (storage). */
    private static final Map<String, Boolean> ITEMS_BY_STORAGE = Map.of("compute", false, "storage", true);

    private final JsonNode instance;
    private final List<JsonNode> bills;
    private final BillableSeconds seconds;
    private final Map<String, Set<String>> statesBilling;
    private final Instant settledThrough;

    BillChecks(JsonNode instance, List<JsonNode> bills, BillableSeconds seconds, Map<String, Set<String>> statesBilling, Instant settledThrough) {
        this.instance = instance;
        this.bills = bills;
        this.seconds = seconds;
        this.statesBilling = statesBilling;
        this.settledThrough = settledThrough;
    }

    void check(List<String> broken) {
        String id = instance.get("instanceId").asText();
        Instant released = instance.hasNonNull("releasedAt") ? Instant.parse(instance.get("releasedAt").asText()) : null;
        Set<Instant> periods = new HashSet<>();
        for (JsonNode b : bills) {
            Instant start = Instant.parse(b.get("periodStart").asText());
            Instant end = Instant.parse(b.get("periodEnd").asText());
            if (!periods.add(start)) {
                broken.add("instance " + id + " has two bills for the period from " + start);
            }
            if (released != null && !start.isBefore(released)) {
                broken.add("instance " + id + " released at " + released + " has a bill for the period from " + start);
            }
            checkQuantities(id, b, start, end, broken);
        }
        checkNoneMissing(id, periods, broken);
    }

    /** Compute seconds (RDS: one node) and storage GB-seconds of pay-as-you-go lines equal what the timeline bills. */
    private void checkQuantities(String id, JsonNode bill, Instant start, Instant end, List<String> broken) {
        for (Map.Entry<String, Boolean> item : ITEMS_BY_STORAGE.entrySet()) {
            if (item.getKey().equals("compute") && !instance.get("product").asText().equals(Driver.RDS)) {
                continue; // warehouses bill compute per node, and the node count is not on the timeline
            }
            BigDecimal billed = BigDecimal.ZERO;
            for (JsonNode line : bill.get("lines")) {
                if (line.get("item").asText().equals(item.getKey()) && line.get("billingMethod").asText().equals("PayAsYouGo")
                        && !line.get("adjustment").asBoolean()) {
                    billed = billed.add(new BigDecimal(line.get("quantity").asText()));
                }
            }
            long expected = seconds.seconds(start, end, "PAY_AS_YOU_GO", item.getKey(), statesBilling, item.getValue());
            if (billed.compareTo(BigDecimal.valueOf(expected)) != 0) {
                broken.add("instance " + id + ", period from " + start + ": " + item.getKey() + " billed " + billed.toPlainString()
                        + " but the timeline's billable states make " + expected);
            }
        }
    }

    /** Every settled hour in which the instance lived by the hour has its bill. */
    private void checkNoneMissing(String id, Set<Instant> periods, List<String> broken) {
        if (seconds.first() == null) {
            return;
        }
        long from = seconds.first().getEpochSecond() / HOUR * HOUR;
        for (long h = from; h + HOUR <= settledThrough.getEpochSecond(); h += HOUR) {
            Instant start = Instant.ofEpochSecond(h);
            Instant end = start.plusSeconds(HOUR);
            long hourly = seconds.aliveUnder(start, end, "PAY_AS_YOU_GO") + seconds.aliveUnder(start, end, "SERVERLESS");
            if (hourly > 0 && !periods.contains(start)) {
                broken.add("instance " + id + " lived " + hourly + " s by the hour in the settled period from " + start + " but has no bill for it");
            }
        }
    }
}
