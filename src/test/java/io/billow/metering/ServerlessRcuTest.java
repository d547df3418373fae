package io.billow.metering;

import io.billow.catalog.BillingMethod;
import io.billow.core.Story;
import io.billow.core.TestCatalog;
import io.billow.rating.BillLine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** domain.md §4: RCU metering, sample-and-hold, clamping, High-availability × 2, auto-pause. */
class ServerlessRcuTest {

    private static Story haServerless() {
        return Story.on("2026-05-01", TestCatalog.rds())
                .at("00:00").created("HighAvailability", "pg.n2.serverless.2c", BillingMethod.SERVERLESS, 0)
                .rcuRange("0.5", "8");
    }

    @Test
    void twoRcuThenFourRcuAtHalfPastIsThreeRcuHoursBilledTwiceForHighAvailability() {
        Story s = haServerless().rcu("2").at("00:30").rcu("4");

        BillLine rcu = s.lines("00:00", "01:00").get(0);

        assertThat(rcu.quantity()).isEqualByComparingTo("21600"); // 6.0 RCU-hours in RCU-seconds
        assertThat(rcu.amount()).isEqualByComparingTo("0.720000"); // 6.0 × 0.12
    }

    @Test
    void beforeTheFirstSampleTheLevelIsMinCapacity() {
        Story s = haServerless();
        assertThat(s.quantity("rcu", "00:00", "01:00")).isEqualByComparingTo("3600"); // 0.5 × 2 × 3600
    }

    @Test
    void samplesRoundUpToTheHalfStepAndClampIntoTheRange() {
        Story s = haServerless().rcu("2.1").at("00:30").rcu("20");
        // 2.5 RCU for 1800 s and 8 RCU (clamped) for 1800 s, × 2.
        assertThat(s.quantity("rcu", "00:00", "01:00")).isEqualByComparingTo(String.valueOf((5 * 1800 + 16 * 1800)));
    }

    @Test
    void narrowingTheRangeClampsTheCurrentLevelAtOnce() {
        Story s = haServerless().rcu("6").at("00:30").rcuRange("1", "2");
        assertThat(s.quantity("rcu", "00:00", "01:00")).isEqualByComparingTo(String.valueOf(2 * (6 * 1800 + 2 * 1800)));
    }

    @Test
    void suspendedAndStartingAreNotBilledForRcu() {
        Story s = haServerless().rcu("2")
                .at("00:10").state("Suspending")
                .at("00:11").state("Suspended")
                .at("00:40").state("Starting")
                .at("00:41").state("Running");
        // billable: 00:00–00:11 and 00:41–01:00 = 660 + 1140 = 1800 s at 2 RCU × 2
        assertThat(s.quantity("rcu", "00:00", "01:00")).isEqualByComparingTo(String.valueOf(2 * 2 * 1800));
    }

    @Test
    void payAsYouGoIsBilledUpToTheSwitchSecondAndServerlessAfterIt() {
        Story s = Story.on("2026-05-01", TestCatalog.rds())
                .at("00:00").created("HighAvailability", "pg.n2.medium.2c", BillingMethod.PAY_AS_YOU_GO, 0)
                .at("00:20").state("DBInstanceClassChanging")
                .at("00:21:07").rcuRange("0.5", "8").method(BillingMethod.SERVERLESS, "pg.n2.serverless.2c").state("Running");

        assertThat(s.quantity("compute", "00:00", "01:00")).isEqualByComparingTo("1267");
        assertThat(s.quantity("rcu", "00:00", "01:00")).isEqualByComparingTo(String.valueOf(3600 - 1267));
    }
}
