package io.billow.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.settlement.Settler;
import io.billow.simulation.ServeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost, nothing doubled: a server settling thousands of instances is killed with
 * SIGKILL at several moments, some of them between two batches of one period, and restarted on
 * the same data directory; in the end every
 * (instance, period) has exactly one bill and the balance equals opening − Σ payable.
 */
class KillDuringSettlementTest {

    private static final int INSTANCES = 2_000;
    private static final int HOURS = 12;
    /** Ten transactions a period, so that most kills land in the middle of a period and its resumption is tested. */
    private static final int BATCH = 200;
    private static final String KEY = "kill-test-key";
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

    @Test
    void killedAtSeveralMomentsDuringSettlementItNeitherLosesNorDoublesABill(@TempDir Path data) throws Exception {
        int port = ServeProcess.freePort();
        BillowProcess billow = BillowProcess.serve(data, port, KEY, START.toString(), "--settlement-batch", String.valueOf(BATCH));
        ApiClient op = new ApiClient(billow.url(), KEY);
        JsonNode account = op.post("/api/v1/accounts", "{\"name\":\"k\",\"currency\":\"USD\",\"balance\":1000000}").body();
        ApiClient tenant = op.as(account.get("accessKeyId").asText() + ":" + account.get("accessKeySecret").asText());
        createInstances(tenant);

        Random random = new Random(20261123);
        Instant target = START.plusSeconds(3600L * HOURS);
        int interrupted = 0;
        int midPeriod = 0;
        for (int round = 0; round < 4; round++) {
            ApiClient operator = new ApiClient(billow.url(), KEY);
            Instant from = clock(operator);
            // Kill once the walking clock shows settlement is under way: somewhere in the next hours.
            Instant killAt = from.plusSeconds(1800 + random.nextInt(3 * 3600));
            ExecutorService async = Executors.newSingleThreadExecutor();
            Future<?> advancing = async.submit(() -> operator.post("/api/v1/clock", "{\"to\":\"" + target + "\"}"));
            while (!advancing.isDone() && clock(operator).isBefore(killAt)) {
                Thread.sleep(5);
            }
            // The clock stands at a period's end while that period settles: land somewhere inside its batches.
            Thread.sleep(20 + random.nextInt(120));
            billow.killHard();
            midPeriod += resumedPartlySettledPeriod(billow) ? 1 : 0;
            async.shutdownNow();
            try {
                advancing.get(5, TimeUnit.SECONDS);
            } catch (Exception expected) {
                // the server died under the request
            }
            billow = BillowProcess.serve(data, port, KEY, START.toString(), "--settlement-batch", String.valueOf(BATCH));
            if (clock(new ApiClient(billow.url(), KEY)).isBefore(target)) {
                interrupted++;
            }
        }
        assertThat(interrupted).as("kills that landed before the advance finished").isGreaterThanOrEqualTo(3);
        op = new ApiClient(billow.url(), KEY);
        try (BillowProcess last = billow) {
            midPeriod += resumedPartlySettledPeriod(last) ? 1 : 0;
            JsonNode clock = op.post("/api/v1/clock", "{\"to\":\"" + target + "\"}").body();
            assertThat(midPeriod).as("restarts that found a period partly settled by the killed server").isGreaterThanOrEqualTo(1);
            assertThat(clock.get("now").asText()).isEqualTo(target.toString());

            BigDecimal payable = BigDecimal.ZERO;
            for (int h = 0; h < HOURS; h++) {
                Instant from = START.plusSeconds(3600L * h);
                JsonNode bills = op.get("/api/v1/bills?accountId=" + account.get("accountId").asText() + "&limit=10000&from=" + from
                        + "&to=" + from.plusSeconds(3600)).body().get("bills");
                Set<String> billed = new HashSet<>();
                for (JsonNode b : bills) {
                    assertThat(billed.add(b.get("instanceId").asText())).as("one bill per instance and period").isTrue();
                    payable = payable.add(new BigDecimal(b.get("payable").asText()));
                }
                assertThat(billed).as("period " + from).hasSize(INSTANCES);
            }
            JsonNode after = op.get("/api/v1/accounts/" + account.get("accountId").asText()).body();
            assertThat(new BigDecimal(after.get("balance").asText())).isEqualByComparingTo(new BigDecimal("1000000").subtract(payable));
            assertThat(new BigDecimal(after.get("ledgerSum").asText())).isEqualByComparingTo(new BigDecimal("1000000").subtract(payable));
        }
    }

    /** Whether the server logged that it found a period of which some batches were already written. */
    private static boolean resumedPartlySettledPeriod(BillowProcess billow) {
        return (billow.startup() + billow.output()).contains(Settler.RESUMING);
    }

    private static Instant clock(ApiClient api) {
        return Instant.parse(api.get("/api/v1/clock").body().get("now").asText());
    }

    private static void createInstances(ApiClient tenant) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<Future<ApiClient.Response>>();
            for (int i = 0; i < INSTANCES; i++) {
                futures.add(pool.submit(() -> tenant.post("/api/v1/instances", RestApiTest.RDS)));
            }
            for (Future<ApiClient.Response> f : futures) {
                assertThat(f.get().status()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
    }
}
