package io.billow.rating;

import io.billow.catalog.BillingItem;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Edition;
import io.billow.catalog.Granularity;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.ItemConditions;
import io.billow.catalog.Measure;
import io.billow.catalog.PriceBook;
import io.billow.catalog.PriceEntry;
import io.billow.catalog.Product;
import io.billow.catalog.QuotaScope;
import io.billow.catalog.SpecRule;
import io.billow.catalog.SpecSource;
import io.billow.metering.Meter;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's generic pieces RocketMQ 5.x uses, on a made-up product with round prices (per unit):
 * tiers by the month's usage, a per-period allowance from a counter, items that accrue only while
 * a counter is zero or positive, usage billed per endpoint, and counters summed against one quota.
 */
class CountedUsageTest {

    private static final Set<BillingMethod> PAYG = Set.of(BillingMethod.PAY_AS_YOU_GO);
    private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    private static final ItemConditions WHILE_NONE_RESERVED = new ItemConditions(
            Optional.of(new ItemConditions.CountCondition("reserved", false)), Optional.empty(), false, List.of());
    private static final ItemConditions ABOVE_RESERVED = new ItemConditions(
            Optional.of(new ItemConditions.CountCondition("reserved", true)), Optional.of("reserved"), false, List.of());
    private static final ItemConditions PER_ENDPOINT = new ItemConditions(Optional.empty(), Optional.empty(), true, List.of());
    private static final ItemConditions BOTH_KINDS = new ItemConditions(Optional.empty(), Optional.empty(), false, List.of("a", "b"));

    private static final Product PRODUCT = new Product("p", "P", Set.of("*"), Map.of("E", new Edition("E", "E", PAYG)),
            Map.of("c", new InstanceClass("c", Optional.empty(), PAYG, 0, BigDecimal.ZERO, 0)),
            List.of(item("requests", Measure.USAGE, "requests", Granularity.COUNT, Map.of(), WHILE_NONE_RESERVED),
                    item("elastic", Measure.USAGE, "requests", Granularity.COUNT, Map.of(), ABOVE_RESERVED),
                    item("traffic", Measure.USAGE, "gb", Granularity.COUNT, Map.of(), PER_ENDPOINT),
                    item("kinds", Measure.RESOURCE, "ab", Granularity.SECOND, Map.of("*", 100L), BOTH_KINDS)),
            Map.of("Running", Map.of("requests", SpecRule.CURRENT, "elastic", SpecRule.CURRENT, "traffic", SpecRule.CURRENT,
                    "kinds", SpecRule.CURRENT)));

    private static final PriceBook PRICES = PriceBook.of(List.of(
            new PriceEntry("requests", "p", "requests", "*", "*", "USD", new BigDecimal("3"), FROM, true, "t",
                    List.of(new PriceEntry.Tier(new BigDecimal("100"), new BigDecimal("2")), new PriceEntry.Tier(new BigDecimal("1000"),
                            new BigDecimal("1")))),
            new PriceEntry("elastic", "p", "elastic", "*", "*", "USD", new BigDecimal("5"), FROM, true, "t"),
            new PriceEntry("traffic", "p", "traffic", "*", "*", "USD", new BigDecimal("7"), FROM, true, "t"),
            new PriceEntry("kinds", "p", "kinds", "*", "*", "USD", new BigDecimal("36"), FROM, true, "t")));

    private static BillingItem item(String code, Measure m, String resource, Granularity g, Map<String, Long> quota, ItemConditions c) {
        return new BillingItem(code, code, m, resource, g, SpecSource.NONE, PAYG, g == Granularity.SECOND ? 3600 : 1, "unit", "units",
                quota, QuotaScope.INSTANCE, Map.of(), c);
    }

    private final Timeline timeline = new Timeline("i");

    private void event(TimelineEvent e) {
        timeline.append(e);
    }

    private void created(String at) {
        timeline.append(new TimelineEvent.Created(Instant.parse(at), InstanceSnapshot.created("p", "cn", "E", "c", BillingMethod.PAY_AS_YOU_GO, 0, "none")));
    }

    private void used(String at, String item, long quantity, Optional<String> endpoint) {
        timeline.append(new TimelineEvent.UsageRecorded(Instant.parse(at), item, BigDecimal.valueOf(quantity), at + item, endpoint));
    }

    private List<String> lines(String periodStart) {
        Instant start = Instant.parse(periodStart);
        var metered = Meter.measure(timeline, PRODUCT, Interval.of(start, start.plusSeconds(3600)), SettlementZone.UTC);
        return new Rater(PRICES).rate(metered, new Rater.Pricing("p", "cn", "USD"), Map.of()).stream()
                .map(l -> l.item() + " " + l.quantity().toPlainString() + " × " + l.unitPrice().toPlainString() + " = "
                        + l.amount().toPlainString() + (l.explanation().notes().isEmpty() ? "" : " (" + l.explanation().notes().get(0) + ")"))
                .toList();
    }

    @Test
    void aReportCrossingATierIsSplitAndTheMonthsUsageCarriesOverUntilTheNextMonth() {
        created("2020-01-31T22:00:00Z");
        used("2020-01-31T22:10:00Z", "requests", 150, Optional.empty());
        used("2020-01-31T23:10:00Z", "requests", 900, Optional.empty());
        used("2020-02-01T00:10:00Z", "requests", 10, Optional.empty());
        assertThat(lines("2020-01-31T22:00:00Z")).containsExactly("requests 100 × 3 = 300.000000",
                "requests 50 × 2 = 100.000000");
        // 150 used before this hour: units 151–1,000 at 2, 1,001–1,050 at 1.
        assertThat(lines("2020-01-31T23:00:00Z")).containsExactly("requests 850 × 2 = 1700.000000", "requests 50 × 1 = 50.000000");
        assertThat(lines("2020-02-01T00:00:00Z")).as("a new month starts at the first tier").containsExactly("requests 10 × 3 = 30.000000");
    }

    @Test
    void aReservedRateLeavesItsSecondsFreeAndOnlyWhatIsAboveIsElastic() {
        created("2020-03-01T00:00:00Z");
        event(new TimelineEvent.ResourceCountChanged(Instant.parse("2020-03-01T00:00:00Z"), "reserved", 2));
        event(new TimelineEvent.ResourceCountChanged(Instant.parse("2020-03-01T00:30:00Z"), "reserved", 4));
        // A report of a counter two items read is recorded for each (as usage ingestion does).
        for (String item : List.of("requests", "elastic")) {
            used("2020-03-01T00:40:00Z", item, 6000, Optional.empty());
        }
        for (String item : List.of("requests", "elastic")) {
            used("2020-03-01T00:50:00Z", item, 5000, Optional.empty());
        }
        // 2 × 1,800 + 4 × 1,800 = 10,800 free; 11,000 used: 200 elastic at 5; the cumulative item is not billed while reserved.
        assertThat(lines("2020-03-01T00:00:00Z")).containsExactly("elastic 200 × 5 = 1000.000000");
    }

    @Test
    void usageThroughAnEndpointIsBilledOnlyWhereTheEndpointBillsItsOwnerAndSaysWhyWhenItIsKept() {
        created("2020-04-01T00:00:00Z");
        Instant t = Instant.parse("2020-04-01T00:00:00Z");
        event(new TimelineEvent.EndpointAdded(t, "old", true));
        event(new TimelineEvent.EndpointMarked(t, "old"));
        event(new TimelineEvent.EndpointAdded(t, "new", false));
        used("2020-04-01T00:10:00Z", "traffic", 2, Optional.of("old"));
        used("2020-04-01T00:20:00Z", "traffic", 3, Optional.of("new"));
        used("2020-04-01T00:30:00Z", "traffic", 4, Optional.empty());
        assertThat(lines("2020-04-01T00:00:00Z")).singleElement().satisfies(l -> assertThat(l)
                .startsWith("traffic 2 × 7 = 14.000000 (traffic through endpoint old, marked To Be Unpublished"));
    }

    @Test
    void countersSummedShareOneFreeQuota() {
        created("2020-05-01T00:00:00Z");
        event(new TimelineEvent.ResourceCountChanged(Instant.parse("2020-05-01T00:00:00Z"), "a", 60));
        event(new TimelineEvent.ResourceCountChanged(Instant.parse("2020-05-01T00:00:00Z"), "b", 30));
        event(new TimelineEvent.ResourceCountChanged(Instant.parse("2020-05-01T00:30:00Z"), "b", 50));
        // 90 until 00:30 (free), then 110: 10 above for 1,800 s = 18,000 unit-s at 36 an hour = 180.
        assertThat(lines("2020-05-01T00:00:00Z")).containsExactly("kinds 18000 × 36 = 180.000000");
    }
}
