package io.billow.settlement;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Writes a settlement batch in the caller's transaction: bills and lines by COPY and one ledger
 * entry. The balance is not touched here: the period's close applies the sum of its entries once,
 * so batches need only a shared lock on the account and can be written side by side.
 */
final class BatchWriter {

    private BatchWriter() {
    }

    /**
     * The batch's lines written, or null if the account moved past the period meanwhile. Throws
     * if the batch must be read again: a late sample arrived since, or (from the bills' key)
     * another writer billed some of its instances.
     */
    static Long write(Handle h, SettlementBatch batch) {
        try {
            return writeLocked(h, batch);
        } catch (SQLException e) {
            // Kept as the cause: SettlementConflict tells a unique violation from any other failure by it.
            throw new IllegalStateException("writing the settlement of " + batch.accountId() + " failed: " + e.getMessage(), e);
        }
    }

    private static Long writeLocked(Handle h, SettlementBatch batch) throws SQLException {
        Account account = AccountStore.lockShared(h, batch.accountId());
        if (!account.settledThrough().equals(batch.start())) {
            return null;
        }
        if (account.lateUsage() != batch.lateUsage()) {
            // A late sample arrived since the batch was read, perhaps for one of its instances.
            throw new SettlementConflict("usage arrived late for account " + batch.accountId() + " while its batch was being rated");
        }
        CycleCarries.write(h, batch.start(), batch.carries());
        SettlementBatch.Rows rows = batch.rows();
        if (rows == null) {
            return 0L;
        }
        Interval period = Interval.ofSeconds(batch.start(), SettlementZone.PERIOD_SECONDS);
        h.createUpdate("INSERT INTO ledger_entries (id, account_id, kind, amount, reference, at, bills) "
                        + "VALUES (:id, :a, 'SETTLEMENT', :amt, :r, :at, :n)")
                .bind("id", rows.ledgerId()).bind("a", account.id()).bind("amt", rows.payable().negate())
                .bind("r", "settlement:" + account.id() + ":" + period.start() + ":" + rows.firstBillId())
                .bind("at", Timestamp.from(period.end())).bind("n", rows.bills().count())
                .execute();
        rows.bills().copyInto(h.getConnection());
        rows.lines().copyInto(h.getConnection());
        for (int a = 0; a < batch.adjustmentIds().size(); a++) {
            h.createUpdate("UPDATE adjustments SET bill_id = :b WHERE id = :id").bind("b", rows.firstBillId() + batch.adjustmentBill().get(a))
                    .bind("id", batch.adjustmentIds().get(a)).execute();
        }
        return (long) rows.lines().count();
    }
}
