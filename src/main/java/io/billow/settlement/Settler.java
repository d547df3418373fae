package io.billow.settlement;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.Catalog;
import io.billow.change.Adjustments;
import io.billow.catalog.Product;
import io.billow.event.EventLog;
import io.billow.instance.InstanceStore;
import io.billow.metering.Meter;
import io.billow.metering.Metered;
import io.billow.rating.BillLine;
import io.billow.rating.CycleTotals;
import io.billow.rating.PeriodBill;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.Timeline;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hourly settlement, exactly once. For each account whose next period has ended, the
 * instances alive in the period are rated in batches; each batch's bills, lines, ledger entry
 * and balance change commit in one transaction, and the unique (instance, period) key of bills
 * makes a retried batch skip what is already billed. The account's cursor moves past the period
 * only when every instance has been billed, so a crash at any point resumes where it stopped.
 */
public final class Settler {

    /** A limit on everything: no batch holds more instances than this. */
    public static final int MAX_BATCH = 10_000;

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Rater rater;
    private final int batchSize;

    public Settler(Jdbi jdbi, Catalog catalog, int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be within 1.." + MAX_BATCH);
        }
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.rater = new Rater(catalog.prices());
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
            total = total.plus(settleAccountPeriod(accountId, start, progress));
        }
        return total;
    }

    private SettlementReport settleAccountPeriod(String accountId, Instant start, Progress progress) {
        SettlementReport report = new SettlementReport(1, 0, 0, 0);
        String after = "";
        while (true) {
            String from = after;
            BatchResult batch = jdbi.inTransaction(h -> {
                try {
                    return settleBatch(h, accountId, start, from);
                } catch (SQLException e) {
                    throw new IllegalStateException("settlement batch of " + accountId + " failed: " + e.getMessage(), e);
                }
            });
            if (batch == null) {
                break;
            }
            report = report.plus(new SettlementReport(0, batch.bills, batch.lines, batch.rated));
            progress.advanced(report.instancesRated(), "instances rated for " + accountId + " period " + start);
            if (batch.lastId == null) {
                break;
            }
            after = batch.lastId;
        }
        closePeriod(accountId, start);
        return report;
    }

    private record BatchResult(long bills, long lines, long rated, String lastId) {
    }

    /** One batch in one transaction; null if the account already moved past this period. */
    private BatchResult settleBatch(Handle h, String accountId, Instant start, String after) throws SQLException {
        Account account = AccountStore.lock(h, accountId);
        if (!account.settledThrough().equals(start)) {
            return null;
        }
        Instant end = start.plusSeconds(SettlementZone.PERIOD_SECONDS);
        Interval period = Interval.of(start, end);
        List<String[]> rows = h.createQuery("SELECT i.id, i.product, i.region FROM instances i WHERE i.account_id = :a AND i.id > :after "
                        + "AND i.created_at < :end AND (i.released_at IS NULL OR i.released_at > :start) "
                        + "AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.instance_id = i.id AND b.period_start = :start) "
                        + "ORDER BY i.id LIMIT :n")
                .bind("a", accountId).bind("after", after).bind("start", Timestamp.from(start)).bind("end", Timestamp.from(end))
                .bind("n", batchSize)
                .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        if (rows.isEmpty()) {
            return new BatchResult(0, 0, 0, null);
        }
        List<String> ids = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            ids.add(r[0]);
        }
        Map<String, Timeline> timelines = InstanceStore.timelines(h, ids);
        SettlementZone zone = account.settlementZone();
        Instant cycleStart = zone.monthlyCycleContaining(start).start();
        Map<String, CycleTotals> cycles = cycleTotals(h, ids, cycleStart, start);
        Map<String, List<Adjustments.Pending>> adjustments = Adjustments.pending(h, ids);

        List<PeriodBill> bills = new ArrayList<>(rows.size());
        List<Long> adjustmentIds = new ArrayList<>();
        List<Integer> adjustmentBill = new ArrayList<>();
        for (String[] r : rows) {
            Timeline timeline = timelines.get(r[0]);
            Product product = catalog.product(r[1]).orElse(null);
            if (timeline == null || product == null) {
                throw new IllegalStateException("instance " + r[0] + " has no timeline or an unknown product " + r[1]);
            }
            Metered metered = Meter.measure(timeline, product, period, zone);
            List<Adjustments.Pending> late = adjustments.getOrDefault(r[0], List.of());
            if (metered.isEmpty() && late.isEmpty()) {
                continue;
            }
            List<BillLine> lines = rater.rate(metered, new Rater.Pricing(r[1], r[2], account.currency()), Map.of());
            if (!late.isEmpty()) {
                lines = new ArrayList<>(lines);
                for (Adjustments.Pending p : late) {
                    lines.add(p.line());
                    adjustmentIds.add(p.id());
                    adjustmentBill.add(bills.size());
                }
            }
            bills.add(PeriodBill.of(r[0], period, account.currency(), lines, cycles.getOrDefault(r[0], CycleTotals.EMPTY)));
        }
        List<Long> billIds = new ArrayList<>();
        long lineCount = write(h, account, period, bills, billIds);
        for (int a = 0; a < adjustmentIds.size(); a++) {
            h.createUpdate("UPDATE adjustments SET bill_id = :b WHERE id = :id").bind("b", billIds.get(adjustmentBill.get(a)))
                    .bind("id", adjustmentIds.get(a)).execute();
        }
        return new BatchResult(bills.size(), lineCount, rows.size(), rows.get(rows.size() - 1)[0]);
    }

    private static Map<String, CycleTotals> cycleTotals(Handle h, List<String> ids, Instant cycleStart, Instant periodStart) {
        Map<String, CycleTotals> totals = new HashMap<>();
        if (!cycleStart.isBefore(periodStart)) {
            return totals;
        }
        h.createQuery("SELECT instance_id, sum(gross), sum(payable) FROM bills WHERE instance_id = ANY(:ids) "
                        + "AND period_start >= :c AND period_start < :s GROUP BY instance_id")
                .bindArray("ids", String.class, ids).bind("c", Timestamp.from(cycleStart)).bind("s", Timestamp.from(periodStart))
                .map((rs, ctx) -> totals.put(rs.getString(1), new CycleTotals(rs.getBigDecimal(2), rs.getBigDecimal(3))))
                .forEach(x -> { });
        return totals;
    }

    /** Bills and lines by COPY, one ledger entry for the batch, the balance, and the overdue mark. */
    private static long write(Handle h, Account account, Interval period, List<PeriodBill> bills, List<Long> billIds) throws SQLException {
        if (bills.isEmpty()) {
            return 0;
        }
        billIds.addAll(h.createQuery("SELECT nextval('bill_ids') FROM generate_series(1, :n)").bind("n", bills.size())
                .mapTo(Long.class).list());
        BigDecimal payable = BigDecimal.ZERO;
        for (PeriodBill b : bills) {
            payable = payable.add(b.payable());
        }
        Instant at = period.end();
        long ledgerId = AccountStore.ledger(h, account.id(), "SETTLEMENT", payable.negate(),
                "settlement:" + account.id() + ":" + period.start() + ":" + billIds.get(0), at);
        CopyWriter billRows = new CopyWriter("bills (id, account_id, instance_id, period_start, period_end, currency, gross, "
                + "rounding_discount, payable, ledger_entry_id)");
        CopyWriter lineRows = new CopyWriter("bill_lines (bill_id, line_no, item, spec, billing_method, quantity, quantity_unit, "
                + "unit_price, unit_size, price_unit, amount, adjustment, explanation)");
        String start = period.start().toString();
        String end = period.end().toString();
        for (int i = 0; i < bills.size(); i++) {
            PeriodBill b = bills.get(i);
            long id = billIds.get(i);
            billRows.value(id).value(account.id()).value(b.instanceId()).value(start).value(end).value(b.currency())
                    .value(b.gross()).value(b.roundingDiscount()).value(b.payable()).value(ledgerId).endRow();
            int n = 0;
            for (BillLine l : b.lines()) {
                lineRows.value(id).value(n++).value(l.item()).value(l.spec()).value(l.method().name()).value(l.quantity())
                        .value(l.quantityUnit()).value(l.unitPrice()).value(l.unitSize()).value(l.priceUnit()).value(l.amount())
                        .value(l.adjustment() ? "t" : "f").value(l.explain()).endRow();
            }
        }
        billRows.copyInto(h.getConnection());
        lineRows.copyInto(h.getConnection());
        BigDecimal balance = h.createQuery("UPDATE accounts SET balance = balance - :p WHERE id = :id RETURNING balance")
                .bind("p", payable).bind("id", account.id()).mapTo(BigDecimal.class).one();
        if (balance.signum() < 0 && account.overdueSince() == null) {
            h.createUpdate("UPDATE accounts SET overdue_since = :at WHERE id = :id").bind("at", Timestamp.from(at)).bind("id", account.id()).execute();
            EventLog.emit(h, account.id(), null, "account.overdue", at, EventLog.payload().put("balance", balance.toPlainString()));
        }
        return lineRows.count();
    }

    /** Moves the cursor past the period once no instance is left to bill, and reports it. */
    private void closePeriod(String accountId, Instant start) {
        jdbi.useTransaction(h -> {
            Account account = AccountStore.lock(h, accountId);
            if (!account.settledThrough().equals(start)) {
                return;
            }
            Instant end = start.plusSeconds(SettlementZone.PERIOD_SECONDS);
            var totals = h.createQuery("SELECT count(*), coalesce(sum(payable), 0) FROM bills WHERE account_id = :a AND period_start = :s")
                    .bind("a", accountId).bind("s", Timestamp.from(start))
                    .map((rs, ctx) -> new Object[]{rs.getLong(1), rs.getBigDecimal(2)}).one();
            h.createUpdate("UPDATE accounts SET settled_through = :e WHERE id = :a").bind("e", Timestamp.from(end)).bind("a", accountId).execute();
            EventLog.emit(h, accountId, null, "bills.settled", end, EventLog.payload().put("periodStart", start.toString())
                    .put("periodEnd", end.toString()).put("bills", (Long) totals[0]).put("payable", ((BigDecimal) totals[1]).toPlainString()));
        });
    }
}
