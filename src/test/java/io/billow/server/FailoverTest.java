package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.simulation.ServeProcess;
import io.billow.store.DebianPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database fails over while Billow settles: a primary with a synchronous streaming standby
 * (the distribution's PostgreSQL), {@code billow serve} on the two-host URL, the primary stopped
 * as by a crash in the middle of a clock advance, and the standby promoted. Requests made while
 * no primary exists answer 503 in each API's shape; the advance goes on once the standby is the
 * primary; and on it, every (instance, period) is billed exactly once at the catalog's price.
 */
class FailoverTest {

    private static final String KEY = "failover-key";
    private static final Instant START = Instant.parse("2026-05-01T23:30:00Z");
    private static final Instant FIRST_FULL_HOUR = Instant.parse("2026-05-02T00:00:00Z");
    private static final int ACCOUNTS = 2;
    private static final int PER_ACCOUNT = 60;
    private static final int HOURS = 10;
    /** pg.n2.medium.2c at 0.16/h and 100 GB of cloud_essd at 0.0002/GB-h: 0.18 for a whole hour. */
    private static final BigDecimal HOURLY = new BigDecimal("0.18");
    private static final BigDecimal OPENING = new BigDecimal("1000");

    @TempDir
    Path dir;

    @Test
    void aStandbyPromotedWhileBillowSettlesLosesAndDoublesNoBill() throws Exception {
        Optional<Path> bin = DebianPostgres.binaries();
        assumeTrue(bin.isPresent(), "the distribution's PostgreSQL (apt-get install postgresql) is not installed");
        try (DebianPostgres primary = DebianPostgres.primary(bin.get(), dir.resolve("primary"))) {
            primary.createDatabase("billow");
            try (DebianPostgres standby = primary.standby(dir.resolve("standby"))) {
                failOverWhileSettling(primary, standby);
            }
        }
    }

    private void failOverWhileSettling(DebianPostgres primary, DebianPostgres standby) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port() + "/billow?user=" + DebianPostgres.USER;
        long t0 = System.nanoTime();
        java.util.function.Consumer<String> at = what -> System.out.println("T+" + (System.nanoTime() - t0) / 1_000_000 + " ms " + what);
        try (BillowProcess billow = serve(url)) {
            at.accept("served");
            ApiClient op = new ApiClient(billow.url(), KEY);
            List<JsonNode> accounts = new ArrayList<>();
            for (int n = 0; n < ACCOUNTS; n++) {
                JsonNode account = op.post("/api/v1/accounts", "{\"name\":\"f" + n + "\",\"currency\":\"USD\",\"balance\":" + OPENING + "}").body();
                accounts.add(account);
                createInstances(op.as(tenant(account)));
            }
            at.accept("created");
            op.post("/api/v1/clock", "{\"to\":\"" + FIRST_FULL_HOUR.plusSeconds(3600) + "\"}");
            at.accept("first advance");
            Instant target = FIRST_FULL_HOUR.plusSeconds(3600L * HOURS);
            ExecutorService async = Executors.newFixedThreadPool(3);
            try {
                Future<Integer> advancing = async.submit(() -> advanceUntilDone(op, target));
                waitForSettlementUnderWay(primary);
                at.accept("under way");
                primary.stopImmediately();
                boolean midAdvance = !advancing.isDone();
                // No primary exists now: what a client sees, in each API's own error shape.
                Future<ApiClient.Response> rest = async.submit(() -> op.get("/api/v1/accounts/" + accounts.get(0).get("accountId").asText()));
                Future<RawRpc.Answer> rpc = async.submit(() -> rpcClient(billow, accounts.get(1))
                        .call("2014-08-15", "DescribeDBInstances", Map.of("RegionId", "cn-hangzhou")));
                assertRestUnavailable(rest.get(60, TimeUnit.SECONDS));
                assertRpcUnavailable(rpc.get(60, TimeUnit.SECONDS));
                at.accept("probed");
                standby.promote();
                at.accept("promoted");
                int refusals = advancing.get(120, TimeUnit.SECONDS);
                at.accept("advanced");
                System.out.println(billow.output());
                assertThat(midAdvance).as("the primary stopped while the clock advance was settling").isTrue();
                assertThat(billow.output()).as("scheduled work retried after the connection was lost")
                        .contains("the database connection was lost");
                System.out.println("FailoverTest: the advance was answered 503 " + refusals + " time(s) before it finished");
            } finally {
                async.shutdownNow();
            }
            assertThat(Instant.parse(op.get("/api/v1/clock").body().get("now").asText())).isEqualTo(target);
            checkBilledOnce(op, standby, accounts, target);
        }
    }

    /** Posts the advance until it is answered 200: a 503 (the database away for longer than Billow retries) is posted again. */
    private static int advanceUntilDone(ApiClient op, Instant target) throws InterruptedException {
        int refusals = 0;
        while (true) {
            ApiClient.Response r = op.post("/api/v1/clock", "{\"to\":\"" + target + "\"}");
            if (r.status() == 200) {
                return refusals;
            }
            assertThat(r.status()).as("%s", r.body()).isEqualTo(503);
            refusals++;
            Thread.sleep(200);
        }
    }

    /** Waits until the advance has billed the hour after the first full one: settlement is running. */
    private static void waitForSettlementUnderWay(DebianPostgres primary) throws InterruptedException {
        Jdbi jdbi = Jdbi.create(primary.jdbcUrl("billow"));
        Timestamp second = Timestamp.from(FIRST_FULL_HOUR.plusSeconds(3600));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long billed = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM bills WHERE period_start >= :p")
                    .bind("p", second).mapTo(Long.class).one());
            if (billed > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("settlement did not start within 60 s");
    }

    private static void assertRestUnavailable(ApiClient.Response r) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(503);
        assertThat(r.body().get("code").asText()).isEqualTo("ServiceUnavailable");
        assertThat(r.body().get("message").asText()).contains("database could not be reached");
        assertThat(r.body().has("violations")).as("one problem, so no list of them").isFalse();
    }

    private static void assertRpcUnavailable(RawRpc.Answer a) {
        assertThat(a.status()).as("%s", a.body()).isEqualTo(503);
        assertThat(a.code()).isEqualTo("ServiceUnavailable");
        for (String field : List.of("RequestId", "HostId", "Message", "Recommend")) {
            assertThat(a.body().path(field).asText()).as(field).isNotBlank();
        }
    }

    private void checkBilledOnce(ApiClient op, DebianPostgres newPrimary, List<JsonNode> accounts, Instant target) {
        try (Handle h = Jdbi.create(newPrimary.jdbcUrl("billow")).open()) {
            assertThat(h.createQuery("SELECT pg_is_in_recovery()").mapTo(Boolean.class).one()).as("the standby is the primary").isFalse();
            for (JsonNode account : accounts) {
                String id = account.get("accountId").asText();
                long hours = (target.getEpochSecond() - FIRST_FULL_HOUR.getEpochSecond()) / 3600;
                for (int hour = 0; hour < hours; hour++) {
                    List<BigDecimal> payable = h.createQuery("SELECT b.payable FROM bills b JOIN instances i ON i.id = b.instance_id "
                                    + "WHERE i.account_id = :a AND b.period_start = :p")
                            .bind("a", id).bind("p", Timestamp.from(FIRST_FULL_HOUR.plusSeconds(3600L * hour))).mapTo(BigDecimal.class).list();
                    assertThat(payable).as("bills of %s for hour %d: one per instance", id, hour).hasSize(PER_ACCOUNT)
                            .allSatisfy(p -> assertThat(p).isEqualByComparingTo(HOURLY));
                }
                boolean once = h.createQuery("SELECT count(DISTINCT (b.instance_id, b.period_start)) = count(*) FROM bills b "
                        + "JOIN instances i ON i.id = b.instance_id WHERE i.account_id = :a").bind("a", id).mapTo(Boolean.class).one();
                assertThat(once).as("no (instance, period) of %s billed twice", id).isTrue();
                BigDecimal all = h.createQuery("SELECT coalesce(sum(b.payable), 0) FROM bills b JOIN instances i ON i.id = b.instance_id "
                        + "WHERE i.account_id = :a").bind("a", id).mapTo(BigDecimal.class).one();
                JsonNode row = op.get("/api/v1/accounts/" + id).body();
                assertThat(new BigDecimal(row.get("balance").asText())).isEqualByComparingTo(OPENING.subtract(all));
                assertThat(new BigDecimal(row.get("ledgerSum").asText())).isEqualByComparingTo(OPENING.subtract(all));
            }
        }
    }

    private BillowProcess serve(String dbUrl) throws Exception {
        Path masterKey = dir.resolve("master.key");
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 3);
        Files.writeString(masterKey, Base64.getEncoder().encodeToString(key) + "\n");
        int port = ServeProcess.freePort();
        return BillowProcess.serve(dir.resolve("node"), port, KEY, START.toString(), "--db-url", dbUrl,
                "--master-key-file", masterKey.toString(), "--settlement-batch", "5");
    }

    private static RawRpc rpcClient(BillowProcess billow, JsonNode account) {
        return new RawRpc(billow.url(), new TestServer.Tenant(account.get("accountId").asText(), null,
                account.get("accessKeyId").asText(), account.get("accessKeySecret").asText()));
    }

    private static String tenant(JsonNode account) {
        return account.get("accessKeyId").asText() + ":" + account.get("accessKeySecret").asText();
    }

    private static void createInstances(ApiClient tenant) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ApiClient.Response>> made = new ArrayList<>();
            for (int i = 0; i < PER_ACCOUNT; i++) {
                made.add(pool.submit(() -> tenant.post("/api/v1/instances", RestApiTest.RDS)));
            }
            for (Future<ApiClient.Response> f : made) {
                assertThat(f.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
    }
}
