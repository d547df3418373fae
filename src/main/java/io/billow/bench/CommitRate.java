package io.billow.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling the API is compared with: single-row INSERTs, each its own durable commit, from as
 * many connections as the benchmark has clients, on the same database. Every write the API makes
 * costs at least one such commit, so requests/s over commits/s says how much the rest costs.
 */
final class CommitRate {

    private static final String TABLE = "bench_commit_probe";

    private CommitRate() {
    }

    /** Commits per second over {@code seconds}, measured from {@code connections} threads. */
    static double measure(DataSource dataSource, int connections, double seconds) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " (id bigserial PRIMARY KEY, client int NOT NULL, payload text NOT NULL)");
        }
        AtomicLong commits = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < connections; t++) {
            int client = t;
            Thread thread = new Thread(() -> {
                try {
                    commits.addAndGet(insertUntil(dataSource, client, deadline));
                } catch (SQLException e) {
                    failures.add(e);
                }
            }, "bench-commit-" + t);
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("DROP TABLE " + TABLE);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return commits.get() / elapsed;
    }

    private static long insertUntil(DataSource dataSource, int client, long deadline) throws SQLException {
        long done = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (client, payload) VALUES (?, ?)")) {
            c.setAutoCommit(true);
            while (System.nanoTime() < deadline) {
                insert.setInt(1, client);
                insert.setString(2, "probe " + done);
                insert.executeUpdate();
                done++;
            }
        }
        return done;
    }
}
