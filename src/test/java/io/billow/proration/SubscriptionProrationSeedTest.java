package io.billow.proration;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 004: PolarDB subscription upgrade fee and downgrade refunds, through the formulas the changes use. */
class SubscriptionProrationSeedTest {

    private static final long DAY = 86_400;
    private static final Instant APRIL = Instant.parse("2025-04-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2025-05-01T00:00:00Z");

    @Test
    void upgradeFrom7200To14400MonthlyWithFiftyDaysLeftCosts12000() {
        Prorated fee = Proration.upgradeFee(new BigDecimal("7200"), new BigDecimal("14400"), BigDecimal.ZERO, 50 * DAY);
        assertThat(fee.amount()).isEqualByComparingTo("12000.00");
        assertThat(fee.formula()).isEqualTo("(14400 − 7200) × (1 − 0) × 4320000 s ÷ 2592000 s = 12000.00");
    }

    @Test
    void downgradeAfterTwoMonthsOfAThreeMonthTermPaid3000CashAfterACouponRefunds200() {
        List<PaidCash.Span> paid = List.of(new PaidCash.Span(new BigDecimal("3000"), Instant.parse("2025-01-01T00:00:00Z"),
                APRIL, "NEW"));
        // 3,000 × 30 ÷ 90 − 800 × 30 ÷ 30
        assertThat(PaidCash.downgradeRefund(paid, Instant.parse("2025-03-02T00:00:00Z"), new BigDecimal("800"), 30 * DAY).amount())
                .isEqualByComparingTo("200.00");
    }

    @Test
    void theRefundBasisIsThe850ActuallyPaidNotThe1000ListPrice() {
        List<PaidCash.Span> paid = List.of(new PaidCash.Span(new BigDecimal("850"), APRIL, MAY, "NEW"));
        Instant half = Instant.parse("2025-04-16T00:00:00Z");
        // 850 × 15 ÷ 30 − 600 × 0.85 × 15 ÷ 30 = 425 − 255
        assertThat(PaidCash.downgradeRefund(paid, half, new BigDecimal("510"), 15 * DAY).amount()).isEqualByComparingTo("170.00");
        assertThat(PaidCash.remaining(paid, half).amount()).as("unsubscribed instead: 850 × 15 ÷ 30").isEqualByComparingTo("425.00");
    }

    @Test
    void aDowngradeThatCostsMoreThanWhatIsLeftRefundsNothing() {
        List<PaidCash.Span> paid = List.of(new PaidCash.Span(new BigDecimal("100"), APRIL, MAY, "NEW"));
        assertThat(PaidCash.downgradeRefund(paid, Instant.parse("2025-04-16T00:00:00Z"), new BigDecimal("900"), 15 * DAY).amount())
                .isEqualByComparingTo("0.00");
    }

    @Test
    void refundsAlreadyMadeReduceTheBasis() {
        // 400 refunded at the term's start spreads −400 over the whole term: (1,000 − 400) × 15 ÷ 30.
        List<PaidCash.Span> paid = List.of(new PaidCash.Span(new BigDecimal("1000"), APRIL, MAY, "NEW"),
                new PaidCash.Span(new BigDecimal("-400"), APRIL, MAY, "refund"));
        assertThat(PaidCash.remaining(paid, Instant.parse("2025-04-16T00:00:00Z")).amount()).isEqualByComparingTo("300.00");
    }
}
