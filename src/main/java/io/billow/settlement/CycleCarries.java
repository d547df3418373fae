package io.billow.settlement;

import io.billow.rating.CycleTotals;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cycle totals an instance carries through hours it accrued nothing in (V18): bills are keyed
 * by (period, instance), so settlement finds an instance's totals by one probe at the previous
 * period, in its bill there or, for an hour without a bill, in its carry.
 */
final class CycleCarries {

    /** An instance that accrued nothing in the period, with the totals of its latest bill in the cycle. */
    record Carry(String instanceId, CycleTotals totals) {
    }

    private CycleCarries() {
    }

    /**
     * Writes the period's carries. A batch written again (after a conflict, or by another node)
     * writes the same figures, so one already there is kept.
     */
    static void write(Handle h, Instant periodStart, List<Carry> carries) {
        if (carries.isEmpty()) {
            return;
        }
        String[] ids = new String[carries.size()];
        // numbers as exact decimal text: the driver binds arrays of text, and the casts read them back
        String[] gross = new String[carries.size()];
        String[] payable = new String[carries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = carries.get(i).instanceId();
            gross[i] = carries.get(i).totals().lines().toPlainString();
            payable[i] = carries.get(i).totals().payable().toPlainString();
        }
        h.createUpdate("INSERT INTO cycle_carries (period_start, instance_id, cycle_gross, cycle_payable) "
                        + "SELECT :p, * FROM unnest(CAST(:ids AS text[]), CAST(:gross AS numeric[]), CAST(:payable AS numeric[])) ON CONFLICT DO NOTHING")
                .bind("p", Timestamp.from(periodStart)).bind("ids", ids).bind("gross", gross).bind("payable", payable).execute();
    }

    /**
     * The totals of the latest bill or carry of an instance from {@code cycleStart} to
     * {@code previous} (period starts), probing each period of that span backwards. For the rare
     * instance that was not there in the previous period but is billed now: one released earlier
     * whose adjustment arrived late.
     */
    static Optional<CycleTotals> latest(Handle h, String instanceId, Instant cycleStart, Instant previous) {
        String probes = "FROM generate_series(CAST(:prev AS timestamptz), CAST(:c AS timestamptz), interval '-1 hour') p(s) JOIN %s x "
                + "ON x.period_start = p.s AND x.instance_id = :i";
        return h.createQuery("SELECT g, pay FROM (SELECT x.period_start AS at, x.cycle_gross AS g, x.cycle_payable AS pay "
                        + probes.formatted("bills") + " UNION ALL SELECT x.period_start, x.cycle_gross, x.cycle_payable "
                        + probes.formatted("cycle_carries") + ") latest ORDER BY at DESC LIMIT 1")
                .bind("prev", Timestamp.from(previous)).bind("c", Timestamp.from(cycleStart)).bind("i", instanceId)
                .map((rs, ctx) -> new CycleTotals(rs.getBigDecimal(1), rs.getBigDecimal(2))).findOne();
    }

    /**
     * Deletes the carries no settlement reads again: those before the monthly cycle of every
     * account's last settled hour (the earliest such cycle start, over all accounts, since a
     * carry does not name its account). A lagging account keeps everyone's carries from its
     * cycle on until it moves on. Returns how many went.
     */
    static int purgeSpent(Handle h) {
        // The cycle start as SettlementZone computes it: the month at the account's standard offset.
        return h.createUpdate("DELETE FROM cycle_carries WHERE period_start < (SELECT min((date_trunc('month', "
                        + "(settled_through - interval '1 hour') AT TIME ZONE 'UTC' + make_interval(secs => standard_offset_s)) "
                        + "- make_interval(secs => standard_offset_s)) AT TIME ZONE 'UTC') FROM accounts)")
                .execute();
    }
}
