package io.billow.rating;

import io.billow.catalog.BillingItem;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Granularity;
import io.billow.catalog.PriceBook;
import io.billow.catalog.PriceEntry;
import io.billow.catalog.QuotaScope;
import io.billow.metering.Accrual;
import io.billow.metering.Metered;
import io.billow.money.Rounding;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices what metering measured: quantities × the price book → bill lines, one per
 * (item, spec, billing method, price entry), each amount computed in a single division.
 * Pure: the same inputs always give the same lines.
 */
public final class Rater {

    private static final BigDecimal HOUR_SECONDS = BigDecimal.valueOf(3600);

    private final PriceBook prices;

    public Rater(PriceBook prices) {
        this.prices = prices;
    }

    /** Where an instance is priced: product, region and the account's currency. */
    public record Pricing(String product, String region, String currency) {
    }

    /**
     * Rates one period.
     *
     * @param usedThisCycle for COUNT items: quantity already used this month against the free quota, by item
     */
    public List<BillLine> rate(Metered metered, Pricing pricing, Map<String, BigDecimal> usedThisCycle) {
        return rate(metered, pricing, usedThisCycle, Map.of());
    }

    /**
     * Rates one period whose usage draws on an account-wide quota.
     *
     * @param freeByEvent for COUNT items whose quota the account shares: the free part the
     *                    account's allocation gave each usage event, by the event's index in the timeline
     *                    (see {@link QuotaGrants}); such an event without one is a fault, never a guess
     */
    public List<BillLine> rate(Metered metered, Pricing pricing, Map<String, BigDecimal> usedThisCycle,
                               Map<Integer, BigDecimal> freeByEvent) {
        List<LineSum> lines = new ArrayList<>(4);
        Map<BillingItem, List<Accrual>> hourly = null;
        Map<BillingItem, List<Accrual>> counted = null;
        List<PriceBook.Span> spans = new ArrayList<>(2);
        for (Accrual a : metered.accruals()) {
            Granularity g = a.item().granularity();
            if (g == Granularity.SECOND || (g == Granularity.HOUR && metered.methodChanged())) {
                PriceEntry[] versions = versions(a, pricing);
                if (versions.length == 1 && versions[0].effectiveFrom().getEpochSecond() <= a.start()) {
                    // One version covers the whole stretch: the common case, without splitting.
                    sum(lines, a, versions[0]).add(a.rate().multiply(BigDecimal.valueOf(a.end() - a.start())), a, a.start(), a.end());
                    continue;
                }
                spans.clear();
                PriceBook.split(versions, a.start(), a.end(), spans);
                for (PriceBook.Span span : spans) {
                    PriceEntry entry = require(span.entry(), a, pricing, span.start());
                    BigDecimal quantity = a.rate().multiply(BigDecimal.valueOf(span.end() - span.start()));
                    sum(lines, a, entry).add(quantity, a, span.start(), span.end());
                }
            } else if (g == Granularity.HOUR) {
                hourly = group(hourly, a);
            } else if (g == Granularity.DAY) {
                PriceEntry entry = priceAt(a, pricing, a.end() - 1);
                sum(lines, a, entry).add(a.rate(), a, a.start(), a.end());
            } else if (g == Granularity.COUNT) {
                counted = group(counted, a);
            }
        }
        if (hourly != null) {
            hourly.forEach((item, accruals) -> rateWholeHour(lines, accruals, pricing));
        }
        if (counted != null) {
            counted.forEach((item, accruals) -> rateCounted(lines, item, accruals, pricing, new Cycle(metered, item, usedThisCycle),
                    freeByEvent));
        }
        List<BillLine> result = new ArrayList<>(lines.size());
        for (LineSum line : lines) {
            result.add(line.toLine());
        }
        return result;
    }

    /** Convenience: rate and total one period at the start of a fresh cycle. */
    public PeriodBill bill(Metered metered, Pricing pricing, CycleTotals before) {
        return PeriodBill.of(metered.instanceId(), metered.period(), pricing.currency(), rate(metered, pricing, Map.of()), before);
    }

    /**
     * HOUR items: any accruing second bills the whole hour, at the highest rate × price seen in the
     * period, or, for an item billed at its last second, at the configuration of the last accrual.
     */
    private void rateWholeHour(List<LineSum> lines, List<Accrual> accruals, Pricing pricing) {
        Accrual best = null;
        PriceEntry bestEntry = null;
        BigDecimal bestValue = null;
        boolean atLast = accruals.get(0).item().conditions().hourAtLast();
        for (Accrual a : accruals) {
            PriceEntry entry = priceAt(a, pricing, a.end() - 1);
            BigDecimal value = a.rate().multiply(entry.unitPrice());
            if (bestValue == null || (atLast ? a.end() >= best.end() : value.compareTo(bestValue) >= 0)) {
                best = a;
                bestEntry = entry;
                bestValue = value;
            }
        }
        LineSum sum = sum(lines, best, bestEntry);
        sum.quantity = best.rate().multiply(HOUR_SECONDS);
        for (Accrual a : accruals) {
            sum.parts.add(new Explanation.Part(a.start(), a.end(), a.rate(), a.eventIndex()));
        }
    }

    /**
     * Where a COUNT item stands before the period: the quantity used in the cycle so far (the
     * caller's figure, else what metering found on the timeline) and the period's allowance.
     */
    private record Cycle(BigDecimal used, BigDecimal allowance) {

        Cycle(Metered metered, BillingItem item, Map<String, BigDecimal> usedThisCycle) {
            this(usedThisCycle.getOrDefault(item.code(), metered.cycleUsage().getOrDefault(item.code(), BigDecimal.ZERO)),
                    metered.allowances().getOrDefault(item.code(), BigDecimal.ZERO));
        }
    }

    /**
     * COUNT items: reported usage, in report order, after what is left of the monthly free quota
     * and then of the period's allowance; what remains is charged at the tier its place in the
     * month's usage falls in (the free part of a report is its first part).
     */
    private void rateCounted(List<LineSum> lines, BillingItem item, List<Accrual> accruals, Pricing pricing, Cycle cycle,
                             Map<Integer, BigDecimal> freeByEvent) {
        BigDecimal used = cycle.used();
        BigDecimal allowanceLeft = cycle.allowance();
        boolean accountWide = item.quotaScope() == QuotaScope.ACCOUNT;
        for (Accrual a : accruals) {
            BigDecimal free;
            if (accountWide) {
                free = freeByEvent.get(a.eventIndex());
                if (free == null) {
                    throw new IllegalStateException("usage event " + a.eventIndex() + " of " + metered(a) + " draws on the account's "
                            + item.code() + " quota but was given no allocation");
                }
            } else {
                free = BigDecimal.valueOf(item.freeQuota(a.spec())).subtract(used).max(BigDecimal.ZERO);
            }
            BigDecimal charged = a.rate().subtract(free).max(BigDecimal.ZERO);
            BigDecimal covered = charged.min(allowanceLeft);
            allowanceLeft = allowanceLeft.subtract(covered);
            charged = charged.subtract(covered);
            BigDecimal from = used.add(a.rate()).subtract(charged);
            used = used.add(a.rate());
            if (charged.signum() > 0) {
                chargeTiers(lines, a, priceAt(a, pricing, a.start()), from, charged);
            }
        }
    }

    /** Charges the units [from, from + quantity) of the month's usage, each tier's part on its own line. */
    private static void chargeTiers(List<LineSum> lines, Accrual a, PriceEntry entry, BigDecimal from, BigDecimal quantity) {
        BigDecimal to = from.add(quantity);
        List<PriceEntry.Tier> tiers = entry.tiers();
        for (int t = 0; t <= tiers.size(); t++) {
            BigDecimal lower = t == 0 ? BigDecimal.ZERO : tiers.get(t - 1).above();
            BigDecimal upper = t == tiers.size() ? to : tiers.get(t).above().min(to);
            BigDecimal part = upper.min(to).subtract(lower.max(from));
            if (part.signum() > 0) {
                sum(lines, a, entry, t).add(part, a, a.start(), a.start());
            }
        }
    }

    private static String metered(Accrual a) {
        return "item " + a.item().code() + " at " + Instant.ofEpochSecond(a.start());
    }

    private PriceEntry[] versions(Accrual a, Pricing p) {
        return prices.versionsFor(p.product(), a.item().code(), p.region(), a.spec(), p.currency());
    }

    private PriceEntry priceAt(Accrual a, Pricing p, long epochSecond) {
        PriceEntry[] v = versions(a, p);
        PriceEntry found = null;
        for (PriceEntry e : v) {
            if (e.effectiveFrom().getEpochSecond() <= epochSecond) {
                found = e;
            }
        }
        return require(found, a, p, epochSecond);
    }

    private static PriceEntry require(PriceEntry entry, Accrual a, Pricing p, long at) {
        if (entry == null) {
            throw new PriceNotFoundException(p.product(), a.item().code(), p.region(), a.spec(), p.currency(), Instant.ofEpochSecond(at));
        }
        return entry;
    }

    private static Map<BillingItem, List<Accrual>> group(Map<BillingItem, List<Accrual>> groups, Accrual a) {
        Map<BillingItem, List<Accrual>> g = groups == null ? new LinkedHashMap<>() : groups;
        g.computeIfAbsent(a.item(), k -> new ArrayList<>()).add(a);
        return g;
    }

    /** The line of (item, spec, method, price entry); an instance has only a handful, so a scan beats a map. */
    private static LineSum sum(List<LineSum> lines, Accrual a, PriceEntry entry) {
        return sum(lines, a, entry, 0);
    }

    /** The line of (item, spec, method, price entry, tier of that entry). */
    private static LineSum sum(List<LineSum> lines, Accrual a, PriceEntry entry, int tier) {
        for (LineSum l : lines) {
            if (l.item == a.item() && l.entry == entry && l.tier == tier && l.method == a.method() && l.spec.equals(a.spec())) {
                return l;
            }
        }
        LineSum l = new LineSum(a.item(), a.spec(), a.method(), entry, tier);
        lines.add(l);
        return l;
    }

    /** A line being summed: quantities add up exactly before the single division. */
    private static final class LineSum {
        final BillingItem item;
        final String spec;
        final BillingMethod method;
        final PriceEntry entry;
        final int tier;
        BigDecimal quantity = BigDecimal.ZERO;
        final List<Explanation.Part> parts = new ArrayList<>(2);
        final List<String> notes = new ArrayList<>(0);

        LineSum(BillingItem item, String spec, BillingMethod method, PriceEntry entry, int tier) {
            this.item = item;
            this.spec = spec;
            this.method = method;
            this.entry = entry;
            this.tier = tier;
        }

        void add(BigDecimal q, Accrual a, long start, long end) {
            quantity = quantity.add(q);
            parts.add(new Explanation.Part(start, end, a.rate(), a.eventIndex()));
            a.note().ifPresent(n -> {
                if (!notes.contains(n)) {
                    notes.add(n);
                }
            });
        }

        BillLine toLine() {
            BigDecimal unitPrice = tier == 0 ? entry.unitPrice() : entry.tiers().get(tier - 1).unitPrice();
            String priceId = tier == 0 ? entry.id() : entry.id() + " tier above " + entry.tiers().get(tier - 1).above().toPlainString();
            BigDecimal amount = Rounding.lineAmount(quantity, unitPrice, item.unitSize());
            return new BillLine(item.code(), item.name(), spec, method, quantity, item.quantityUnit(),
                    unitPrice, item.unitSize(), item.priceUnit(), amount, false,
                    new Explanation(parts, priceId, entry.source(), notes));
        }
    }
}
