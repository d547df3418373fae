package io.billow.settlement;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.Catalog;
import io.billow.event.EventLog;
import io.billow.quota.AccountQuotas;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hourly settlement, exactly once. For each account whose next period has ended, the
 * instances alive in the period are rated in batches; each batch's bills, lines and ledger entry
 * commit in one transaction, and the (instance, period) key of bills makes a retried batch skip
 * what is already billed. The period's close applies its ledger entries to the balance and moves
 * the account's cursor past it, once every instance is billed, so a crash at any point resumes
 * where it stopped.
 *
 * <p>An instance that has not changed since before the period is metered from its row's latest
 * snapshot; only the timelines of instances that changed are read. A usage sample that arrives
 * for the period while it is being settled moves the account's late-usage count, and a batch
 * read before that is read again before it is written.
 */
public final class Settler {

    /** What the log says when a period of which some batches were written (before a crash) is taken up again. */
    public static final String RESUMING = "resuming a partly settled period";

    private static final Logger LOG = LoggerFactory.getLogger(Settler.class);

    /** A limit on everything: no batch holds more instances than this. */
    public static final int MAX_BATCH = 10_000; // also the block of bill ids one batch reserves (V2 migration)
    /** Writes of one batch that may meet another writer's bills before settlement gives up on the period. */
    static final int MAX_WRITE_ATTEMPTS = 8;

    private final Jdbi jdbi;
    private final AccountQuotas quotas;
    /** Reads and rates batches; used only on the reader thread (its memos belong to it). */
    private final BatchReader batches;
    /** Batches of one account written at the same time. */
    static final int WRITERS = 2;
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> {
        Thread t = new Thread(r, "billow-settlement-writer");
        t.setDaemon(true);
        return t;
    });
    /** Reads and rates the next batch while the current one is written; one thread for the server's life. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "billow-settlement-reader");
        t.setDaemon(true);
        return t;
    });

    /** Runs on a writer thread just before each batch's write: lets a test put work between a batch's read and its write. */
    private volatile Runnable beforeWrite = () -> { };

    void beforeEachWrite(Runnable hook) {
        this.beforeWrite = hook;
    }

    public Settler(Jdbi jdbi, Catalog catalog, int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be within 1.." + MAX_BATCH);
        }
        this.jdbi = jdbi;
        this.batches = new BatchReader(jdbi, catalog, batchSize);
        this.quotas = new AccountQuotas(code -> catalog.product(code).orElseThrow());
    }

    /** The end of the earliest unsettled period over all accounts, if any account has one. */
    public Optional<Instant> nextDue() {
        return jdbi.withHandle(h -> h.createQuery("SELECT min(settled_through) FROM accounts")
                .mapTo(Timestamp.class).findOne().map(t -> t.toInstant().plusSeconds(SettlementZone.PERIOD_SECONDS)));
    }

    /** Settles, in time order, every period that ended at or before {@code now}. */
    public SettlementReport settleUpTo(Instant now, Progress progress) {
        SettlementReport total = SettlementReport.NONE;
        while (true) {
            Instant due = nextDue().orElse(null);
            if (due == null || due.isAfter(now)) {
                return total;
            }
            total = total.plus(settleEndingAt(due, progress));
        }
    }

    /** Settles the period ending at {@code end} for every account whose cursor is at its start. */
    public SettlementReport settleEndingAt(Instant end, Progress progress) {
        Instant start = end.minusSeconds(SettlementZone.PERIOD_SECONDS);
        SettlementReport total = SettlementReport.NONE;
        for (String accountId : accountsAt(start)) {
            total = total.plus(settleAccount(accountId, start, progress));
        }
        purgeSpentCarries();
        return total;
    }

    /** Deletes the cycle carries of months every account has left behind; how many went. */
    public int purgeSpentCarries() {
        return jdbi.withHandle(CycleCarries::purgeSpent);
    }

    /** The accounts whose next period to settle starts at {@code start}, by id. */
    public List<String> accountsAt(Instant start) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM accounts WHERE settled_through = :s ORDER BY id")
                .bind("s", Timestamp.from(start)).mapTo(String.class).list());
    }

    /**
     * Settles one account's period starting at {@code start}, if its cursor is there: what each
     * node does for the accounts it claims. Safe to run on several nodes at once for the same
     * account; nothing is billed twice. The caller has decided that the period has ended (the
     * scheduler asks only for periods its clock has passed).
     *
     * <p>In batches: a reader thread reads and rates the next batch while earlier ones are
     * written; {@link #WRITERS} batches are written at once, each in its own transaction, so that
     * one's COPY runs while another waits for its commit to be durable.
     */
    public SettlementReport settleAccount(String accountId, Instant start, Progress progress) {
        SettlementReport report = new SettlementReport(1, 0, 0, 0);
        allocateQuotas(accountId, start);
        AtomicBoolean skipBilled = new AtomicBoolean(partlySettled(accountId, start));
        if (skipBilled.get()) {
            LOG.info("account {} period {}: {}; instances already billed are skipped", accountId, start, RESUMING);
        }
        Deque<Future<Written>> writing = new ArrayDeque<>();
        boolean moved = false;
        try {
            Future<SettlementBatch> next = reader.submit(() -> batches.read(accountId, start, "", skipBilled.get()));
            while (!moved) {
                SettlementBatch batch = next.get();
                if (batch == null || batch.scanned() == 0) {
                    break;
                }
                next = reader.submit(() -> batches.read(accountId, start, batch.lastId(), skipBilled.get()));
                if (writing.size() == WRITERS) {
                    Written w = writing.removeFirst().get();
                    moved = w.lines() == null;
                    report = report.plus(w.report());
                    progress.advanced(report.instancesRated(), "instances rated for " + accountId + " period " + start);
                }
                if (!moved) {
                    writing.addLast(writers.submit(() -> new Written(batch, writeOrRedo(batch, skipBilled))));
                }
            }
            while (!writing.isEmpty()) {
                Written w = writing.removeFirst().get();
                report = report.plus(w.report());
                progress.advanced(report.instancesRated(), "instances rated for " + accountId + " period " + start);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("settlement interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("settlement of " + accountId + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            // A failed period leaves no write running behind it: the next attempt starts clean.
            for (Future<Written> w : writing) {
                try {
                    w.get();
                } catch (InterruptedException | ExecutionException ignored) {
                    // already failing; the first cause is the one reported
                }
            }
        }
        closePeriod(accountId, start);
        return report;
    }

    /**
     * Hands the period's usage its share of the account-wide free quotas, in usage order, before
     * any of its instances is rated (a no-op for an account that reports none, or run again).
     */
    private void allocateQuotas(String accountId, Instant start) {
        jdbi.useTransaction(h -> {
            Account account = AccountStore.find(h, accountId).orElseThrow();
            if (account.settledThrough().equals(start)) {
                quotas.allocatePeriod(h, accountId, account.settlementZone(), Interval.ofSeconds(start, SettlementZone.PERIOD_SECONDS));
            }
        });
    }

    /** A batch and what writing it did: its lines, or null if the account had moved past the period. */
    private record Written(SettlementBatch batch, Long lines) {
        SettlementReport report() {
            return lines == null ? SettlementReport.NONE : new SettlementReport(0, batch.bills().size(), lines, batch.rated());
        }
    }

    /**
     * Whether some batch of this account's period is already written: a settlement resumed after
     * a crash. Every written batch books a ledger entry at the period's end.
     */
    private boolean partlySettled(String accountId, Instant start) {
        Instant end = start.plusSeconds(SettlementZone.PERIOD_SECONDS);
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE account_id = :a "
                + "AND kind = 'SETTLEMENT' AND at = :e)").bind("a", accountId).bind("e", Timestamp.from(end)).mapTo(Boolean.class).one());
    }

    /**
     * Writes a prepared batch; if another writer billed some of its instances in the meantime
     * (the unique key refuses the COPY and the transaction rolls back), reads it again and writes
     * what is left. Null if the account has moved past the period.
     */
    private Long writeOrRedo(SettlementBatch batch, AtomicBoolean skipBilled) {
        SettlementBatch current = batch;
        for (int attempt = 1; ; attempt++) {
            SettlementBatch writing = current;
            try {
                beforeWrite.run();
                return jdbi.inTransaction(h -> BatchWriter.write(h, writing));
            } catch (RuntimeException failure) {
                // Only a conflict with another writer is retried; anything else is a fault and surfaces.
                SettlementConflict conflict = SettlementConflict.of(failure).orElseThrow(() -> failure);
                if (attempt == MAX_WRITE_ATTEMPTS) {
                    throw conflict;
                }
                // Someone else is settling this account too: from now on, every batch skips what is billed.
                skipBilled.set(true);
                current = readAgain(batch);
                if (current == null) {
                    return null;
                }
            }
        }
    }

    /** The batch's range read again, skipping what is billed, on the reader thread (the memos belong to it). */
    private SettlementBatch readAgain(SettlementBatch batch) {
        try {
            return reader.submit(() -> batches.read(batch.accountId(), batch.start(), batch.after(), true)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("settlement interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("re-reading a settlement batch failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Once no instance is left to bill: applies the period's ledger entries to the balance, marks
     * the account overdue if it fell below zero, moves the cursor past the period and reports it,
     * all in one transaction, so the balance follows the ledger exactly once per period.
     */
    private void closePeriod(String accountId, Instant start) {
        jdbi.useTransaction(h -> {
            Account account = AccountStore.lock(h, accountId);
            if (!account.settledThrough().equals(start)) {
                return;
            }
            Instant end = start.plusSeconds(SettlementZone.PERIOD_SECONDS);
            var totals = h.createQuery("SELECT coalesce(sum(bills), 0), coalesce(-sum(amount), 0) FROM ledger_entries "
                            + "WHERE account_id = :a AND kind = 'SETTLEMENT' AND at = :e")
                    .bind("a", accountId).bind("e", Timestamp.from(end))
                    .map((rs, ctx) -> new Object[]{rs.getLong(1), rs.getBigDecimal(2)}).one();
            long bills = (Long) totals[0];
            BigDecimal payable = (BigDecimal) totals[1];
            BigDecimal balance = h.createQuery("UPDATE accounts SET balance = balance - :p, settled_through = :e WHERE id = :a RETURNING balance")
                    .bind("p", payable).bind("e", Timestamp.from(end)).bind("a", accountId).mapTo(BigDecimal.class).one();
            if (balance.signum() < 0 && account.overdueSince() == null) {
                h.createUpdate("UPDATE accounts SET overdue_since = :at WHERE id = :id").bind("at", Timestamp.from(end)).bind("id", accountId).execute();
                EventLog.emit(h, accountId, null, "account.overdue", end, EventLog.payload().put("balance", balance.toPlainString()));
            }
            if (bills == 0) {
                return; // nothing was billed: no event for an idle hour
            }
            EventLog.emit(h, accountId, null, "bills.settled", end, EventLog.payload().put("periodStart", start.toString())
                    .put("periodEnd", end.toString()).put("bills", bills).put("payable", payable.toPlainString()));
        });
    }
}
