package io.billow.proration;

import io.billow.time.Interval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 004: PolarDB subscription upgrade fee and downgrade refunds. */
class SubscriptionProrationSeedTest {

    private static final long DAY = 86_400;

    @Test
    void upgradeFrom7200To14400MonthlyWithFiftyDaysLeftCosts12000() {
        Prorated fee = Proration.upgradeFee(new BigDecimal("7200"), new BigDecimal("14400"), 50 * DAY);
        assertThat(fee.amount()).isEqualByComparingTo("12000.00");
        assertThat(fee.formula()).isEqualTo("(14400 − 7200) × 4320000 s ÷ 2592000 s = 12000.00");
    }

    @Test
    void downgradeAfterTwoMonthsOfAThreeMonthTermPaid3000CashAfterACouponRefunds200() {
        TermPayment paid = new TermPayment(term("2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z"),
                new BigDecimal("3500"), BigDecimal.ZERO, new BigDecimal("3000"), BigDecimal.ZERO);
        long remaining = Proration.remainingSeconds(paid, Instant.parse("2025-03-02T00:00:00Z"));

        assertThat(remaining).isEqualTo(30 * DAY);
        assertThat(Proration.downgradeRefund(paid, new BigDecimal("800"), remaining).amount()).isEqualByComparingTo("200.00");
    }

    @Test
    void theRefundBasisIsThe850ActuallyPaidNotThe1000ListPrice() {
        TermPayment paid = new TermPayment(term("2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z"),
                new BigDecimal("1000"), new BigDecimal("0.15"), new BigDecimal("850"), BigDecimal.ZERO);
        long remaining = Proration.remainingSeconds(paid, Instant.parse("2025-04-16T00:00:00Z"));

        assertThat(Proration.downgradeRefund(paid, new BigDecimal("600"), remaining).amount()).isEqualByComparingTo("170.00");
        assertThat(Proration.unsubscribeRefund(paid, remaining).amount()).isEqualByComparingTo("425.00");
    }

    @Test
    void aDowngradeThatCostsMoreThanWhatIsLeftRefundsNothing() {
        TermPayment paid = new TermPayment(term("2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z"),
                new BigDecimal("1000"), BigDecimal.ZERO, new BigDecimal("100"), BigDecimal.ZERO);
        assertThat(Proration.downgradeRefund(paid, new BigDecimal("900"), 15 * DAY).amount()).isEqualByComparingTo("0.00");
    }

    @Test
    void refundsAlreadyMadeReduceTheBasis() {
        TermPayment paid = new TermPayment(term("2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z"),
                new BigDecimal("1000"), BigDecimal.ZERO, new BigDecimal("1000"), new BigDecimal("400"));
        assertThat(Proration.unsubscribeRefund(paid, 15 * DAY).amount()).isEqualByComparingTo("300.00");
    }

    private static Interval term(String from, String to) {
        return Interval.of(Instant.parse(from), Instant.parse(to));
    }
}
