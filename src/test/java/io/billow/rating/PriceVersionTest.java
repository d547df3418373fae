package io.billow.rating;

import io.billow.catalog.BillingMethod;
import io.billow.catalog.OverlappingPriceException;
import io.billow.catalog.PriceBook;
import io.billow.core.Story;
import io.billow.core.TestCatalog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceVersionTest {

    @Test
    void aNewPriceSplitsSecondItemsAtItsEffectiveInstant() {
        Story s = Story.on("2026-03-02", TestCatalog.analyticDb())
                .at("09:00").created("elastic", "4c", BillingMethod.PAY_AS_YOU_GO, 0);
        PriceBook book = TestCatalog.prices(TestCatalog.price("adb", "compute", "4c", "7.2", Instant.parse("2026-03-02T10:45:00Z")));

        List<BillLine> lines = new Rater(book).rate(s.meter("10:00", "11:00"), new Rater.Pricing("adb", "cn-hangzhou", "USD"), Map.of());

        assertThat(lines).extracting(l -> l.quantity().intValue(), l -> l.amount().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2700, "2.700000"), org.assertj.core.groups.Tuple.tuple(900, "1.800000"));
        assertThat(lines.get(1).explanation().priceEntryId()).contains("2026-03-02T10:45:00Z");
        assertThat(lines.get(1).explain()).startsWith("900 s × 7.2 per hour ÷ 3600 = 1.800000");
    }

    @Test
    void somethingThatAccruesWithoutAPriceIsRefusedNotBilledAtZero() {
        Story s = Story.on("2026-03-02", TestCatalog.analyticDb())
                .at("09:00").created("elastic", "16c", BillingMethod.PAY_AS_YOU_GO, 0);

        assertThatThrownBy(() -> s.lines("09:00", "10:00")).isInstanceOf(PriceNotFoundException.class)
                .hasMessageContaining("no price for adb item compute at spec 16c");
    }

    @Test
    void twoVersionsEffectiveAtTheSameInstantAreRefused() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> TestCatalog.prices(TestCatalog.price("adb", "compute", "4c", "1", t), TestCatalog.price("adb", "compute", "4c", "2", t)))
                .isInstanceOf(OverlappingPriceException.class).hasMessageContaining("overlapping price versions for compute / 4c");
    }
}
