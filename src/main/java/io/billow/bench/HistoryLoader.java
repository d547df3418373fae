package io.billow.bench;

import io.billow.catalog.Catalog;
import io.billow.metering.Meter;
import io.billow.rating.BillLine;
import io.billow.rating.CycleTotals;
import io.billow.rating.PeriodBill;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.Timeline;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Puts days of hourly bills and lines in place for a benchmark fleet, as settlement would have
 * written them, without settling each hour: every instance of the fleet is unchanged since it was
 * created at the history's start, so an hour's lines of one shape are the same for all its
 * instances, and set-based INSERT … SELECT over (hours × instances) writes them day by day. The
 * tables' indexes are dropped for the load and built again afterwards, as a restore would.
 */
final class HistoryLoader {

    /** What a day of history takes on disk per instance: about 17 kB measured (bills, lines, indexes), twice (the SQL baseline has a copy), with margin. */
    private static final long BYTES_PER_INSTANCE_DAY = 2 * 24 * 800L;

    private HistoryLoader() {
    }

    /** When the fleet is created for {@code days} of history: a day before the measured hour when there is none. */
    static Instant createdAt(int days) {
        return BenchmarkFleet.HOUR_START.minusSeconds(86_400L * Math.max(1, days));
    }

    /** The days of history this disk holds for {@code instances}, at most {@code wanted}, keeping a quarter of the free space. */
    static int daysTheDiskHolds(Path dir, int instances, int wanted) throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        long perDay = Math.max(1, (long) instances * BYTES_PER_INSTANCE_DAY);
        return (int) Math.min(wanted, free * 3 / 4 / perDay);
    }

    /** Loads {@code days} of the account's history into bills and bill_lines; the bills loaded. */
    static long load(Jdbi jdbi, Catalog catalog, String account, int days, PrintStream out) {
        List<BenchmarkFleet.Shape> shapes = BenchmarkFleet.shapes(catalog, "USD");
        Instant first = BenchmarkFleet.HOUR_START.minusSeconds(86_400L * days);
        return jdbi.withHandle(h -> {
            h.execute("SET maintenance_work_mem = '1GB'");
            prepare(h, catalog, account, shapes, first, days);
            long loaded = Indexes.without(h, List.of("bills", "bill_lines"), () -> {
                long bills = 0;
                for (int d = 0; d < days; d++) {
                    int day = d;
                    bills += h.inTransaction(t -> insertDay(t, account, day));
                    out.printf("\rhistory: day %d / %d loaded (%,d bills)", d + 1, days, bills);
                    out.flush();
                }
                out.printf("; building the indexes%n");
                return bills;
            });
            // One ledger entry per hour, as if each hour had been settled in one batch.
            h.createUpdate("INSERT INTO ledger_entries (id, account_id, kind, amount, reference, at, bills) "
                    + "SELECT l.ledger_id, :a, 'SETTLEMENT', -sum(l.payable * f.n), 'settlement:' || :a || ':' || l.p || ':history', "
                    + "l.p + interval '1 hour', sum(f.n) FROM bench_history_bills l "
                    + "JOIN (SELECT shape, count(*) AS n FROM bench_fleet GROUP BY shape) f USING (shape) GROUP BY l.ledger_id, l.p")
                    .bind("a", account).execute();
            h.execute("SELECT setval('ledger_entries_id_seq', (SELECT max(id) FROM ledger_entries))");
            h.execute("SELECT setval('bill_ids', (SELECT max(id) FROM bills))");
            h.execute("DROP TABLE bench_history_bills, bench_history_lines, bench_fleet");
            return loaded;
        });
    }

    /**
     * Small tables the load joins: the fleet's instances with their shape, each shape's lines for
     * one hour (explanations with the hour left open), and each (hour, shape)'s bill figures with
     * the monthly cycle's running totals, computed here as settlement computes them.
     */
    private static void prepare(Handle h, Catalog catalog, String account, List<BenchmarkFleet.Shape> shapes, Instant first, int days) {
        h.execute("CREATE UNLOGGED TABLE bench_fleet (id text, ord int, shape int)");
        // the fleet's instance ids end in their ordinal; the fleet gives instance i the shape i mod (number of shapes)
        h.createUpdate("INSERT INTO bench_fleet SELECT id, right(id, 8)::int, right(id, 8)::int % :n FROM instances WHERE account_id = :a")
                .bind("n", shapes.size()).bind("a", account).execute();
        h.execute("CREATE UNLOGGED TABLE bench_history_lines (shape int, line_no smallint, item text, spec text, billing_method text, "
                + "quantity numeric, quantity_unit text, unit_price numeric, unit_size bigint, price_unit text, amount numeric, "
                + "explanation text)");
        h.execute("CREATE UNLOGGED TABLE bench_history_bills (n int, p timestamptz, day int, shape int, ledger_id bigint, "
                + "gross numeric, rounding_discount numeric, payable numeric, cycle_gross numeric, cycle_payable numeric, s text, e text)");
        Rater rater = new Rater(catalog.prices());
        Interval sample = Interval.ofSeconds(first, 3600);
        List<List<BillLine>> hourly = new ArrayList<>();
        PreparedBatch lines = h.prepareBatch("INSERT INTO bench_history_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int s = 0; s < shapes.size(); s++) {
            BenchmarkFleet.Shape shape = shapes.get(s);
            Timeline t = BenchmarkFleet.timeline("history", shape, 0, new Random(1), first);
            List<BillLine> rated = rater.rate(Meter.measure(t, shape.product(), sample, SettlementZone.UTC),
                    new Rater.Pricing(shape.product().code(), shape.region(), "USD"), Map.of());
            hourly.add(rated);
            for (int n = 0; n < rated.size(); n++) {
                BillLine l = rated.get(n);
                String explanation = l.explanation().toString().replace(sample.start().toString(), "{s}")
                        .replace(sample.end().toString(), "{e}");
                lines.add(s, n, l.item(), l.spec(), l.method().name(), l.quantity(), l.quantityUnit(), l.unitPrice(), l.unitSize(),
                        l.priceUnit(), l.amount(), explanation);
            }
        }
        lines.execute();
        long ledgerBase = h.createQuery("SELECT nextval('ledger_entries_id_seq')").mapTo(Long.class).one();
        PreparedBatch bills = h.prepareBatch("INSERT INTO bench_history_bills VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int s = 0; s < shapes.size(); s++) {
            if (hourly.get(s).isEmpty()) {
                continue; // a shape that accrues nothing in an hour has no bill
            }
            CycleTotals cycle = CycleTotals.EMPTY;
            for (int n = 0; n < days * 24; n++) {
                Interval hour = Interval.ofSeconds(first.plusSeconds(3600L * n), 3600);
                if (SettlementZone.UTC.monthlyCycleContaining(hour.start()).start().equals(hour.start())) {
                    cycle = CycleTotals.EMPTY; // a new month's rounding cycle
                }
                PeriodBill b = PeriodBill.of("history", hour, "USD", hourly.get(s), cycle);
                cycle = cycle.plus(b);
                bills.add(n, Timestamp.from(hour.start()), n / 24, s, ledgerBase + n, b.gross(), b.roundingDiscount(), b.payable(),
                        cycle.lines(), cycle.payable(), hour.start().toString(), hour.end().toString());
            }
        }
        bills.execute();
        h.execute("ANALYZE bench_fleet, bench_history_lines, bench_history_bills");
    }

    /** One day of bills and lines, in settlement's order (hour by hour, instances by id); ids are unique by (hour, instance). */
    private static long insertDay(Handle h, String account, int day) {
        int fleet = h.createQuery("SELECT count(*) FROM bench_fleet").mapTo(Integer.class).one();
        long bills = h.createUpdate("INSERT INTO bills (id, account_id, instance_id, period_start, period_end, currency, gross, "
                        + "rounding_discount, payable, cycle_gross, cycle_payable, ledger_entry_id) "
                        + "SELECT b.n::bigint * :f + f.ord + 1, :a, f.id, b.p, b.p + interval '1 hour', 'USD', b.gross, b.rounding_discount, "
                        + "b.payable, b.cycle_gross, b.cycle_payable, b.ledger_id FROM bench_history_bills b JOIN bench_fleet f USING (shape) "
                        + "WHERE b.day = :d ORDER BY b.n, f.id")
                .bind("f", fleet).bind("a", account).bind("d", day).execute();
        h.createUpdate("INSERT INTO bill_lines (bill_id, line_no, item, spec, billing_method, quantity, quantity_unit, unit_price, "
                        + "unit_size, price_unit, amount, adjustment, explanation) "
                        + "SELECT b.n::bigint * :f + f.ord + 1, l.line_no, l.item, l.spec, l.billing_method, l.quantity, l.quantity_unit, "
                        + "l.unit_price, l.unit_size, l.price_unit, l.amount, false, replace(replace(l.explanation, '{s}', b.s), '{e}', b.e) "
                        + "FROM bench_history_bills b JOIN bench_fleet f USING (shape) JOIN bench_history_lines l USING (shape) "
                        + "WHERE b.day = :d ORDER BY b.n, f.id, l.line_no")
                .bind("f", fleet).bind("d", day).execute();
        return bills;
    }
}
