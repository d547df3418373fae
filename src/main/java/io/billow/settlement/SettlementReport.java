package io.billow.settlement;

/** What one settlement run did. */
public record SettlementReport(long periods, long bills, long lines, long instancesRated) {

    public static final SettlementReport NONE = new SettlementReport(0, 0, 0, 0);

    public SettlementReport plus(SettlementReport o) {
        return new SettlementReport(periods + o.periods, bills + o.bills, lines + o.lines, instancesRated + o.instancesRated);
    }
}
