package io.billow.rating;

import io.billow.time.Interval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** domain.md §1: payable rounds down cumulatively over the monthly cycle, so tiny amounts are not lost. */
class PeriodBillRoundingTest {

    private static BillLine line(String amount) {
        return new BillLine("compute", "compute", "4c", io.billow.catalog.BillingMethod.PAY_AS_YOU_GO, BigDecimal.ONE, "s",
                BigDecimal.ONE, 3600, "hour", new BigDecimal(amount), false, new Explanation(List.of(), "p", "test"));
    }

    @Test
    void aQuarterCentEachHourIsChargedOneCentEveryFourthHour() {
        CycleTotals cycle = CycleTotals.EMPTY;
        StringBuilder payables = new StringBuilder();
        for (int h = 0; h < 8; h++) {
            Interval period = Interval.ofSeconds(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * h), 3600);
            PeriodBill bill = PeriodBill.of("i", period, "USD", List.of(line("0.0025")), cycle);
            assertThat(bill.gross()).isEqualByComparingTo(bill.payable().add(bill.roundingDiscount()));
            payables.append(bill.payable().toPlainString()).append(' ');
            cycle = cycle.plus(bill);
        }
        assertThat(payables.toString().trim()).isEqualTo("0.00 0.00 0.00 0.01 0.00 0.00 0.00 0.01");
        assertThat(cycle.lines().subtract(cycle.payable())).isEqualByComparingTo("0");
    }

    @Test
    void payableIsRoundedDownNotToNearest() {
        PeriodBill bill = PeriodBill.of("i", Interval.ofSeconds(Instant.EPOCH, 3600), "USD", List.of(line("1.239999")), CycleTotals.EMPTY);
        assertThat(bill.payable()).isEqualByComparingTo("1.23");
        assertThat(bill.roundingDiscount()).isEqualByComparingTo("0.009999");
    }
}
