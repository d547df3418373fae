package io.billow.settlement;

import io.billow.change.Adjustments;
import io.billow.rating.BillLine;
import io.billow.rating.CycleTotals;
import io.billow.rating.PeriodBill;
import io.billow.time.Interval;

import java.util.ArrayList;
import java.util.List;

/**
 * What one settlement batch bills, built instance by instance: the bills with each one's cycle
 * totals after the period, the carries of instances billed nothing, and the adjustments billed.
 */
final class BatchBills {

    final List<PeriodBill> bills;
    final List<CycleTotals> cycleAfter;
    final List<CycleCarries.Carry> carries = new ArrayList<>();
    final List<Long> adjustmentIds = new ArrayList<>();
    final List<Integer> adjustmentBill = new ArrayList<>();

    BatchBills(int size) {
        bills = new ArrayList<>(size);
        cycleAfter = new ArrayList<>(size);
    }

    /** An instance's bill from its rated lines (null if it accrued nothing) and its pending adjustments. */
    void add(String instanceId, CycleTotals cycle, List<BillLine> lines, List<Adjustments.Pending> late, Interval period, String currency) {
        if (lines == null && late.isEmpty()) {
            if (cycle != null) {
                carries.add(new CycleCarries.Carry(instanceId, cycle));
            }
            return;
        }
        if (!late.isEmpty()) {
            // the rated lines may be a remembered list shared with other instances: add to a copy
            lines = lines == null ? new ArrayList<>() : new ArrayList<>(lines);
            for (Adjustments.Pending p : late) {
                lines.add(p.line());
                adjustmentIds.add(p.id());
                adjustmentBill.add(bills.size());
            }
        }
        CycleTotals before = cycle == null ? CycleTotals.EMPTY : cycle;
        PeriodBill bill = PeriodBill.of(instanceId, period, currency, lines, before);
        bills.add(bill);
        cycleAfter.add(before.plus(bill));
    }
}
