package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Needs a PostgreSQL: see {@link TestDatabase}. */
class JdbiIdempotencyStoreTest {

    private static final Instant NOW = Instant.parse("2031-03-01T08:00:00Z");
    private static final ClientToken TOKEN = new ClientToken("acct", "t-1", "hash-1");

    private Jdbi jdbi;
    private ClientTokens<Handle> tokens;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.freshSchema();
        jdbi.useHandle(handle -> handle.execute("CREATE TABLE orders (id serial PRIMARY KEY, note text)"));
        tokens = new ClientTokens<>(new JdbiTransactions(jdbi, () -> NOW));
    }

    @Test
    void keeps_one_answer_per_account_and_token() {
        jdbi.useTransaction(handle -> {
            JdbiIdempotencyStore store = new JdbiIdempotencyStore(handle, NOW);
            assertThat(store.find("acct", "t-1")).isEmpty();
            assertThat(store.save("acct", "t-1", "h", "{\"OrderId\":\"1\"}")).isTrue();
            assertThat(store.save("acct", "t-1", "h2", "{\"OrderId\":\"2\"}")).isFalse();
            assertThat(store.save("other", "t-1", "h", "{\"OrderId\":\"3\"}")).isTrue();
            assertThat(store.find("acct", "t-1")).contains(new StoredAnswer("h", "{\"OrderId\": \"1\"}"));
        });
        Instant createdAt = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT created_at FROM idempotency_records LIMIT 1").mapTo(Instant.class).one());
        assertThat(createdAt).isEqualTo(NOW);
    }

    @Test
    void the_work_and_its_answer_commit_together_and_a_retry_replays() {
        ObjectNode first = tokens.once(Optional.of(TOKEN), this::insertOrder);
        ObjectNode retry = tokens.once(Optional.of(TOKEN), this::insertOrder);

        assertThat(retry).isEqualTo(first);
        assertThat(orderCount()).isEqualTo(1);
    }

    @Test
    void a_refusal_rolls_back_the_work_and_keeps_no_answer() {
        catchThrowableOfType(RpcFailure.class, () -> tokens.once(Optional.of(TOKEN), handle -> {
            insertOrder(handle);
            throw new RpcFailure(RpcError.of("InvalidParameter", 400, "no"));
        }));

        assertThat(orderCount()).isZero();
        Optional<StoredAnswer> kept = jdbi.withHandle(handle -> new JdbiIdempotencyStore(handle, NOW).find("acct", "t-1"));
        assertThat(kept).isEmpty();
    }

    @Test
    void the_same_token_for_another_request_is_a_mismatch() {
        tokens.once(Optional.of(TOKEN), this::insertOrder);

        RpcFailure failure = catchThrowableOfType(RpcFailure.class,
                () -> tokens.once(Optional.of(new ClientToken("acct", "t-1", "hash-2")), this::insertOrder));

        assertThat(failure.error().code()).isEqualTo("IdempotentParameterMismatch");
    }

    @Test
    void two_concurrent_requests_with_one_token_commit_one_work_and_get_one_answer() throws Exception {
        CountDownLatch bothWorking = new CountDownLatch(2);
        CompletableFuture<ObjectNode> a = CompletableFuture.supplyAsync(() -> tokens.once(Optional.of(TOKEN),
                handle -> afterBoth(bothWorking, handle)));
        CompletableFuture<ObjectNode> b = CompletableFuture.supplyAsync(() -> tokens.once(Optional.of(TOKEN),
                handle -> afterBoth(bothWorking, handle)));

        List<ObjectNode> answers = List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));

        assertThat(answers.get(0)).isEqualTo(answers.get(1));
        assertThat(orderCount()).isEqualTo(1);
    }

    /** Both requests have looked the token up and found nothing before either keeps an answer. */
    private ObjectNode afterBoth(CountDownLatch bothWorking, Handle handle) {
        bothWorking.countDown();
        try {
            if (!bothWorking.await(10, TimeUnit.SECONDS)) {
                // The retry of the loser comes alone; it must not get here, as it replays.
                throw new IllegalStateException("the other request never started its work");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        return insertOrder(handle);
    }

    private ObjectNode insertOrder(Handle handle) {
        int id = handle.createQuery("INSERT INTO orders (note) VALUES ('x') RETURNING id").mapTo(Integer.class).one();
        return RpcResult.newObject().put("OrderId", String.valueOf(id));
    }

    private int orderCount() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM orders").mapTo(Integer.class).one());
    }
}
