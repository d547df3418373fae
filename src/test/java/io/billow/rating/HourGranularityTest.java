package io.billow.rating;

import io.billow.catalog.BillingMethod;
import io.billow.core.Story;
import io.billow.core.TestCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** HOUR items (PolarDB pay-as-you-go): whole hours at the highest rate; by the second when the method changes. */
class HourGranularityTest {

    @Test
    void oneSecondBillsTheWholeHour() {
        Story s = Story.on("2026-01-10", TestCatalog.polarDb())
                .at("10:59:59").created("cluster", "small", BillingMethod.PAY_AS_YOU_GO, 0);
        assertThat(s.lines("10:00", "11:00")).extracting(BillLine::spec, BillLine::quantity, BillLine::amount)
                .containsExactly(tuple("small", new java.math.BigDecimal("3600"), new java.math.BigDecimal("1.000000")));
    }

    @Test
    void aChangeWithinTheHourBillsTheHourAtTheHighestRateAndTheNextHoursAtTheNewPrice() {
        Story s = Story.on("2026-01-10", TestCatalog.polarDb())
                .at("09:00").created("cluster", "big", BillingMethod.PAY_AS_YOU_GO, 0)
                .at("10:20").spec("small", 0);
        assertThat(s.lines("10:00", "11:00")).extracting(BillLine::spec, l -> l.amount().toPlainString())
                .containsExactly(tuple("big", "4.000000"));
        assertThat(s.lines("11:00", "12:00")).extracting(BillLine::spec, l -> l.amount().toPlainString())
                .containsExactly(tuple("small", "1.000000"));
    }

    @Test
    void inAPeriodWhereTheMethodChangesEveryItemBillsByTheSecond() {
        Story s = Story.on("2026-01-10", TestCatalog.polarDb())
                .at("09:00").created("cluster", "big", BillingMethod.PAY_AS_YOU_GO, 0)
                .at("10:15").method(BillingMethod.SERVERLESS, "small");
        assertThat(s.lines("10:00", "11:00")).extracting(BillLine::spec, BillLine::method, l -> l.amount().toPlainString())
                .containsExactly(tuple("big", BillingMethod.PAY_AS_YOU_GO, "1.000000"),
                        tuple("small", BillingMethod.SERVERLESS, "0.750000"));
    }
}
