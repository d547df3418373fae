package io.billow.bench;

import io.billow.catalog.Catalog;
import io.billow.catalog.Granularity;
import io.billow.metering.Accrual;
import io.billow.metering.Meter;
import io.billow.metering.Metered;
import io.billow.rating.BillLine;
import io.billow.rating.Rater;
import io.billow.settlement.CopyWriter;
import io.billow.time.SettlementZone;
import io.billow.timeline.Timeline;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline a settlement is measured against: a plain set-based SQL settlement of the same
 * hour on the same database. It keeps what a SQL-only billing system would keep, state events
 * (from each change on, an item accrues at a rate) and a price table, and settles the hour in one
 * transaction: window functions turn the state events into stretches, clipped to the hour and
 * priced, one INSERT … SELECT writes the bills and one the lines, into tables indexed like
 * Billow's own and holding the same history. Its state events come from the same timelines as
 * Billow's instances, so its lines must equal Billow's.
 */
final class SqlSettlement {

    /** A plain settlement's outcome: bills and lines written, and the seconds its transaction took. */
    record Result(long bills, long lines, double seconds) {
    }

    private final Rater rater;
    private final CopyWriter states = new CopyWriter("bench_states (instance_id, at, item, spec, billing_method, rate)");
    private final Map<List<String>, BillLine> prices = new HashMap<>();
    /** How an item of each price key bills an hour: PEAK or LAST rate for the whole hour, or null for by the second. */
    private final Map<List<String>, String> hourly = new HashMap<>();

    SqlSettlement(Catalog catalog) {
        this.rater = new Rater(catalog.prices());
    }

    /** The baseline's own tables: state events, prices, and bills and lines indexed like Billow's. */
    static void createTables(Handle h) {
        h.execute("CREATE TABLE bench_states (instance_id text NOT NULL, at timestamptz NOT NULL, item text NOT NULL, "
                + "spec text NOT NULL, billing_method text NOT NULL, rate numeric NOT NULL)");
        h.execute("CREATE TABLE bench_prices (product text, region text, item text, spec text, billing_method text, quantity_unit text, "
                + "unit_price numeric, unit_size bigint, price_unit text, hourly text, PRIMARY KEY (product, region, item, spec, billing_method))");
        h.execute("CREATE TABLE sql_bills (LIKE bills INCLUDING ALL)");
        h.execute("CREATE TABLE sql_bill_lines (LIKE bill_lines INCLUDING ALL)");
    }

    /**
     * The state events of one instance of the fleet: what each item accrues at from each change
     * on (a stretch that stops before the hour's end is followed by a rate of zero), and the
     * price of every (product, region, item, spec) met.
     */
    void add(Timeline t, BenchmarkFleet.Shape s) {
        Metered metered = Meter.measure(t, s.product(), BenchmarkFleet.HOUR, SettlementZone.UTC);
        long hourStart = BenchmarkFleet.HOUR.start().getEpochSecond();
        long hourEnd = BenchmarkFleet.HOUR.end().getEpochSecond();
        boolean priced = true;
        for (Accrual a : metered.accruals()) {
            Instant at = a.start() == hourStart ? t.createdAt() : Instant.ofEpochSecond(a.start());
            states.value(t.instanceId()).value(at).value(a.item().code()).value(a.spec()).value(a.method().name()).value(a.rate()).endRow();
            if (a.end() < hourEnd && metered.accruals().stream().noneMatch(b -> b.item().equals(a.item()) && b.start() == a.end())) {
                states.value(t.instanceId()).value(Instant.ofEpochSecond(a.end())).value(a.item().code()).value(a.spec())
                        .value(a.method().name()).value(BigDecimal.ZERO).endRow();
            }
            List<String> key = priceKey(s, a.item().code(), a.spec(), a.method().name());
            priced &= prices.containsKey(key);
            if (a.item().granularity() == Granularity.HOUR && !hourly.containsKey(key)) {
                hourly.put(key, a.item().conditions().hourAtLast() ? "LAST" : "PEAK");
            }
        }
        if (!priced) {
            for (BillLine l : rater.rate(metered, new Rater.Pricing(s.product().code(), s.region(), "USD"), Map.of())) {
                prices.putIfAbsent(priceKey(s, l.item(), l.spec(), l.method().name()), l);
            }
        }
    }

    private static List<String> priceKey(BenchmarkFleet.Shape s, String item, String spec, String method) {
        return List.of(s.product().code(), s.region(), item, spec, method);
    }

    /** Writes the state events gathered so far (in the caller's transaction). */
    void flush(Handle h) throws SQLException {
        states.copyInto(h.getConnection());
    }

    /** Writes the price table, once every instance is added. */
    void finish(Handle h) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO bench_prices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        prices.forEach((k, l) -> batch.add(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), l.quantityUnit(), l.unitPrice(),
                l.unitSize(), l.priceUnit(), hourly.get(k)));
        batch.execute();
        h.execute("CREATE INDEX bench_states_instance ON bench_states (instance_id, item, at)");
        h.execute("ANALYZE bench_states, bench_prices");
    }

    /** The same history in the baseline's tables as in Billow's (their indexes built after the copy). */
    static void copyHistory(Handle h) {
        Indexes.without(h, List.of("sql_bills", "sql_bill_lines"), () -> {
            h.execute("INSERT INTO sql_bills SELECT * FROM bills");
            h.execute("INSERT INTO sql_bill_lines SELECT * FROM bill_lines");
            return null;
        });
    }

    /** Settles the account's benchmark hour in one transaction: one statement, its bills and lines each one INSERT … SELECT. */
    static Result settle(Jdbi jdbi, String account) {
        Instant start = BenchmarkFleet.HOUR.start();
        Instant cycle = SettlementZone.UTC.monthlyCycleContaining(start).start();
        long base = jdbi.withHandle(h -> h.createQuery("SELECT coalesce(max(id), 0) FROM sql_bills").mapTo(Long.class).one());
        // Fresh statistics, as anyone running such a job would keep: without them the planner takes
        // the bills table for empty and scans it once per instance for the cycle so far.
        jdbi.useHandle(h -> h.execute("ANALYZE sql_bills, instances"));
        long t0 = System.nanoTime();
        long lines = jdbi.inTransaction(h -> h.createUpdate("WITH seg AS ("
                        + "SELECT s.instance_id, i.product, i.region, s.item, s.spec, s.billing_method, s.rate, greatest(s.at, :start) AS f, "
                        + "least(coalesce(lead(s.at) OVER (PARTITION BY s.instance_id, s.item ORDER BY s.at), :end), :end) AS t "
                        + "FROM bench_states s JOIN instances i ON i.id = s.instance_id WHERE i.account_id = :a AND s.at < :end), "
                        // an HOUR item bills the whole hour at its peak (or last) rate; the others bill their seconds
                        + "q AS (SELECT seg.instance_id, seg.product, seg.region, seg.item, seg.spec, seg.billing_method, p.quantity_unit, "
                        + "p.unit_price, p.unit_size, p.price_unit, CASE p.hourly WHEN 'PEAK' THEN max(seg.rate) * 3600 "
                        + "WHEN 'LAST' THEN (array_agg(seg.rate ORDER BY seg.f DESC))[1] * 3600 "
                        + "ELSE sum(seg.rate * extract(epoch FROM seg.t - seg.f)) END AS quantity "
                        + "FROM seg JOIN bench_prices p USING (product, region, item, spec, billing_method) WHERE seg.t > seg.f "
                        + "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, p.hourly), "
                        + "l AS (SELECT q.*, round(quantity * unit_price / unit_size, 6) AS amount, "
                        + "row_number() OVER (PARTITION BY instance_id ORDER BY item, spec) - 1 AS line_no, "
                        // each bill's id follows from its instance's rank, so the lines need no join with the inserted bills;
                        // the bills go in in id order, and that sort reads every cycle-so-far figure before the first insert
                        // (read while inserting, each lookup would walk the rows inserted so far)
                        + "dense_rank() OVER (ORDER BY instance_id) AS n FROM q), "
                        + "g AS (SELECT instance_id, n, sum(amount) AS gross FROM l GROUP BY instance_id, n), "
                        + "c AS (SELECT g.*, coalesce(x.cycle_gross, 0) AS cg, coalesce(x.cycle_payable, 0) AS cp FROM g LEFT JOIN LATERAL "
                        // the latest bill of the cycle is the previous hour's, probed on the (period, instance) key like
                        // Billow's (a plain job's shortcut: every instance of this fleet bills every hour)
                        + "(SELECT cycle_gross, cycle_payable FROM sql_bills b WHERE b.period_start = :prev AND b.instance_id = g.instance_id "
                        + "AND b.period_start >= :c) x ON true), "
                        + "b AS (INSERT INTO sql_bills (id, account_id, instance_id, period_start, period_end, currency, gross, rounding_discount, "
                        + "payable, cycle_gross, cycle_payable, ledger_entry_id) "
                        + "SELECT :base + n, :a, instance_id, :start, :end, 'USD', gross, gross - (floor((cg + gross) * 100) / 100 - cp), "
                        + "floor((cg + gross) * 100) / 100 - cp, cg + gross, floor((cg + gross) * 100) / 100, 0 FROM c ORDER BY n) "
                        + "INSERT INTO sql_bill_lines (bill_id, line_no, item, spec, billing_method, quantity, quantity_unit, unit_price, unit_size, "
                        + "price_unit, amount, adjustment, explanation) "
                        + "SELECT :base + l.n, l.line_no, l.item, l.spec, l.billing_method, l.quantity, l.quantity_unit, l.unit_price, l.unit_size, "
                        + "l.price_unit, l.amount, false, format('price %s/%s/%s/%s/USD; [%s, %s) at %s', l.product, l.item, l.spec, l.region, "
                        + "CAST(:start AS timestamptz), CAST(:end AS timestamptz), l.quantity) FROM l")
                .bind("a", account).bind("start", Timestamp.from(start)).bind("end", Timestamp.from(BenchmarkFleet.HOUR.end()))
                .bind("c", Timestamp.from(cycle)).bind("prev", Timestamp.from(start.minusSeconds(3600))).bind("base", base).execute());
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bills = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM sql_bills WHERE period_start = :s AND account_id = :a")
                .bind("s", Timestamp.from(start)).bind("a", account).mapTo(Long.class).one());
        return new Result(bills, lines, seconds);
    }

    /** How the baseline's lines compare with Billow's for the hour: one sentence, with any difference counted. */
    static String compare(Jdbi jdbi, String account) {
        String billow = "SELECT b.instance_id, l.item, l.spec, l.quantity, l.amount FROM bills b JOIN bill_lines l ON l.bill_id = b.id "
                + "WHERE b.account_id = :a AND b.period_start = :s";
        String plain = billow.replace("FROM bills b JOIN bill_lines", "FROM sql_bills b JOIN sql_bill_lines");
        return jdbi.withHandle(h -> {
            long differing = h.createQuery("SELECT count(*) FROM ((" + billow + " EXCEPT ALL " + plain + ") UNION ALL (" + plain
                            + " EXCEPT ALL " + billow + ")) d")
                    .bind("a", account).bind("s", Timestamp.from(BenchmarkFleet.HOUR.start())).mapTo(Long.class).one();
            String totals = "SELECT count(*) || ' lines, amounts ' || coalesce(sum(amount), 0) FROM (%s) x";
            String mine = h.createQuery(String.format(totals, billow)).bind("a", account)
                    .bind("s", Timestamp.from(BenchmarkFleet.HOUR.start())).mapTo(String.class).one();
            String theirs = h.createQuery(String.format(totals, plain)).bind("a", account)
                    .bind("s", Timestamp.from(BenchmarkFleet.HOUR.start())).mapTo(String.class).one();
            return differing == 0 && mine.equals(theirs)
                    ? "SQL baseline's lines equal Billow's: " + mine + " in both, 0 differing (EXCEPT ALL both ways)"
                    : "SQL baseline's lines DIFFER from Billow's: Billow " + mine + ", SQL " + theirs + ", " + differing + " differing";
        });
    }
}
