package io.billow.rating;

import io.billow.catalog.BillingMethod;
import io.billow.core.Story;
import io.billow.core.TestCatalog;
import io.billow.metering.Meter;
import io.billow.time.SettlementZone;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Counted resources above free quotas, peak clients, reported usage and topic-days. */
class ResourceBillingTest {

    private static Story queue() {
        return Story.on("2026-02-03", TestCatalog.queue())
                .at("00:00").created("Shared", "s1", BillingMethod.PAY_AS_YOU_GO, 0);
    }

    @Test
    void topicsAboveTheFreeQuotaAreBilledPerSecond() {
        Story s = queue().count("topics", 150).at("00:30").count("topics", 90);
        // 50 above the quota of 100 for 1800 s, then none.
        assertThat(s.quantity("topics", "00:00", "01:00")).isEqualByComparingTo("90000");
    }

    @Test
    void clientsAreBilledOnTheHoursPeakAboveTheFreeQuota() {
        Story s = queue().count("clients", 520).at("00:10").count("clients", 700).at("00:11").count("clients", 510);
        List<BillLine> lines = s.lines("00:00", "01:00");
        BillLine clients = lines.stream().filter(l -> l.item().equals("clients")).findFirst().orElseThrow();
        assertThat(clients.quantity()).isEqualByComparingTo(String.valueOf(200 * 3600));
        assertThat(clients.amount()).isEqualByComparingTo("0.200000"); // 200 clients × 0.001 per client-hour
    }

    /** The account's allocation gave u1 all of its 600,000 calls free and u2 the 400,000 left of a 1 M quota (events 1 and 2). */
    @Test
    void apiCallsAfterTheAccountsFreeAllocationAreBilledPerTenThousand() {
        Story s = queue().at("00:05").usage("calls", 600_000, "u1").at("00:06").usage("calls", 600_000, "u2");
        Rater rater = new Rater(TestCatalog.prices());
        Rater.Pricing pricing = new Rater.Pricing("mq", "cn-hangzhou", "USD");

        List<BillLine> fresh = rater.rate(s.meter("00:00", "01:00"), pricing, Map.of(),
                Map.of(1, new BigDecimal("600000"), 2, new BigDecimal("400000")));
        List<BillLine> late = rater.rate(s.meter("00:00", "01:00"), pricing, Map.of(), Map.of(1, BigDecimal.ZERO, 2, BigDecimal.ZERO));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rater.rate(s.meter("00:00", "01:00"), pricing, Map.of()))
                .as("an account-wide quota is never guessed").hasMessageContaining("no allocation");

        assertThat(fresh).filteredOn(l -> l.item().equals("calls")).extracting(BillLine::quantity, BillLine::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new BigDecimal("200000"), new BigDecimal("0.400000")));
        assertThat(late).filteredOn(l -> l.item().equals("calls")).extracting(l -> l.quantity().intValue())
                .containsExactly(1_200_000);
    }

    @Test
    void topicDaysAreChargedOnceInThePeriodThatEndsTheDay() {
        Story s = queue().count("queues", 3).at("12:00").count("queues", 5).at("13:00").count("queues", 1);

        assertThat(Meter.measure(s.timeline(), TestCatalog.queue(), s.period("22:00", "23:00"), SettlementZone.UTC).accruals())
                .noneMatch(a -> a.item().code().equals("topic_days"));
        Story nextDay = Story.on("2026-02-04", TestCatalog.queue());
        var lastPeriod = io.billow.time.Interval.of(s.t("23:00"), nextDay.t("00:00"));
        var lines = new Rater(TestCatalog.prices()).rate(Meter.measure(s.timeline(), TestCatalog.queue(), lastPeriod, SettlementZone.UTC),
                new Rater.Pricing("mq", "cn-hangzhou", "USD"), Map.of());
        assertThat(lines).filteredOn(l -> l.item().equals("topic_days")).extracting(l -> l.quantity().intValue(), l -> l.amount().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, "1.500000"));
    }
}
