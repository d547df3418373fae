package io.billow.settlement;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.Catalog;
import io.billow.change.Adjustments;
import io.billow.catalog.Product;
import io.billow.event.EventLog;
import io.billow.metering.Meter;
import io.billow.metering.Metered;
import io.billow.rating.BillLine;
import io.billow.rating.CycleTotals;
import io.billow.rating.PeriodBill;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.instance.InstanceStore;
import io.billow.instance.SnapshotStore;
import io.billow.instance.TimelineCodec;
import io.billow.timeline.Segment;
import io.billow.timeline.Timeline;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final Catalog catalog;
    /** Rated lines remembered across batches; touched only by the reader thread. */
    private final RatedShapes shapes;
    /** Timeline payloads parsed once per distinct payload; reader thread only. */
    private final TimelineCodec.Decoder decoder = new TimelineCodec.Decoder();
    /** Snapshots by id, decoded once; reader thread only. */
    private final SnapshotStore.Cache snapshots = new SnapshotStore.Cache();
    private final int batchSize;
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
        this.catalog = catalog;
        this.shapes = new RatedShapes(new Rater(catalog.prices()));
        this.batchSize = batchSize;
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
        List<String> accounts = jdbi.withHandle(h -> h.createQuery("SELECT id FROM accounts WHERE settled_through = :s ORDER BY id")
                .bind("s", Timestamp.from(start)).mapTo(String.class).list());
        SettlementReport total = SettlementReport.NONE;
        for (String accountId : accounts) {
            total = total.plus(settleAccount(accountId, start, progress));
        }
        return total;
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
        AtomicBoolean skipBilled = new AtomicBoolean(partlySettled(accountId, start));
        if (skipBilled.get()) {
            LOG.info("account {} period {}: {}; instances already billed are skipped", accountId, start, RESUMING);
        }
        Deque<Future<Written>> writing = new ArrayDeque<>();
        boolean moved = false;
        try {
            Future<Prepared> next = reader.submit(() -> prepare(accountId, start, "", skipBilled.get()));
            while (!moved) {
                Prepared batch = next.get();
                if (batch == null || batch.scanned() == 0) {
                    break;
                }
                next = reader.submit(() -> prepare(accountId, start, batch.lastId(), skipBilled.get()));
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

    /** A batch and what writing it did: its lines, or null if the account had moved past the period. */
    private record Written(Prepared batch, Long lines) {
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
     * An instance of a batch's id range: {@code alive} if it existed at some time in the period;
     * its row's latest snapshot ({@code steady}, null if the row has none); its cycle totals before
     * the period (null if it has no bill in the cycle yet).
     */
    private record Candidate(String id, String product, String region, boolean alive, Latest steady, CycleTotals cycle) {
    }

    /** An instance row's latest snapshot (by id), in force since {@code since} (epoch seconds), made by event {@code eventIndex}. */
    private record Latest(long snapshotId, long since, int eventIndex) {

        Segment segment(SnapshotStore.Cache snapshots) {
            return new Segment(since, Long.MAX_VALUE, snapshots.get(snapshotId), eventIndex);
        }
    }

    /** A batch read and rated, not yet written. */
    /** @param rated instances billable in the period; {@code scanned} ids of the range, 0 when the account is done */
    /** @param lateUsage the account's count of late samples when the batch was read: a write finding another reads again */
    private record Prepared(String accountId, Instant start, String after, List<PeriodBill> bills, List<Long> adjustmentIds,
                            List<Integer> adjustmentBill, int rated, int scanned, String lastId, BatchRows rows, long lateUsage) {
    }

    /**
     * A batch's rows, ready to stream: bill ids and the ledger entry id are reserved from their
     * sequences when the batch is read (a batch redone after a conflict leaves a gap, never a
     * duplicate), and the binary COPY rows are encoded off the writer's thread.
     */
    private record BatchRows(long ledgerId, long firstBillId, BigDecimal payable, BinaryCopy bills, BinaryCopy lines) {
    }

    private static BatchRows rows(Handle h, Account account, Interval period, List<PeriodBill> bills, List<CycleTotals> cycleAfter,
                                  RatedShapes shapes) {
        if (bills.isEmpty()) {
            return null;
        }
        long firstId = h.createQuery("SELECT nextval('bill_ids')").mapTo(Long.class).one();
        long ledgerId = h.createQuery("SELECT nextval('ledger_entries_id_seq')").mapTo(Long.class).one();
        BigDecimal payable = BigDecimal.ZERO;
        BinaryCopy billRows = BinaryCopy.into("bills (id, account_id, instance_id, period_start, period_end, currency, gross, "
                + "rounding_discount, payable, cycle_gross, cycle_payable, ledger_entry_id)", 12);
        BinaryCopy lineRows = BinaryCopy.into(RatedShapes.LINE_COLUMNS, 13);
        for (int i = 0; i < bills.size(); i++) {
            PeriodBill b = bills.get(i);
            long id = firstId + i;
            payable = payable.add(b.payable());
            billRows.row().int8(id).text(account.id()).text(b.instanceId()).timestamptz(period.start()).timestamptz(period.end())
                    .text(b.currency()).numeric(b.gross()).numeric(b.roundingDiscount()).numeric(b.payable())
                    .numeric(cycleAfter.get(i).lines()).numeric(cycleAfter.get(i).payable()).int8(ledgerId);
            int n = 0;
            for (BillLine l : b.lines()) {
                lineRows.row().int8(id).int2(n++).fields(shapes.copyFields(l));
            }
        }
        return new BatchRows(ledgerId, firstId, payable, billRows.seal(), lineRows.seal());
    }

    /**
     * Writes a prepared batch; if another writer billed some of its instances in the meantime
     * (the unique key refuses the COPY and the transaction rolls back), reads it again and writes
     * what is left. Null if the account has moved past the period.
     */
    private Long writeOrRedo(Prepared batch, AtomicBoolean skipBilled) {
        Prepared current = batch;
        for (int attempt = 1; ; attempt++) {
            Prepared writing = current;
            beforeWrite.run();
            try {
                    return jdbi.inTransaction(h -> write(h, writing));
            } catch (RuntimeException conflict) {
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
    private Prepared readAgain(Prepared batch) {
        try {
            return reader.submit(() -> prepare(batch.accountId(), batch.start(), batch.after(), true)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("settlement interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("re-reading a settlement batch failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Reads and rates the next batch after {@code after}; null if the account already moved past
     * this period. {@code skipBilled} looks up which instances of the batch already have their
     * bill (a period resumed after a crash, or a batch another writer got to first); a period
     * settled from its start has none, and the unique key refuses a second bill all the same.
     */
    private Prepared prepare(String accountId, Instant start, String after, boolean skipBilled) {
        return jdbi.withHandle(h -> {
            Account account = AccountStore.find(h, accountId).orElseThrow();
            if (!account.settledThrough().equals(start)) {
                return null;
            }
            Instant end = start.plusSeconds(SettlementZone.PERIOD_SECONDS);
            Interval period = Interval.of(start, end);
            SettlementZone zone = account.settlementZone();
            List<Candidate> range = range(h, accountId, after, period, zone.monthlyCycleContaining(start).start());
            if (range.isEmpty()) {
                return new Prepared(accountId, start, after, List.of(), List.of(), List.of(), 0, 0, null, null, account.lateUsage());
            }
            String last = range.get(range.size() - 1).id();
            Set<String> billed = skipBilled ? billedIn(h, range, start) : Set.of();
            Map<String, List<Adjustments.Pending>> adjustments = Adjustments.pending(h, accountId, after, last);
            List<Candidate> rows = new ArrayList<>(range.size());
            List<String> changed = new ArrayList<>();
            List<Long> steadySnapshots = new ArrayList<>();
            for (Candidate c : range) {
                // An adjustment waiting for an instance released since (even on the period's first second) is billed all the same.
                if ((c.alive() || adjustments.containsKey(c.id())) && !billed.contains(c.id())) {
                    rows.add(c);
                    if (isSteady(c, product(c), period, zone)) {
                        steadySnapshots.add(c.steady().snapshotId());
                    } else {
                        changed.add(c.id());
                    }
                }
            }
            snapshots.load(h, steadySnapshots);
            if (rows.isEmpty()) {
                return new Prepared(accountId, start, after, List.of(), List.of(), List.of(), 0, range.size(), last, null,
                        account.lateUsage());
            }
            Map<String, Timeline> timelines = changed.isEmpty() ? Map.of() : InstanceStore.timelines(h, changed, decoder);
            List<PeriodBill> bills = new ArrayList<>(rows.size());
            List<CycleTotals> cycleAfter = new ArrayList<>(rows.size());
            List<Long> adjustmentIds = new ArrayList<>();
            List<Integer> adjustmentBill = new ArrayList<>();
            for (Candidate c : rows) {
                Product product = product(c);
                Rater.Pricing pricing = new Rater.Pricing(c.product(), c.region(), account.currency());
                List<BillLine> lines = isSteady(c, product, period, zone)
                        ? shapes.rateSteady(c.id(), c.steady().segment(snapshots), product, period, zone, pricing)
                        : rate(timelines.getOrDefault(c.id(), new Timeline(c.id())), product, period, zone, pricing);
                List<Adjustments.Pending> late = adjustments.getOrDefault(c.id(), List.of());
                if (lines == null && late.isEmpty()) {
                    continue;
                }
                if (lines == null) {
                    lines = List.of();
                }
                if (!late.isEmpty()) {
                    lines = new ArrayList<>(lines);
                    for (Adjustments.Pending p : late) {
                        lines.add(p.line());
                        adjustmentIds.add(p.id());
                        adjustmentBill.add(bills.size());
                    }
                }
                CycleTotals before = c.cycle() == null ? CycleTotals.EMPTY : c.cycle();
                PeriodBill bill = PeriodBill.of(c.id(), period, account.currency(), lines, before);
                bills.add(bill);
                cycleAfter.add(before.plus(bill));
            }
            return new Prepared(accountId, start, after, bills, adjustmentIds, adjustmentBill, rows.size(), range.size(), last,
                    rows(h, account, period, bills, cycleAfter, shapes), account.lateUsage());
        });
    }

    /** Writes a prepared batch under the account's lock; null if the account moved past the period meanwhile. */
    private static Long write(Handle h, Prepared batch) {
        try {
            return writeLocked(h, batch);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the settlement of " + batch.accountId() + " failed: " + e.getMessage(), e);
        }
    }

    private static Long writeLocked(Handle h, Prepared batch) throws SQLException {
        Account account = AccountStore.lockShared(h, batch.accountId());
        if (!account.settledThrough().equals(batch.start())) {
            return null;
        }
        if (account.lateUsage() != batch.lateUsage()) {
            // A late sample arrived since the batch was read, perhaps for one of its instances.
            throw new IllegalStateException("usage arrived late for account " + batch.accountId() + " while its batch was being rated");
        }
        if (batch.rows() == null) {
            return 0L;
        }
        Interval period = Interval.ofSeconds(batch.start(), SettlementZone.PERIOD_SECONDS);
        long lines = write(h, account, period, batch.rows());
        for (int a = 0; a < batch.adjustmentIds().size(); a++) {
            h.createUpdate("UPDATE adjustments SET bill_id = :b WHERE id = :id").bind("b", batch.rows().firstBillId() + batch.adjustmentBill().get(a))
                    .bind("id", batch.adjustmentIds().get(a)).execute();
        }
        return lines;
    }

    /** Which of the given instances already have their bill for the period starting at {@code start}. */
    private static Set<String> billedIn(Handle h, List<Candidate> instances, Instant start) {
        return new HashSet<>(h.createQuery("SELECT b.instance_id FROM unnest(:ids) AS i(id) JOIN bills b ON b.instance_id = i.id "
                        + "AND b.period_start = :s")
                .bind("ids", ids(instances)).bind("s", Timestamp.from(start)).mapTo(String.class).list());
    }

    private static String[] ids(List<Candidate> instances) {
        String[] ids = new String[instances.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = instances.get(i).id();
        }
        return ids;
    }

    /**
     * The batch's candidates: the next N ids of the account, taken from the (account_id, id)
     * index, so a batch costs N rows whatever the planner's statistics say. Each comes with its
     * cycle totals before the period: the running totals of its latest bill in the cycle, found
     * by one backward step on the (instance, period) key.
     */
    private List<Candidate> range(Handle h, String accountId, String after, Interval period, Instant cycleStart) {
        return h.createQuery("SELECT i.id, i.product, i.region, i.created_at < :end AND (i.released_at IS NULL OR i.released_at > :start), "
                        + "i.snapshot_id, extract(epoch FROM i.snapshot_since)::bigint, i.snapshot_event, c.cycle_gross, c.cycle_payable "
                        + "FROM (SELECT id, product, region, created_at, released_at, snapshot_id, snapshot_since, snapshot_event FROM instances "
                        + "WHERE account_id = :a AND id > :after ORDER BY id LIMIT :n) i "
                        + "LEFT JOIN LATERAL (SELECT cycle_gross, cycle_payable FROM bills b WHERE b.instance_id = i.id "
                        + "AND b.period_start >= :c AND b.period_start < :start ORDER BY b.period_start DESC LIMIT 1) c ON true "
                        + "ORDER BY i.id")
                .bind("a", accountId).bind("after", after).bind("n", batchSize).bind("c", Timestamp.from(cycleStart))
                .bind("start", Timestamp.from(period.start())).bind("end", Timestamp.from(period.end()))
                .map((rs, ctx) -> {
                    long snapshotId = rs.getLong(5);
                    Latest steady = rs.wasNull() ? null : new Latest(snapshotId, rs.getLong(6), rs.getInt(7));
                    BigDecimal cycleGross = rs.getBigDecimal(8);
                    CycleTotals cycle = cycleGross == null ? null : new CycleTotals(cycleGross, rs.getBigDecimal(9));
                    return new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), steady, cycle);
                })
                .list();
    }

    /** An instance's lines from its timeline, or null if it accrued nothing. */
    private List<BillLine> rate(Timeline timeline, Product product, Interval period, SettlementZone zone, Rater.Pricing pricing) {
        Metered metered = Meter.measure(timeline, product, period, zone);
        return metered.isEmpty() ? null : shapes.rate(metered, pricing);
    }

    private Product product(Candidate c) {
        return catalog.product(c.product())
                .orElseThrow(() -> new IllegalStateException("instance " + c.id() + " has an unknown product " + c.product()));
    }

    /** Whether the instance's row alone tells what it accrues in the period: it has not changed since before what the period meters. */
    private static boolean isSteady(Candidate c, Product product, Interval period, SettlementZone zone) {
        return c.steady() != null && c.steady().since() < Meter.quietBefore(product, period, zone).getEpochSecond();
    }

    /**
     * Bills and lines by COPY and one ledger entry for the batch. The balance is not touched
     * here: the period's close applies the sum of its entries once, so batches need only a
     * shared lock on the account and can be written side by side.
     */
    private static long write(Handle h, Account account, Interval period, BatchRows rows) throws SQLException {
        h.createUpdate("INSERT INTO ledger_entries (id, account_id, kind, amount, reference, at, bills) "
                        + "VALUES (:id, :a, 'SETTLEMENT', :amt, :r, :at, :n)")
                .bind("id", rows.ledgerId()).bind("a", account.id()).bind("amt", rows.payable().negate())
                .bind("r", "settlement:" + account.id() + ":" + period.start() + ":" + rows.firstBillId())
                .bind("at", Timestamp.from(period.end())).bind("n", rows.bills().count())
                .execute();
        rows.bills().copyInto(h.getConnection());
        rows.lines().copyInto(h.getConnection());
        return rows.lines().count();
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
