package io.billow.bench;

import io.billow.catalog.Catalog;
import io.billow.catalog.CatalogLoader;
import io.billow.instance.SnapshotStore;
import io.billow.instance.SteadySnapshot;
import io.billow.instance.TimelineCodec;
import io.billow.settlement.CopyWriter;
import io.billow.settlement.SettlementReport;
import io.billow.settlement.Settler;
import io.billow.store.Database;
import io.billow.store.DatabaseUrl;
import io.billow.store.ThrowAwayDirectory;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code billow bench settle}: creates N instances of the benchmark fleet, optionally with days of
 * their bills already in place, settles the next period, and in the same run on the same database
 * times a plain set-based SQL settlement of the same hour (its lines checked equal to Billow's)
 * and a raw COPY of the same bill lines into an identically indexed copy of the bill-lines table.
 * The ratios of the rates are the figures.
 */
public final class SettleBenchmark {

    private static final int CHUNK = 50_000;
    /**
     * Instances of the warm-up account at most, settled before the measured one; up to this, as
     * many as the measured fleet. A smaller warm-up left the compiled reader with branches it had
     * never seen taken (a memo starting afresh, a long hash chain), and the measured hour paid
     * for recompiling it, seconds of CPU on two cores, each time it first took one.
     */
    private static final int WARM_UP = 1_000_000;
    /** Hours the warm-up account is settled: enough for the JIT compiler to reach the reader's largest methods. */
    private static final int WARM_UP_HOURS = 3;

    private SettleBenchmark() {
    }

    public static void run(int instances, String dbUrl, Path dataDir, PrintStream out) throws Exception {
        run(instances, 0, dbUrl, dataDir, out);
    }

    /** As {@link #run(int, String, Path, PrintStream)}, on a database already holding {@code historyDays} days of the fleet's bills. */
    public static void run(int instances, int historyDays, String dbUrl, Path dataDir, PrintStream out) throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("billow-bench-");
        try {
            runIn(dir, instances, historyDays, dbUrl, out);
        } finally {
            if (dataDir == null) {
                ThrowAwayDirectory.deleteQuietly(dir, "the benchmark's temporary database", System.err);
            }
        }
    }

    private static void runIn(Path dir, int instances, int historyDays, String dbUrl, PrintStream out) throws Exception {
        try (Database db = dbUrl != null ? Database.external(DatabaseUrl.parse(dbUrl), 4) : Database.startEmbedded(dir)) {
            Jdbi jdbi = db.jdbi();
            Catalog catalog = CatalogLoader.fromClasspath();
            String run = Long.toHexString(System.nanoTime());
            String account = "acc-bench-" + run;
            String warmUpAccount = "acc-bench-warm-up-" + run;
            int warmUp = Math.min(instances, WARM_UP);
            int days = historyDays(dir, instances, historyDays, out);
            createAccount(jdbi, account);
            createAccount(jdbi, warmUpAccount);
            jdbi.useHandle(SqlSettlement::createTables);
            out.printf("%,d instances to settle, and %,d of another account to warm up on%n", instances, warmUp);
            // The warm-up fleet's changes are spread over its hours, so every hour it settles has
            // changed instances to read timelines for, and all but the first have cycle totals:
            // the paths the measured hour takes, fresh or with history.
            generate(jdbi, catalog, warmUpAccount, warmUp, BenchmarkFleet.HOUR_START.minusSeconds(86_400), WARM_UP_HOURS, null, out);
            SqlSettlement baseline = new SqlSettlement(catalog);
            generate(jdbi, catalog, account, instances, HistoryLoader.createdAt(days), 1, baseline, out);
            jdbi.useHandle(baseline::finish);
            long historyBills = days == 0 ? 0 : loadHistory(jdbi, catalog, account, days, out);
            // What autovacuum does to a table after a bulk load: statistics and the visibility map.
            jdbi.useHandle(h -> h.execute("VACUUM ANALYZE instances, timeline_events, bills, bill_lines, sql_bills, sql_bill_lines"));
            // The measured hour starts with the load's writes on disk, as an hour of a running server does.
            jdbi.useHandle(h -> h.execute("CHECKPOINT"));
            measure(jdbi, catalog, account, warmUpAccount, instances, warmUp, dir, out);
            out.printf("history: %d days of bills in place before the hour (%,d bills of this fleet; %d days asked for)%n",
                    days, historyBills, historyDays);
        }
    }

    /** The days of history to load: as asked, or what the disk holds, said in the output. */
    private static int historyDays(Path dir, int instances, int wanted, PrintStream out) throws Exception {
        if (wanted <= 0) {
            return 0;
        }
        int days = HistoryLoader.daysTheDiskHolds(dir, instances, wanted);
        long freeGb = Files.getFileStore(dir).getUsableSpace() >> 30;
        if (days < wanted) {
            out.printf("history: the disk holds %d of the %d days asked for (%,d GB free where the database is)%n", days, wanted, freeGb);
        } else {
            out.printf("history: %d days (%,d GB free where the database is)%n", days, freeGb);
        }
        return days;
    }

    private static long loadHistory(Jdbi jdbi, Catalog catalog, String account, int days, PrintStream out) {
        long t0 = System.nanoTime();
        long bills = HistoryLoader.load(jdbi, catalog, account, days, out);
        out.printf("history: %,d bills with their lines loaded in %.0f s; copying them for the SQL baseline%n", bills,
                (System.nanoTime() - t0) / 1e9);
        jdbi.useHandle(SqlSettlement::copyHistory);
        return bills;
    }

    private static void measure(Jdbi jdbi, Catalog catalog, String account, String warmUpAccount, int instances, int warmUp, Path dir,
                                PrintStream out) throws Exception {
        Settler settler = new Settler(jdbi, catalog, 5_000);
        // A running server has compiled its settlement code long ago; the measured run should not
        // pay for the JIT compiler's first pass over it (seconds of CPU on two cores). One hour of
        // warm-up left C2 compiling the reader's largest methods for about a second of the measured
        // hour, so the warm-up settles several hours and then waits for the compiler to go idle.
        for (int hour = 0; hour < WARM_UP_HOURS; hour++) {
            int n = hour + 1;
            settler.settleAccount(warmUpAccount, BenchmarkFleet.HOUR_START.plusSeconds(3600L * hour),
                    (done, what) -> progress(out, "warming up, hour " + n + " of " + WARM_UP_HOURS + ":", done, warmUp));
        }
        out.println();
        out.printf("JIT compiler idle %.1f s after the warm-up%n", JitCompiler.awaitIdle());
        WalMeter.Reading wal0 = WalMeter.now(jdbi);
        CpuClock.Reading cpu0 = CpuClock.now();
        long t0 = System.nanoTime();
        SettlementReport report = settler.settleAccount(account, BenchmarkFleet.HOUR_START,
                (done, what) -> progress(out, "settled", done, instances));
        double settleSeconds = (System.nanoTime() - t0) / 1e9;
        CpuClock.Reading settleCpu = CpuClock.now().minus(cpu0);
        WalMeter.Reading settleWal = WalMeter.now(jdbi).minus(wal0);
        out.println();

        WalMeter.Reading wal1 = WalMeter.now(jdbi);
        CpuClock.Reading cpu1 = CpuClock.now();
        SqlSettlement.Result sql = SqlSettlement.settle(jdbi, account);
        CpuClock.Reading sqlCpu = CpuClock.now().minus(cpu1);
        WalMeter.Reading sqlWal = WalMeter.now(jdbi).minus(wal1);
        String check = SqlSettlement.compare(jdbi, account);

        CpuClock.Reading cpu2 = CpuClock.now();
        double copySeconds = copyBaseline(jdbi, account, dir, report.lines());
        CpuClock.Reading copyCpu = CpuClock.now().minus(cpu2);
        long hours = report.instancesRated();
        double hoursPerSecond = hours / settleSeconds;
        double linesPerSecond = report.lines() / settleSeconds;
        double sqlHoursPerSecond = hours / sql.seconds();
        double copyPerSecond = report.lines() / copySeconds;
        double copyHoursPerSecond = hours / copySeconds;
        out.printf("settlement: %,d instance-hours in %.1f s = %,.0f instance-hours/s; %,d bills, %,d lines = %,.0f lines/s (%s; %s)%n",
                hours, settleSeconds, hoursPerSecond, report.bills(), report.lines(), linesPerSecond, settleCpu.describe(), settleWal.describe());
        out.printf("plain SQL settlement of the same %,d instance-hours: %.1f s = %,.0f instance-hours/s; %,d bills, %,d lines = %,.0f lines/s (%s; %s)%n",
                hours, sql.seconds(), sqlHoursPerSecond, sql.bills(), sql.lines(), sql.lines() / sql.seconds(), sqlCpu.describe(), sqlWal.describe());
        out.println(check);
        out.printf("raw COPY of the same %,d lines into an identically indexed table: %.1f s = %,.0f rows/s = %,.0f instance-hours/s (%s)%n",
                report.lines(), copySeconds, copyPerSecond, copyHoursPerSecond, copyCpu.describe());
        out.printf("ratio (settlement lines/s ÷ COPY rows/s): %.2f (goal ≥ 0.70)%n", linesPerSecond / copyPerSecond);
        out.printf("ratio (settlement instance-hours/s ÷ plain SQL instance-hours/s): %.2f (goal ≥ 1.50)%n", hoursPerSecond / sqlHoursPerSecond);
    }

    private static void createAccount(Jdbi jdbi, String account) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO accounts (id, name, currency, balance, settlement_zone, standard_offset_s, "
                        + "settled_through, created_at) VALUES (:id, 'benchmark', 'USD', 1000000000, 'UTC', 0, :s, :s)")
                .bind("id", account).bind("s", Timestamp.from(BenchmarkFleet.HOUR_START)).execute());
    }

    /** Instances and their timelines by COPY, in chunks, with progress; their changes spread over the first {@code changeHours} hours. */
    private static void generate(Jdbi jdbi, Catalog catalog, String account, int instances, Instant createdAt, int changeHours,
                                 SqlSettlement baseline, PrintStream out) throws Exception {
        List<BenchmarkFleet.Shape> shapes = BenchmarkFleet.shapes(catalog, "USD");
        Random random = new Random(7);
        for (int from = 0; from < instances; from += CHUNK) {
            int to = Math.min(instances, from + CHUNK);
            int start = from;
            jdbi.useTransaction(h -> {
                Map<String, Long> snapshots = new HashMap<>();
                CopyWriter rows = new CopyWriter("instances (id, account_id, product, region, zone_id, edition, instance_class, "
                        + "billing_method, status, storage_gb, storage_type, created_at, event_count, snapshot_id, snapshot_since, "
                        + "snapshot_event)");
                CopyWriter events = new CopyWriter("timeline_events (instance_id, seq, at, kind, payload)");
                for (int i = start; i < to; i++) {
                    BenchmarkFleet.Shape s = shapes.get(i % shapes.size());
                    String id = String.format("%s-%08d", account, i);
                    Timeline t = BenchmarkFleet.timeline(id, s, 10, random, createdAt, i % changeHours);
                    if (baseline != null) {
                        baseline.add(t, s);
                    }
                    SteadySnapshot steady = SteadySnapshot.of(t); // what appending the events writes to the row
                    rows.value(id).value(account).value(s.product().code()).value(s.region()).value(s.region() + "-a")
                            .value(s.edition().code()).value(s.cls().code()).value(s.method().name()).value("Running").value(100)
                            .value("cloud_essd").value(t.createdAt()).value(t.events().size())
                            .value(snapshots.computeIfAbsent(steady.payload(), p -> SnapshotStore.idOf(h, p))).value(steady.since()).value(steady.eventIndex()).endRow();
                    int seq = 0;
                    for (TimelineEvent e : t.events()) {
                        events.value(id).value(seq++).value(e.at()).value(e.kind()).value(TimelineCodec.encode(e)).endRow();
                    }
                }
                rows.copyInto(h.getConnection());
                events.copyInto(h.getConnection());
                if (baseline != null) {
                    baseline.flush(h);
                }
            });
            progress(out, "generated", to, instances);
        }
        out.println();
    }

    /** COPY the settled lines out to a file, then time COPY of that file into a copy of the table. */
    private static double copyBaseline(Jdbi jdbi, String account, Path dir, long lines) throws Exception {
        Path file = Files.createTempFile(dir, "lines-", ".copy");
        try {
            jdbi.useHandle(h -> {
                h.execute("DROP TABLE IF EXISTS bench_bill_lines");
                h.execute("CREATE TABLE bench_bill_lines (LIKE bill_lines INCLUDING ALL)");
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    h.getConnection().unwrap(PGConnection.class).getCopyAPI().copyOut(
                            "COPY (SELECT l.* FROM bill_lines l JOIN bills b ON b.id = l.bill_id WHERE b.account_id = '" + account
                                    + "' AND b.period_start = '" + BenchmarkFleet.HOUR_START + "') TO STDOUT", w);
                }
            });
            // The limit gets the warm-up settlement gets: one unmeasured pass over the same rows
            // (into a table dropped after it), so neither side pays for the JIT compiler.
            jdbi.useHandle(h -> h.execute("CREATE TABLE bench_bill_lines_warm_up (LIKE bill_lines INCLUDING ALL)"));
            copyFile(jdbi, file, "bench_bill_lines_warm_up");
            jdbi.useHandle(h -> h.execute("DROP TABLE bench_bill_lines_warm_up"));
            JitCompiler.awaitIdle();
            long t0 = System.nanoTime();
            copyFile(jdbi, file, "bench_bill_lines");
            double seconds = (System.nanoTime() - t0) / 1e9;
            jdbi.useHandle(h -> h.execute("DROP TABLE bench_bill_lines"));
            return seconds;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void copyFile(Jdbi jdbi, Path file, String table) throws Exception {
        jdbi.useTransaction(h -> {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                h.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN", r);
            }
        });
    }

    private static void progress(PrintStream out, String what, long done, long total) {
        out.printf("\r%s %,d / %,d instances (%d%%)", what, done, total, total == 0 ? 100 : done * 100 / total);
        out.flush();
    }
}
