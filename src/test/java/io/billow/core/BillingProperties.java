package io.billow.core;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.Product;
import io.billow.metering.Meter;
import io.billow.metering.Metered;
import io.billow.proration.PaidCash;
import io.billow.rating.BillLine;
import io.billow.rating.CycleTotals;
import io.billow.rating.PeriodBill;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the billing core over random timelines (DEVELOPERS standards, issue 2). */
class BillingProperties {

    private static final Product ADB = TestCatalog.analyticDb();
    private static final Set<String> COMPUTE_BILLED = Set.of("Running", "Pausing", "Scaling");
    private static final Rater RATER = new Rater(TestCatalog.prices());
    private static final Rater.Pricing PRICING = new Rater.Pricing("adb", "cn-hangzhou", "USD");
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final long HORIZON = 12 * 3600;

    /** A random life: created at a random second, then up to 30 state/spec/storage changes, maybe released. */
    @Provide
    Arbitrary<Timeline> timelines() {
        Arbitrary<Long> start = Arbitraries.longs().between(0, 7200);
        Arbitrary<List<long[]>> steps = Combinators.combine(
                        Arbitraries.longs().between(0, 2400),
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 500))
                .as((gap, kind, value) -> new long[]{gap, kind, value})
                .list().ofMaxSize(30);
        return Combinators.combine(start, steps, Arbitraries.of(true, false)).as((s, list, release) -> {
            Instant at = T0.plusSeconds(s);
            Timeline t = new Timeline("i-prop");
            t.append(new TimelineEvent.Created(at, InstanceSnapshot.created("adb", "cn-hangzhou", "elastic", "4c",
                    BillingMethod.PAY_AS_YOU_GO, 100, "cloud_essd")));
            String[] states = {"Running", "Pausing", "Paused", "Starting", "Scaling"};
            for (long[] step : list) {
                at = at.plusSeconds(step[0]);
                int kind = (int) step[1];
                if (kind <= 4) {
                    t.append(new TimelineEvent.StateChanged(at, states[kind]));
                } else if (kind == 5) {
                    t.append(new TimelineEvent.SpecChanged(at, step[2] % 2 == 0 ? "4c" : "8c", (int) step[2], "cloud_essd"));
                } else {
                    t.append(new TimelineEvent.SpecChanged(at, t.current().instanceClass(), (int) step[2], "cloud_essd"));
                }
            }
            if (release) {
                t.append(new TimelineEvent.Released(at.plusSeconds(s % 997)));
            }
            return t;
        });
    }

    @Property(tries = 300)
    void billedSecondsOfAllPeriodsEqualTheBillableStateSecondsOfTheTimeline(@ForAll("timelines") Timeline t) {
        Interval life = life(t);
        BigDecimal billed = BigDecimal.ZERO;
        for (Interval period : SettlementZone.UTC.periodsCovering(life)) {
            billed = billed.add(computeSeconds(Meter.measure(t, ADB, period, SettlementZone.UTC)));
        }
        assertThat(billed).isEqualByComparingTo(BigDecimal.valueOf(billableSecondsByWalkingEvents(t, life.end())));
    }

    @Property(tries = 300)
    void periodsPartitionAnySpanWithNoGapOrOverlap(@ForAll @LongRange(min = 1_600_000_000L, max = 1_900_000_000L) long start,
                                                  @ForAll @LongRange(min = 1, max = 400_000) long length,
                                                  @ForAll("zones") String zoneId) {
        SettlementZone zone = SettlementZone.of(ZoneId.of(zoneId), Instant.parse("2026-01-01T00:00:00Z"));
        Interval span = Interval.ofSeconds(Instant.ofEpochSecond(start), length);
        List<Interval> periods = zone.periodsCovering(span);
        assertThat(periods.get(0).contains(span.start())).isTrue();
        assertThat(periods.get(periods.size() - 1).contains(span.end().minusSeconds(1))).isTrue();
        for (int i = 0; i < periods.size(); i++) {
            assertThat(periods.get(i).seconds()).isEqualTo(3600);
            assertThat(zone.isBoundary(periods.get(i).start())).isTrue();
            if (i > 0) {
                assertThat(periods.get(i).start()).isEqualTo(periods.get(i - 1).end());
            }
        }
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "Australia/Lord_Howe", "Asia/Shanghai");
    }

    @Property(tries = 200)
    void everyBillsLinesSumToPayablePlusRoundingAndTheCycleLosesLessThanACent(@ForAll("timelines") Timeline t) {
        CycleTotals cycle = CycleTotals.EMPTY;
        for (Interval period : SettlementZone.UTC.periodsCovering(life(t))) {
            Metered metered = Meter.measure(t, ADB, period, SettlementZone.UTC);
            if (metered.isEmpty()) {
                continue;
            }
            PeriodBill bill = RATER.bill(metered, PRICING, cycle);
            BigDecimal sum = bill.lines().stream().map(BillLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo(bill.payable().add(bill.roundingDiscount()));
            cycle = cycle.plus(bill);
            BigDecimal kept = cycle.lines().subtract(cycle.payable());
            assertThat(kept).isGreaterThanOrEqualTo(BigDecimal.ZERO).isLessThan(new BigDecimal("0.01"));
        }
    }

    @Property(tries = 300)
    void splittingAPeriodAtAnySecondGivesTheSameQuantitiesAndTheSameTotalToTheRoundingRule(
            @ForAll("timelines") Timeline t, @ForAll @IntRange(min = 0, max = 11) int hour, @ForAll @IntRange(min = 1, max = 3599) int cut) {
        Interval period = Interval.ofSeconds(T0.plusSeconds(3600L * hour), 3600);
        Interval first = Interval.of(period.start(), period.start().plusSeconds(cut));
        Interval second = Interval.of(first.end(), period.end());

        List<BillLine> whole = rate(t, period);
        List<BillLine> parts = new ArrayList<>(rate(t, first));
        parts.addAll(rate(t, second));

        assertThat(quantities(parts)).isEqualTo(quantities(whole));
        BigDecimal tolerance = new BigDecimal("0.000001").multiply(BigDecimal.valueOf(parts.size() + whole.size()));
        assertThat(total(parts).subtract(total(whole)).abs()).isLessThanOrEqualTo(tolerance);
    }

    @Property(tries = 500)
    void aRefundNeverExceedsTheCashPaid(@ForAll @IntRange(min = 1, max = 36) int months,
                                        @ForAll @IntRange(min = 0, max = 100_000_00) int cashCents,
                                        @ForAll @IntRange(min = 0, max = 100) int refundedPercent,
                                        @ForAll @IntRange(min = 0, max = 100) int discountPercent,
                                        @ForAll @IntRange(min = 0, max = 100_000) int newList,
                                        @ForAll @LongRange(min = -86_400, max = 120_000_000) long elapsed) {
        Instant start = Instant.parse("2025-01-31T00:00:00Z");
        Interval term = Interval.of(start, SettlementZone.UTC.plusMonths(start, months));
        BigDecimal cash = BigDecimal.valueOf(cashCents, 2);
        BigDecimal refunded = cash.multiply(BigDecimal.valueOf(refundedPercent)).divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.DOWN);
        BigDecimal net = cash.subtract(refunded);
        // The refund already made, at the term's start, spreads negatively over the whole term.
        List<PaidCash.Span> paid = List.of(new PaidCash.Span(cash, term.start(), term.end(), "NEW"),
                new PaidCash.Span(refunded.negate(), term.start(), term.end(), "refund"));
        Instant at = start.plusSeconds(elapsed);
        long remaining = Math.max(0, Math.min(term.seconds(), term.end().getEpochSecond() - Math.max(at.getEpochSecond(),
                start.getEpochSecond())));
        BigDecimal newNet = BigDecimal.valueOf(newList).multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(discountPercent, 2)));

        BigDecimal downgrade = PaidCash.downgradeRefund(paid, at, newNet, remaining).amount();
        BigDecimal unsubscribe = PaidCash.remaining(paid, at).amount();

        assertThat(downgrade).isBetween(BigDecimal.ZERO, net);
        assertThat(unsubscribe).isBetween(BigDecimal.ZERO, net);
        assertThat(downgrade).isLessThanOrEqualTo(unsubscribe);
    }

    private static List<BillLine> rate(Timeline t, Interval period) {
        return RATER.rate(Meter.measure(t, ADB, period, SettlementZone.UTC), PRICING, Map.of());
    }

    private static Map<String, BigDecimal> quantities(List<BillLine> lines) {
        Map<String, BigDecimal> q = new HashMap<>();
        for (BillLine l : lines) {
            q.merge(l.item() + "/" + l.spec(), l.quantity(), BigDecimal::add);
        }
        q.replaceAll((k, v) -> v.stripTrailingZeros());
        return q;
    }

    private static BigDecimal total(List<BillLine> lines) {
        return lines.stream().map(BillLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Interval life(Timeline t) {
        List<TimelineEvent> events = t.events();
        Instant end = t.isReleased() ? events.get(events.size() - 1).at() : T0.plusSeconds(HORIZON);
        return Interval.of(t.createdAt(), end.isBefore(t.createdAt()) ? t.createdAt() : end);
    }

    private static BigDecimal computeSeconds(Metered m) {
        BigDecimal total = BigDecimal.ZERO;
        for (var a : m.accruals()) {
            if (a.item().code().equals("compute")) {
                total = total.add(BigDecimal.valueOf(a.seconds()));
            }
        }
        return total;
    }

    /** The oracle: walk the raw events, counting seconds spent in a compute-billed state. */
    private static long billableSecondsByWalkingEvents(Timeline t, Instant end) {
        long total = 0;
        String state = "Running";
        long since = t.createdAt().getEpochSecond();
        for (TimelineEvent e : t.events()) {
            long at = Math.min(e.at().getEpochSecond(), end.getEpochSecond());
            if (COMPUTE_BILLED.contains(state)) {
                total += Math.max(0, at - since);
            }
            since = Math.max(since, at);
            if (e instanceof TimelineEvent.StateChanged sc) {
                state = sc.state();
            }
        }
        if (!t.isReleased() && COMPUTE_BILLED.contains(state)) {
            total += Math.max(0, end.getEpochSecond() - since);
        }
        return total;
    }
}
