package io.billow.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an account's periods fall. Periods are one hour on the hour of the zone's
 * <em>standard</em> UTC offset, fixed when the account was created (domain.md §1): a
 * daylight-saving shift never makes a period shorter or longer than 3,600 s, and a zone
 * such as Asia/Kolkata (+05:30) gets periods starting at hh:30Z.
 */
public final class SettlementZone {

    public static final long PERIOD_SECONDS = 3600;
    public static final SettlementZone UTC = new SettlementZone(ZoneId.of("UTC"), ZoneOffset.UTC);

    private final ZoneId zone;
    private final ZoneOffset standardOffset;
    private final long phase;

    private SettlementZone(ZoneId zone, ZoneOffset standardOffset) {
        this.zone = zone;
        this.standardOffset = standardOffset;
        this.phase = Math.floorMod(-standardOffset.getTotalSeconds(), PERIOD_SECONDS);
    }

    /** The zone with its standard offset as of {@code fixedAt} (normally the account's creation). */
    public static SettlementZone of(ZoneId zone, Instant fixedAt) {
        return new SettlementZone(zone, zone.getRules().getStandardOffset(fixedAt));
    }

    public static SettlementZone of(String zoneId, ZoneOffset standardOffset) {
        return new SettlementZone(ZoneId.of(zoneId), standardOffset);
    }

    public ZoneId zone() {
        return zone;
    }

    public ZoneOffset standardOffset() {
        return standardOffset;
    }

    /** The start, in epoch seconds, of the period holding {@code epochSecond}. */
    public long periodStartSecond(long epochSecond) {
        return epochSecond - Math.floorMod(epochSecond - phase, PERIOD_SECONDS);
    }

    public Interval periodContaining(Instant instant) {
        long start = periodStartSecond(instant.getEpochSecond());
        return Interval.ofSeconds(Instant.ofEpochSecond(start), PERIOD_SECONDS);
    }

    public boolean isBoundary(Instant instant) {
        return instant.getNano() == 0 && periodStartSecond(instant.getEpochSecond()) == instant.getEpochSecond();
    }

    /** Every period that shares at least one second with {@code span}, in order. */
    public List<Interval> periodsCovering(Interval span) {
        List<Interval> periods = new ArrayList<>();
        if (span.isEmpty()) {
            return periods;
        }
        long end = span.end().getEpochSecond();
        for (long s = periodStartSecond(span.start().getEpochSecond()); s < end; s += PERIOD_SECONDS) {
            periods.add(Interval.ofSeconds(Instant.ofEpochSecond(s), PERIOD_SECONDS));
        }
        return periods;
    }

    /** The calendar month (at the standard offset) holding {@code instant}: the rounding cycle. */
    public Interval monthlyCycleContaining(Instant instant) {
        LocalDate day = instant.atOffset(standardOffset).toLocalDate().withDayOfMonth(1);
        Instant start = day.atStartOfDay().toInstant(standardOffset);
        Instant end = day.plusMonths(1).atStartOfDay().toInstant(standardOffset);
        return Interval.of(start, end);
    }

    /** Whether an epoch second starts a day at the standard offset (arithmetic: this is on the rating hot path). */
    public boolean isDayBoundary(long epochSecond) {
        return Math.floorMod(epochSecond + standardOffset.getTotalSeconds(), 86_400L) == 0;
    }

    /** The day (at the standard offset) holding {@code instant}: the unit of DAY items. */
    public Interval dayContaining(Instant instant) {
        LocalDate day = instant.atOffset(standardOffset).toLocalDate();
        return Interval.of(day.atStartOfDay().toInstant(standardOffset), day.plusDays(1).atStartOfDay().toInstant(standardOffset));
    }

    /** A term of {@code months} calendar months from {@code start}, in this zone (domain.md §1). */
    public Instant plusMonths(Instant start, int months) {
        return start.atZone(zone).plusMonths(months).toInstant();
    }

    @Override
    public String toString() {
        return zone.getId() + " (standard offset " + standardOffset + ")";
    }
}
