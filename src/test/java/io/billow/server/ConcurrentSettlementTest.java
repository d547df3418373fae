package io.billow.server;

import io.billow.settlement.Progress;
import io.billow.settlement.Settler;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes settling the same account's period at once, on one database, with batch sizes that
 * make their batches overlap: every instance gets exactly one bill, and the balance and the
 * ledger agree with the bills.
 */
class ConcurrentSettlementTest {

    private static final int INSTANCES = 40;

    @Test
    void twoSettlersOfOneAccountBillEveryInstanceOnce() {
        TestServer.Tenant t = TestServer.newTenant("USD", "100000", "UTC");
        for (int i = 0; i < INSTANCES; i++) {
            assertThat(t.api().post("/api/v1/instances", RestApiTest.RDS).status()).isEqualTo(201);
        }
        BillowServer server = TestServer.get();
        Instant start = server.jdbi().withHandle(h -> h.createQuery("SELECT settled_through FROM accounts WHERE id = :a")
                .bind("a", t.accountId()).mapTo(Timestamp.class).one()).toInstant();
        Settler one = new Settler(server.jdbi(), server.catalog(), 3);
        Settler other = new Settler(server.jdbi(), server.catalog(), 7);

        CompletableFuture<?> a = CompletableFuture.runAsync(() -> one.settleAccount(t.accountId(), start, Progress.SILENT));
        CompletableFuture<?> b = CompletableFuture.runAsync(() -> other.settleAccount(t.accountId(), start, Progress.SILENT));
        CompletableFuture.allOf(a, b).join();

        server.jdbi().useHandle(h -> {
            var bills = h.createQuery("SELECT count(*) AS n, count(DISTINCT instance_id) AS d, coalesce(sum(payable), 0) AS p "
                            + "FROM bills WHERE account_id = :a AND period_start = :s")
                    .bind("a", t.accountId()).bind("s", Timestamp.from(start)).mapToMap().one();
            assertThat(((Number) bills.get("n")).intValue()).isEqualTo(INSTANCES);
            assertThat(((Number) bills.get("d")).intValue()).isEqualTo(INSTANCES);
            BigDecimal payable = (BigDecimal) bills.get("p");
            assertThat(payable).isPositive();
            BigDecimal settled = h.createQuery("SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = :a AND kind = 'SETTLEMENT'")
                    .bind("a", t.accountId()).mapTo(BigDecimal.class).one();
            assertThat(settled).isEqualByComparingTo(payable.negate());
            BigDecimal balance = h.createQuery("SELECT balance FROM accounts WHERE id = :a").bind("a", t.accountId()).mapTo(BigDecimal.class).one();
            assertThat(balance).isEqualByComparingTo(new BigDecimal("100000").subtract(payable));
            Instant cursor = h.createQuery("SELECT settled_through FROM accounts WHERE id = :a").bind("a", t.accountId())
                    .mapTo(Timestamp.class).one().toInstant();
            assertThat(cursor).isEqualTo(start.plusSeconds(3600));
        });
    }
}
