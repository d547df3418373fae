package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.instance.InstanceStore;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.settlement.Settler;
import io.billow.simulation.ServeProcess;
import io.billow.store.Database;
import io.billow.store.DatabaseUrl;
import io.billow.store.LocalPostgres;
import io.billow.timeline.TimelineEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several {@code billow serve} processes on one PostgreSQL: they share accounts, the master key
 * and the simulated clock; scheduled work runs once between them; a node killed with SIGKILL in
 * the middle of settling has its work taken over by the other once its lease expires, and in the
 * end every (instance, period) is billed exactly once at the catalog's price.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeTest {

    private static final String KEY = "multi-node-key";
    /** Half an hour before a boundary: the instances' creation lands in a period the figures below leave out. */
    private static final Instant START = Instant.parse("2026-05-01T23:30:00Z");
    private static final Instant FIRST_FULL_HOUR = Instant.parse("2026-05-02T00:00:00Z");
    private static final int ACCOUNTS = 4;
    /** 10,000 instances in all. */
    private static final int PER_ACCOUNT = 2500;
    private static final int HOURS = 6;
    /** pg.n2.medium.2c at 0.16/h and 100 GB of cloud_essd at 0.0002/GB-h: 0.18 for a whole hour. */
    private static final BigDecimal HOURLY = new BigDecimal("0.18");
    private static final BigDecimal OPENING = new BigDecimal("100000");

    @TempDir
    static Path dir;
    private static LocalPostgres postgres;
    private static String dbUrl;
    private static Path masterKey;

    @BeforeAll
    static void database() throws Exception {
        postgres = LocalPostgres.start(dir.resolve("pg"));
        dbUrl = postgres.jdbcUrl() + "?user=" + postgres.user() + "&password=" + postgres.password();
        masterKey = dir.resolve("master.key");
        byte[] shared = new byte[32];
        java.util.Arrays.fill(shared, (byte) 7);
        Files.writeString(masterKey, Base64.getEncoder().encodeToString(shared) + "\n");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    @Order(1)
    void twoNodesShareTheWorkAndOneKilledMidSettlementLosesAndDoublesNothing() throws Exception {
        BillowProcess a = node("a", masterKey);
        BillowProcess b = node("b", masterKey);
        try {
            ApiClient onA = new ApiClient(a.url(), KEY);
            ApiClient onB = new ApiClient(b.url(), KEY);
            List<String> accounts = new ArrayList<>();
            for (int n = 0; n < ACCOUNTS; n++) {
                JsonNode acc = onA.post("/api/v1/accounts", "{\"name\":\"m" + n + "\",\"currency\":\"USD\",\"balance\":" + OPENING + "}").body();
                accounts.add(acc.get("accountId").asText());
                // Made on one node, signed for on the other: the master key is shared.
                assertThat(onB.get("/api/v1/accounts/" + acc.get("accountId").asText()).status()).isEqualTo(200);
                createInstances(onA.as(tenant(acc)), onB.as(tenant(acc)));
            }
            assertThat(clock(onA)).isEqualTo(clock(onB)).isEqualTo(START);
            onB.post("/api/v1/clock", "{\"to\":\"" + FIRST_FULL_HOUR.plusSeconds(3600) + "\"}");
            assertThat(clock(onA)).as("one clock for both nodes").isEqualTo(FIRST_FULL_HOUR.plusSeconds(3600));

            // Node a walks the clock; b ticks beside it; a is killed once settlement is under way.
            Instant target = FIRST_FULL_HOUR.plusSeconds(3600L * HOURS);
            ExecutorService async = Executors.newSingleThreadExecutor();
            Future<?> advancing = async.submit(() -> onA.post("/api/v1/clock", "{\"to\":\"" + target + "\"}"));
            boolean midPeriod;
            try (Database db = Database.external(DatabaseUrl.parse(dbUrl), 1)) {
                midPeriod = killMidPeriod(a, db, advancing);
            }
            async.shutdownNow();
            JsonNode after = onB.post("/api/v1/clock", "{\"to\":\"" + target + "\"}").body();
            assertThat(after.get("now").asText()).isEqualTo(target.toString());
            assertThat(midPeriod).as("the kill landed between two batches of a period").isTrue();
            assertThat(b.output()).as("the other node took the period over once the lease expired").contains(Settler.RESUMING);

            checkBilledOnce(onB, accounts);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    @Order(2)
    void aNodeWithAnotherMasterKeyRefusesToStart() throws Exception {
        node("first", masterKey).close();
        Path other = dir.resolve("other.key");
        Files.writeString(other, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertThatThrownBy(() -> node("stranger", other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key does not open the secrets of this database")
                .hasMessageContaining("--master-key-file");
    }

    @Test
    @Order(3)
    void aChangeDatedInSettledHoursIsRefused() throws Exception {
        try (BillowProcess a = node("guard", masterKey);
             Database db = Database.external(DatabaseUrl.parse(dbUrl), 1)) {
            ApiClient op = new ApiClient(a.url(), KEY);
            JsonNode acc = op.post("/api/v1/accounts", "{\"name\":\"g\",\"currency\":\"USD\",\"balance\":100}").body();
            String id = op.as(tenant(acc)).post("/api/v1/instances", RestApiTest.RDS).body().get("instanceId").asText();
            Instant now = clock(op);
            op.post("/api/v1/clock", "{\"advanceSeconds\":7200}");
            Instant settled = db.jdbi().withHandle(h -> h.createQuery("SELECT settled_through FROM accounts WHERE id = :a")
                    .bind("a", acc.get("accountId").asText()).mapTo(Timestamp.class).one()).toInstant();
            assertThat(settled).isAfter(now);
            // What a node whose clock lags would write: a release inside hours already billed.
            assertThatThrownBy(() -> db.jdbi().useTransaction(h -> InstanceStore.append(h, id,
                    List.of(new TimelineEvent.Released(settled.minusSeconds(600))))))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("already settled")
                    .satisfies(e -> assertThat(((ProblemException) e).first().code()).isEqualTo(Codes.BEFORE_SETTLED_HOURS));
            assertThat(op.as(tenant(acc)).get("/api/v1/instances/" + id).body().get("status").asText()).isNotEqualTo("Released");
        }
    }

    @Test
    @Order(4)
    void conflictingChangesOnOneInstanceThroughBothNodesLetExactlyOneWin() throws Exception {
        try (BillowProcess a = node("left", masterKey); BillowProcess b = node("right", masterKey)) {
            ApiClient op = new ApiClient(a.url(), KEY);
            JsonNode acc = op.post("/api/v1/accounts", "{\"name\":\"c\",\"currency\":\"USD\",\"balance\":100}").body();
            ApiClient onA = op.as(tenant(acc));
            ApiClient onB = new ApiClient(b.url(), KEY).as(tenant(acc));
            String id = onA.post("/api/v1/instances", RestApiTest.RDS).body().get("instanceId").asText();
            op.post("/api/v1/clock", "{\"advanceSeconds\":3600}");
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                Future<ApiClient.Response> left = two.submit(() -> onA.post("/api/v1/instances/" + id + "/changes",
                        "{\"action\":\"modifySpec\",\"instanceClass\":\"pg.n4.large.2c\"}"));
                Future<ApiClient.Response> right = two.submit(() -> onB.post("/api/v1/instances/" + id + "/changes",
                        "{\"action\":\"modifySpec\",\"instanceClass\":\"pg.x4.xlarge.2c\"}"));
                List<Integer> statuses = List.of(left.get(30, TimeUnit.SECONDS).status(), right.get(30, TimeUnit.SECONDS).status());
                assertThat(statuses).as("one change accepted, the other refused").containsOnlyOnce(202)
                        .allSatisfy(st -> assertThat(st).isIn(202, 400, 403, 409));
            } finally {
                two.shutdown();
            }
        }
    }

    /**
     * Kills the node as soon as some account's period has batches written but is not closed (its
     * lease held); true if it got there before the advance finished.
     */
    private static boolean killMidPeriod(BillowProcess node, Database db, Future<?> advancing) throws InterruptedException {
        boolean partly = false;
        while (!partly && !advancing.isDone()) {
            partly = db.jdbi().withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM accounts a JOIN ledger_entries l "
                    + "ON l.account_id = a.id AND l.kind = 'SETTLEMENT' AND l.at = a.settled_through + interval '1 hour' "
                    + "WHERE a.settled_through >= :h)").bind("h", Timestamp.from(FIRST_FULL_HOUR.plusSeconds(2 * 3600)))
                    .mapTo(Boolean.class).one());
        }
        node.killHard();
        return partly;
    }

    private static void checkBilledOnce(ApiClient api, List<String> accounts) {
        try (Database db = Database.external(DatabaseUrl.parse(dbUrl), 1)) {
            db.jdbi().useHandle(h -> {
                for (String account : accounts) {
                    long doubled = h.createQuery("SELECT count(*) FROM (SELECT 1 FROM bills b JOIN instances i ON i.id = b.instance_id "
                            + "WHERE i.account_id = :a GROUP BY b.instance_id, b.period_start HAVING count(*) > 1) d")
                            .bind("a", account).mapTo(Long.class).one();
                    assertThat(doubled).as("(instance, period) billed twice").isZero();
                    for (int hour = 0; hour < HOURS; hour++) {
                        Instant from = FIRST_FULL_HOUR.plusSeconds(3600L * hour);
                        List<BigDecimal> payable = h.createQuery("SELECT b.payable FROM bills b JOIN instances i ON i.id = b.instance_id "
                                        + "WHERE i.account_id = :a AND b.period_start = :p")
                                .bind("a", account).bind("p", Timestamp.from(from)).mapTo(BigDecimal.class).list();
                        assertThat(payable).as("bills of " + account + " for " + from).hasSize(PER_ACCOUNT)
                                .allSatisfy(p -> assertThat(p).isEqualByComparingTo(HOURLY));
                    }
                    BigDecimal all = h.createQuery("SELECT coalesce(sum(b.payable), 0) FROM bills b JOIN instances i ON i.id = b.instance_id "
                            + "WHERE i.account_id = :a").bind("a", account).mapTo(BigDecimal.class).one();
                    JsonNode row = api.get("/api/v1/accounts/" + account).body();
                    assertThat(new BigDecimal(row.get("balance").asText())).isEqualByComparingTo(OPENING.subtract(all));
                    assertThat(new BigDecimal(row.get("ledgerSum").asText())).isEqualByComparingTo(OPENING.subtract(all));
                    long operationsTwice = h.createQuery("SELECT count(*) FROM events WHERE account_id = :a AND type = 'operation.succeeded' "
                                    + "GROUP BY payload->>'operationId' HAVING count(*) > 1")
                            .bind("a", account).mapTo(Long.class).list().size();
                    assertThat(operationsTwice).as("operations completed twice").isZero();
                }
            });
        }
    }

    private static BillowProcess node(String name, Path key) throws Exception {
        int port = ServeProcess.freePort();
        return BillowProcess.serve(dir.resolve("node-" + name), port, KEY, START.toString(), "--db-url", dbUrl,
                "--master-key-file", key.toString(), "--lease-seconds", "2", "--settlement-batch", "100");
    }

    private static String tenant(JsonNode account) {
        return account.get("accessKeyId").asText() + ":" + account.get("accessKeySecret").asText();
    }

    private static Instant clock(ApiClient api) {
        return Instant.parse(api.get("/api/v1/clock").body().get("now").asText());
    }

    /** Half the instances through each node. */
    private static void createInstances(ApiClient onA, ApiClient onB) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiClient.Response>> made = new ArrayList<>();
            for (int i = 0; i < PER_ACCOUNT; i++) {
                ApiClient via = i % 2 == 0 ? onA : onB;
                made.add(pool.submit(() -> via.post("/api/v1/instances", RestApiTest.RDS)));
            }
            for (Future<ApiClient.Response> f : made) {
                assertThat(f.get(120, TimeUnit.SECONDS).status()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
    }
}
