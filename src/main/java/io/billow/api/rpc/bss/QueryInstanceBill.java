package io.billow.api.rpc.bss;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.api.Choice;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.metering.Meter;
import io.billow.metering.Metered;
import io.billow.settlement.BillQueries;
import io.billow.time.Interval;
import io.billow.timeline.Timeline;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QueryInstanceBill: the settled bills of a billing cycle (BillingCycle yyyy-MM, the calendar month
 * at the account's standard offset, as Billow's rounding cycle is). Granularity MONTHLY (the
 * default) gives one row per instance for the month, DAILY one per instance for BillingDate, and
 * Billow's HOURLY one per settled hour; IsBillingItem=true splits each row by billing item.
 * ServicePeriod is the seconds the rows' bills charged time for, as metering counts them.
 *
 * <p>Rows carry their exact span as UsageStartTime and UsageEndTime, and the round-down carry as
 * RoundDownDiscount (the field QueryBill has), Billow's additions.
 */
final class QueryInstanceBill implements RpcAction {

    private static final Choice<InstanceBillRows.Granularity> GRANULARITY = Choice.parsedBy(
            v -> InstanceBillRows.Granularity.valueOf(v.toUpperCase(java.util.Locale.ROOT)), "InvalidParameter", "MONTHLY, DAILY, HOURLY");

    private final Jdbi jdbi;
    private final AccountStore accounts;
    private final Catalog catalog;

    QueryInstanceBill(Jdbi jdbi, AccountStore accounts, Catalog catalog) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        RpcParameters p = call.parameters();
        YearMonth month = p.requiredMonth("BillingCycle");
        BssAnswer.Page page = BssAnswer.page(p);
        InstanceBillRows.Granularity granularity = GRANULARITY.optional("Granularity", p.optional("Granularity").orElse(null))
                .orElse(InstanceBillRows.Granularity.MONTHLY);
        Optional<LocalDate> day = billingDate(p, month, granularity);
        Optional<String> product = p.optional("ProductCode");
        Optional<String> subscription = p.optional("SubscriptionType");
        Account account = accounts.get(call.accountId());
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(account.standardOffsetSeconds());
        LocalDate first = day.orElse(month.atDay(1));
        LocalDate after = day.map(d -> d.plusDays(1)).orElse(month.plusMonths(1).atDay(1));
        Instant from = first.atStartOfDay().toInstant(offset);
        Instant to = after.atStartOfDay().toInstant(offset);
        InstanceBillRows rows = new InstanceBillRows(granularity, p.optionalBoolean("IsBillingItem").orElse(false), offset);
        Map<String, Optional<Instance>> instances = new HashMap<>();
        jdbi.useHandle(h -> {
            Map<String, Timeline> timelines = new HashMap<>();
            for (ObjectNode bill : BillQueries.bills(h, call.accountId(), p.optional("InstanceID").orElse(null), from, to, BillQueries.MAX_BILLS)) {
                String id = bill.get("instanceId").asText();
                Optional<Instance> instance = instances.computeIfAbsent(id, i -> InstanceStore.find(h, null, i));
                String code = instance.map(i -> BssAnswer.productCode(i.product())).orElse("");
                if (product.filter(c -> !c.equals(code)).isPresent()
                        || subscription.filter(type -> !type.equals(InstanceBillRows.subscriptionType(bill))).isPresent()) {
                    continue;
                }
                rows.add(bill, metered(instance, bill, timelines.computeIfAbsent(id, i -> InstanceStore.timeline(h, i)), account));
            }
        });
        List<ObjectNode> items = rows.rows((id, row) -> describe(instances.get(id), row));
        ObjectNode out = BssAnswer.success();
        ObjectNode data = out.putObject("Data").put("BillingCycle", month.toString()).put("AccountID", call.accountId())
                .put("AccountName", account.name()).put("PageNum", page.number()).put("PageSize", page.size()).put("TotalCount", items.size());
        ArrayNode list = data.putObject("Items").putArray("Item");
        items.stream().skip(page.skip()).limit(page.size()).forEach(list::add);
        return RpcResult.of(out);
    }

    /** BillingDate (yyyy-MM-dd) is required with DAILY, inside the cycle, and means nothing otherwise. */
    private static Optional<LocalDate> billingDate(RpcParameters p, YearMonth month, InstanceBillRows.Granularity granularity) {
        Optional<String> text = p.optional("BillingDate");
        if (granularity != InstanceBillRows.Granularity.DAILY) {
            if (text.isPresent()) {
                throw new RpcFailure(RpcError.invalidParameter("BillingDate", "It is given with Granularity DAILY only."));
            }
            return Optional.empty();
        }
        if (text.isEmpty()) {
            throw new RpcFailure(RpcError.missingParameter("BillingDate"));
        }
        try {
            LocalDate date = LocalDate.parse(text.get());
            if (!YearMonth.from(date).equals(month)) {
                throw new RpcFailure(RpcError.invalidParameter("BillingDate", "It must be a day of the BillingCycle " + month + "."));
            }
            return Optional.of(date);
        } catch (DateTimeParseException notADate) {
            throw new RpcFailure(RpcError.invalidParameter("BillingDate", "It must be a date such as " + month.atDay(1) + "."));
        }
    }

    /** What the bill's period accrued, metered again from the timeline as settlement metered it; nothing for an unknown product. */
    private Metered metered(Optional<Instance> instance, ObjectNode bill, Timeline timeline, Account account) {
        Interval period = Interval.of(Instant.parse(bill.get("periodStart").asText()), Instant.parse(bill.get("periodEnd").asText()));
        Optional<Product> product = instance.flatMap(i -> catalog.product(i.product()));
        return product.map(pr -> Meter.measure(timeline, pr, period, account.settlementZone()))
                .orElseGet(() -> new Metered(bill.get("instanceId").asText(), period, List.of(), false));
    }

    private void describe(Optional<Instance> instance, ObjectNode row) {
        row.put("ProductCode", instance.map(i -> BssAnswer.productCode(i.product())).orElse(""));
        instance.ifPresent(i -> row.put("ProductName", catalog.product(i.product()).map(Product::name).orElse(i.product()))
                .put("Region", i.region()).put("Zone", i.zoneId()).put("InstanceSpec", i.instanceClass()));
    }
}
