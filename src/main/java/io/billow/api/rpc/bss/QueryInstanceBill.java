package io.billow.api.rpc.bss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.settlement.BillQueries;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QueryInstanceBill: the settled hourly bills of a billing cycle (BillingCycle yyyy-MM, the
 * calendar month at the account's standard offset, as Billow's monthly cycle is), one item per
 * bill, or one per bill line with IsBillingItem=true. InstanceID narrows to one instance.
 *
 * <p>Items carry the exact period as UsageStartTime and UsageEndTime, Billow's addition: BSS
 * items have only a BillingDate, and an hourly bill needs its hour.
 */
final class QueryInstanceBill implements RpcAction {

    private final Jdbi jdbi;
    private final AccountStore accounts;

    QueryInstanceBill(Jdbi jdbi, AccountStore accounts) {
        this.jdbi = jdbi;
        this.accounts = accounts;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        RpcParameters p = call.parameters();
        YearMonth month = p.requiredMonth("BillingCycle");
        String cycle = month.toString();
        BssAnswer.Page page = BssAnswer.page(p);
        boolean byItem = p.optionalBoolean("IsBillingItem").orElse(false);
        Optional<String> product = p.optional("ProductCode");
        Optional<String> subscription = p.optional("SubscriptionType");
        Account account = accounts.get(call.accountId());
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(account.standardOffsetSeconds());
        Instant from = month.atDay(1).atStartOfDay().toInstant(offset);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(offset);
        List<ObjectNode> items = new ArrayList<>();
        jdbi.useHandle(h -> {
            Map<String, Optional<Instance>> instances = new HashMap<>();
            for (ObjectNode bill : BillQueries.bills(h, call.accountId(), p.optional("InstanceID").orElse(null), from, to, BillQueries.MAX_BILLS)) {
                Optional<Instance> instance = instances.computeIfAbsent(bill.get("instanceId").asText(), id -> InstanceStore.find(h, null, id));
                ObjectNode common = common(bill, instance, offset);
                if (product.filter(code -> !code.equals(common.get("ProductCode").asText())).isPresent()
                        || subscription.filter(type -> !type.equals(common.get("SubscriptionType").asText())).isPresent()) {
                    continue;
                }
                if (byItem) {
                    for (JsonNode line : bill.get("lines")) {
                        items.add(line(common, line));
                    }
                } else {
                    items.add(common.put("PretaxGrossAmount", amount(bill, "gross")).put("InvoiceDiscount", amount(bill, "roundingDiscount"))
                            .put("PretaxAmount", amount(bill, "payable")).put("PaymentAmount", amount(bill, "payable")));
                }
            }
        });
        ObjectNode out = BssAnswer.success();
        ObjectNode data = out.putObject("Data").put("BillingCycle", cycle).put("AccountID", call.accountId())
                .put("PageNum", page.number()).put("PageSize", page.size()).put("TotalCount", items.size());
        ArrayNode list = data.putObject("Items").putArray("Item");
        items.stream().skip(page.skip()).limit(page.size()).forEach(list::add);
        return RpcResult.of(out);
    }

    private static ObjectNode common(ObjectNode bill, Optional<Instance> instance, ZoneOffset offset) {
        Instant start = Instant.parse(bill.get("periodStart").asText());
        Instant end = Instant.parse(bill.get("periodEnd").asText());
        ObjectNode n = RpcResult.newObject().put("InstanceID", bill.get("instanceId").asText())
                .put("BillingDate", start.atOffset(offset).toLocalDate().toString())
                .put("UsageStartTime", start.toString()).put("UsageEndTime", end.toString())
                .put("ServicePeriod", String.valueOf(end.getEpochSecond() - start.getEpochSecond())).put("ServicePeriodUnit", "Second")
                .put("Currency", bill.get("currency").asText())
                .put("SubscriptionType", subscriptionType(bill))
                .put("DeductedByCoupons", 0).put("DeductedByCashCoupons", 0).put("DeductedByPrepaidCard", 0);
        instance.ifPresent(i -> n.put("ProductCode", BssAnswer.productCode(i.product())).put("Region", i.region()).put("Zone", i.zoneId())
                .put("InstanceSpec", i.instanceClass()));
        if (!n.has("ProductCode")) {
            n.put("ProductCode", "");
        }
        return n;
    }

    private static ObjectNode line(ObjectNode common, JsonNode line) {
        BigDecimal amount = new BigDecimal(line.get("amount").asText());
        // A line's amount is exact to 6 decimals; the payable, rounded down per cycle, is the bill's.
        return common.deepCopy().put("BillingItem", line.get("item").asText()).put("Item", line.get("spec").asText())
                .put("Usage", line.get("quantity").asText()).put("UsageUnit", line.get("unit").asText())
                .put("ListPrice", line.get("unitPrice").asText()).put("ListPriceUnit", line.get("priceUnit").asText())
                .put("PretaxGrossAmount", amount).put("PretaxAmount", amount).put("PaymentAmount", amount);
    }

    /** BSS knows two kinds: paid in advance (Subscription) or after use (PayAsYouGo, which serverless is). */
    private static String subscriptionType(ObjectNode bill) {
        for (JsonNode line : bill.get("lines")) {
            String method = line.get("billingMethod").asText().toLowerCase(java.util.Locale.ROOT);
            if (method.contains("prepaid") || method.contains("subscription")) {
                return "Subscription";
            }
        }
        return "PayAsYouGo";
    }

    private static BigDecimal amount(ObjectNode bill, String field) {
        return new BigDecimal(bill.get(field).asText());
    }
}
