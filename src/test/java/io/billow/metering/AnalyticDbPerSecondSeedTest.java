package io.billow.metering;

import io.billow.catalog.BillingMethod;
import io.billow.core.Story;
import io.billow.core.TestCatalog;
import io.billow.rating.BillLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003: AnalyticDB for PostgreSQL per-second billing, its three worked examples. */
class AnalyticDbPerSecondSeedTest {

    private static final String DAY = "2026-03-02";

    @Test
    void createdAt105930AndReleasedAt125030Bills30Then3600Then3030Seconds() {
        Story s = Story.on(DAY, TestCatalog.analyticDb())
                .at("10:59:30").created("elastic", "4c", BillingMethod.PAY_AS_YOU_GO, 0)
                .at("12:50:30").released();

        assertThat(s.quantity("compute", "10:00", "11:00")).isEqualByComparingTo("30");
        assertThat(s.quantity("compute", "11:00", "12:00")).isEqualByComparingTo("3600");
        assertThat(s.quantity("compute", "12:00", "13:00")).isEqualByComparingTo("3030");
        assertThat(s.meter("13:00", "14:00").isEmpty()).isTrue();
        // 4c costs 3.6 per hour: 0.001 per second.
        assertThat(s.lines("10:00", "11:00").get(0).amount()).isEqualByComparingTo("0.030000");
        assertThat(s.lines("12:00", "13:00").get(0).amount()).isEqualByComparingTo("3.030000");
    }

    @Test
    void specChangeCompletingAt1130BillsTheOriginalSpecUntil1130AndTheNewOneAfter() {
        Story s = Story.on(DAY, TestCatalog.analyticDb())
                .at("09:00").created("elastic", "4c", BillingMethod.PAY_AS_YOU_GO, 0)
                .at("11:10").state("Scaling")
                .at("11:30").spec("8c", 0).state("Running");

        List<BillLine> lines = s.lines("11:00", "12:00");

        assertThat(lines).extracting(BillLine::spec, l -> l.quantity().intValue(), l -> l.amount().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("4c", 1800, "1.800000"),
                        org.assertj.core.groups.Tuple.tuple("8c", 1800, "3.600000"));
    }

    @Test
    void scalingIsBilledAtTheOriginalSpecEvenIfTheNewClassIsRecordedEarly() {
        Story s = Story.on(DAY, TestCatalog.analyticDb())
                .at("09:00").created("elastic", "4c", BillingMethod.PAY_AS_YOU_GO, 0)
                .at("11:10").state("Scaling").spec("8c", 0)
                .at("11:30").state("Running");

        assertThat(s.lines("11:00", "12:00")).extracting(BillLine::spec, l -> l.quantity().intValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("4c", 1800), org.assertj.core.groups.Tuple.tuple("8c", 1800));
    }

    @Test
    void pausedAt1120AndRunningAgainAt1140BillsComputeForFortyMinutesAndStorageForTheHour() {
        Story s = Story.on(DAY, TestCatalog.analyticDb())
                .at("09:00").created("elastic", "4c", BillingMethod.PAY_AS_YOU_GO, 100)
                .at("11:15").state("Pausing")
                .at("11:20").state("Paused")
                .at("11:35").state("Starting")
                .at("11:40").state("Running");

        List<BillLine> compute = s.lines("11:00", "12:00").stream().filter(l -> l.item().equals("compute")).toList();

        assertThat(compute).hasSize(1);
        assertThat(compute.get(0).quantity()).isEqualByComparingTo("2400");
        assertThat(compute.get(0).explanation().parts()).extracting(p -> p.interval().toString()).containsExactly(
                "[2026-03-02T11:00:00Z, 2026-03-02T11:20:00Z)", "[2026-03-02T11:40:00Z, 2026-03-02T12:00:00Z)");
        assertThat(s.quantity("storage", "11:00", "12:00")).isEqualByComparingTo(BigDecimal.valueOf(100 * 3600));
    }
}
