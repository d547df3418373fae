package io.billow.settlement;

import io.billow.rating.PeriodBill;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A batch of one account's period, read and rated, not yet written.
 *
 * @param after          the id the batch's range starts after
 * @param carries        instances billed nothing in the period whose cycle totals go forward ({@link CycleCarries})
 * @param adjustmentIds  pending adjustments the batch bills, each in the bill at the same index of {@code adjustmentBill}
 * @param rated          instances billable in the period
 * @param scanned        ids of the range; 0 when the account has no instance left
 * @param rows           the bills and lines to stream, null if the batch bills nothing
 * @param lateUsage      the account's count of late samples when the batch was read: a write finding another reads again
 */
record SettlementBatch(String accountId, Instant start, String after, List<PeriodBill> bills, List<CycleCarries.Carry> carries,
                       List<Long> adjustmentIds,
                       List<Integer> adjustmentBill, int rated, int scanned, String lastId, Rows rows, long lateUsage) {

    /** A batch that bills nothing: the account has no instance left after {@code after} ({@code scanned} 0), or none billable. */
    static SettlementBatch empty(String accountId, Instant start, String after, int scanned, String lastId, long lateUsage) {
        return new SettlementBatch(accountId, start, after, List.of(), List.of(), List.of(), List.of(), 0, scanned, lastId, null, lateUsage);
    }

    /**
     * A batch's rows, ready to stream: bill ids and the ledger entry id are reserved from their
     * sequences when the batch is read (a batch redone after a conflict leaves a gap, never a
     * duplicate), and the binary COPY rows are encoded off the writer's thread.
     */
    record Rows(long ledgerId, long firstBillId, BigDecimal payable, BinaryCopy bills, BinaryCopy lines) {
    }
}
