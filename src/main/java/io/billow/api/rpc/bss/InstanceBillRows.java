package io.billow.api.rpc.bss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcResult;
import io.billow.metering.BilledSeconds;
import io.billow.metering.Metered;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rows of QueryInstanceBill: settled hourly bills summed per instance (or per instance and
 * billing item) over a month or a day, or one per hour. Every amount is a sum of stored figures:
 * PretaxGrossAmount the exact line amounts, RoundDownDiscount the cycle's round-down carry (gross
 * less payable), PretaxAmount, PaymentAmount and CashAmount the payable, which settlement took from
 * the balance in cash. Billow grants no invoice discounts, coupons or prepaid cards, and every bill
 * is charged when it is settled, so InvoiceDiscount, the deductions and OutstandingAmount are 0.
 * A billing item's row carries its exact line amounts; the round-down is the instance's row's.
 */
final class InstanceBillRows {

    /** How bills are grouped into rows. */
    enum Granularity { MONTHLY, DAILY, HOURLY }

    /** What a row says of its instance: product code and name, region, zone and class, or nothing for an instance not found. */
    interface Described {
        void describe(String instanceId, ObjectNode row);
    }

    private final Granularity granularity;
    private final boolean byItem;
    private final ZoneOffset offset;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    InstanceBillRows(Granularity granularity, boolean byItem, ZoneOffset offset) {
        this.granularity = granularity;
        this.byItem = byItem;
        this.offset = offset;
    }

    /** Adds a bill with what metering says its period billed (for the seconds of service). */
    void add(ObjectNode bill, Metered metered) {
        String instance = bill.get("instanceId").asText();
        Instant start = Instant.parse(bill.get("periodStart").asText());
        Instant end = Instant.parse(bill.get("periodEnd").asText());
        String hour = granularity == Granularity.HOURLY ? start.toString() : "";
        if (!byItem) {
            row(instance + "|" + hour, instance, null, bill).add(start, end, amount(bill, "gross"), amount(bill, "roundingDiscount"),
                    amount(bill, "payable"), adjustments(bill, null), BilledSeconds.instance(metered));
            return;
        }
        Map<String, Long> seconds = BilledSeconds.perItem(metered);
        for (String item : new TreeSet<>(items(bill))) {
            BigDecimal gross = BigDecimal.ZERO;
            Row row = row(instance + "|" + item + "|" + hour, instance, item, bill);
            for (JsonNode line : bill.get("lines")) {
                if (line.get("item").asText().equals(item)) {
                    gross = gross.add(new BigDecimal(line.get("amount").asText()));
                    row.line(line);
                }
            }
            row.add(start, end, gross, BigDecimal.ZERO, gross, adjustments(bill, item), seconds.getOrDefault(item, 0L));
        }
    }

    List<ObjectNode> rows(Described described) {
        return rows.values().stream().map(r -> r.json(described)).toList();
    }

    /** The SubscriptionType of a row, as BSS filters it. */
    static String subscriptionType(ObjectNode bill) {
        for (JsonNode line : bill.get("lines")) {
            String method = line.get("billingMethod").asText().toLowerCase(java.util.Locale.ROOT);
            if (method.contains("prepaid") || method.contains("subscription")) {
                return "Subscription";
            }
        }
        return "PayAsYouGo";
    }

    private Row row(String key, String instance, String item, ObjectNode bill) {
        return rows.computeIfAbsent(key, k -> new Row(instance, item, bill.get("currency").asText(), subscriptionType(bill)));
    }

    private static List<String> items(ObjectNode bill) {
        return java.util.stream.StreamSupport.stream(bill.get("lines").spliterator(), false).map(l -> l.get("item").asText()).toList();
    }

    private static BigDecimal adjustments(ObjectNode bill, String item) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode line : bill.get("lines")) {
            if (line.get("adjustment").asBoolean() && (item == null || item.equals(line.get("item").asText()))) {
                sum = sum.add(new BigDecimal(line.get("amount").asText()));
            }
        }
        return sum;
    }

    private static BigDecimal amount(ObjectNode bill, String field) {
        return new BigDecimal(bill.get(field).asText());
    }

    /** One row being summed. */
    private final class Row {
        private final String instance;
        private final String item;
        private final String currency;
        private final String subscriptionType;
        private Instant first;
        private Instant last;
        private BigDecimal gross = BigDecimal.ZERO;
        private BigDecimal roundDown = BigDecimal.ZERO;
        private BigDecimal payable = BigDecimal.ZERO;
        private BigDecimal adjusted = BigDecimal.ZERO;
        private BigDecimal usage = BigDecimal.ZERO;
        private long seconds;
        private final TreeSet<String> units = new TreeSet<>();
        private final TreeSet<String> prices = new TreeSet<>();
        private final TreeSet<String> priceUnits = new TreeSet<>();
        private final TreeSet<String> specs = new TreeSet<>();

        Row(String instance, String item, String currency, String subscriptionType) {
            this.instance = instance;
            this.item = item;
            this.currency = currency;
            this.subscriptionType = subscriptionType;
        }

        void add(Instant start, Instant end, BigDecimal gross, BigDecimal roundDown, BigDecimal payable, BigDecimal adjusted, long seconds) {
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || end.isAfter(last) ? end : last;
            this.gross = this.gross.add(gross);
            this.roundDown = this.roundDown.add(roundDown);
            this.payable = this.payable.add(payable);
            this.adjusted = this.adjusted.add(adjusted);
            this.seconds += seconds;
        }

        void line(JsonNode line) {
            usage = usage.add(new BigDecimal(line.get("quantity").asText()));
            units.add(line.get("unit").asText());
            prices.add(line.get("unitPrice").asText());
            priceUnits.add(line.get("priceUnit").asText());
            specs.add(line.get("spec").asText());
        }

        ObjectNode json(Described described) {
            ObjectNode n = RpcResult.newObject().put("InstanceID", instance).put("ProductType", "").put("Item", "PayAsYouGoBill")
                    .put("SubscriptionType", subscriptionType).put("Currency", currency)
                    .put("UsageStartTime", first.toString()).put("UsageEndTime", last.toString())
                    .put("ServicePeriod", String.valueOf(seconds)).put("ServicePeriodUnit", "Second")
                    .put("PretaxGrossAmount", gross).put("InvoiceDiscount", BigDecimal.ZERO).put("RoundDownDiscount", roundDown.toPlainString())
                    .put("DeductedByCoupons", 0).put("DeductedByCashCoupons", 0).put("DeductedByPrepaidCard", 0)
                    .put("PretaxAmount", payable).put("PaymentAmount", payable).put("CashAmount", payable).put("OutstandingAmount", 0)
                    .put("AdjustAmount", adjusted);
            if (granularity != Granularity.MONTHLY) {
                n.put("BillingDate", first.atOffset(offset).toLocalDate().toString());
            }
            if (item != null) {
                n.put("BillingItem", item).put("InstanceConfig", String.join(",", specs));
                if (units.size() == 1) {
                    n.put("Usage", usage.toPlainString()).put("UsageUnit", units.first());
                }
                if (prices.size() == 1 && priceUnits.size() == 1) {
                    n.put("ListPrice", prices.first()).put("ListPriceUnit", priceUnits.first());
                }
            }
            described.describe(instance, n);
            return n;
        }
    }
}
