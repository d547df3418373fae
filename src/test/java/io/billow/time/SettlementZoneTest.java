package io.billow.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettlementZoneTest {

    @Test
    void utcPeriodsStartOnTheHour() {
        assertThat(SettlementZone.UTC.periodContaining(Instant.parse("2026-03-02T10:59:30Z")))
                .isEqualTo(Interval.of(Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T11:00:00Z")));
    }

    @Test
    void kolkataPeriodsStartAtHalfPastTheUtcHour() {
        SettlementZone kolkata = SettlementZone.of(ZoneId.of("Asia/Kolkata"), Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(kolkata.periodContaining(Instant.parse("2026-03-02T11:00:00Z")))
                .isEqualTo(Interval.of(Instant.parse("2026-03-02T10:30:00Z"), Instant.parse("2026-03-02T11:30:00Z")));
        assertThat(kolkata.isBoundary(Instant.parse("2026-03-02T11:30:00Z"))).isTrue();
        assertThat(kolkata.isBoundary(Instant.parse("2026-03-02T11:00:00Z"))).isFalse();
    }

    @Test
    void acrossADaylightSavingChangePeriodsStayOneHourAndContiguous() {
        for (String zoneId : List.of("America/New_York", "Australia/Lord_Howe")) {
            SettlementZone zone = SettlementZone.of(ZoneId.of(zoneId), Instant.parse("2026-01-01T00:00:00Z"));
            // New York springs forward on 2026-03-08; Lord Howe shifts by 30 minutes on 2026-04-05.
            Interval span = Interval.of(Instant.parse("2026-03-07T00:00:00Z"), Instant.parse("2026-04-07T00:00:00Z"));
            List<Interval> periods = zone.periodsCovering(span);
            for (int i = 0; i < periods.size(); i++) {
                assertThat(periods.get(i).seconds()).isEqualTo(3600);
                if (i > 0) {
                    assertThat(periods.get(i).start()).isEqualTo(periods.get(i - 1).end());
                }
            }
            assertThat(periods).hasSize(31 * 24 + (zoneId.equals("Australia/Lord_Howe") ? 1 : 0));
        }
    }

    @Test
    void theMonthlyCycleIsTheCalendarMonthAtTheStandardOffset() {
        SettlementZone kolkata = SettlementZone.of(ZoneId.of("Asia/Kolkata"), Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(kolkata.monthlyCycleContaining(Instant.parse("2026-02-28T19:00:00Z")))
                .isEqualTo(Interval.of(Instant.parse("2026-02-28T18:30:00Z"), Instant.parse("2026-03-31T18:30:00Z")));
    }
}
