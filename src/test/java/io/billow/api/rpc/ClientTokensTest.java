package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClientTokensTest {

    private static final ClientToken TOKEN = new ClientToken("acct", "t-1", "hash-1");

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(10);
    private final ClientTokens<IdempotencyStore> tokens = new ClientTokens<>(store);
    private int orders;

    @Test
    void the_first_request_runs_and_its_answer_is_kept() {
        ObjectNode answer = tokens.once(Optional.of(TOKEN), this::createOrder);

        assertThat(answer.get("OrderId").asText()).isEqualTo("order-1");
        assertThat(store.find("acct", "t-1")).hasValueSatisfying(kept -> {
            assertThat(kept.requestHash()).isEqualTo("hash-1");
            assertThat(kept.answerJson()).isEqualTo("{\"OrderId\":\"order-1\"}");
        });
    }

    @Test
    void a_retry_replays_the_kept_answer_without_running() {
        tokens.once(Optional.of(TOKEN), this::createOrder);
        ObjectNode replay = tokens.once(Optional.of(TOKEN), this::createOrder);

        assertThat(replay.get("OrderId").asText()).isEqualTo("order-1");
        assertThat(orders).isEqualTo(1);
    }

    @Test
    void the_same_token_for_another_request_is_a_mismatch() {
        tokens.once(Optional.of(TOKEN), this::createOrder);

        RpcFailure failure = catchThrowableOfType(RpcFailure.class,
                () -> tokens.once(Optional.of(new ClientToken("acct", "t-1", "hash-2")), this::createOrder));

        assertThat(failure.error().code()).isEqualTo("IdempotentParameterMismatch");
        assertThat(failure.error().httpStatus()).isEqualTo(400);
    }

    @Test
    void tokens_are_scoped_to_the_account() {
        tokens.once(Optional.of(TOKEN), this::createOrder);
        ObjectNode other = tokens.once(Optional.of(new ClientToken("other", "t-1", "hash-2")), this::createOrder);

        assertThat(other.get("OrderId").asText()).isEqualTo("order-2");
    }

    @Test
    void a_refused_request_keeps_nothing_so_its_retry_runs() {
        catchThrowableOfType(RpcFailure.class, () -> tokens.once(Optional.of(TOKEN), store -> {
            throw new RpcFailure(RpcError.of("InvalidParameter", 400, "no"));
        }));

        assertThat(tokens.once(Optional.of(TOKEN), this::createOrder).get("OrderId").asText()).isEqualTo("order-1");
    }

    @Test
    void the_loser_of_a_race_rolls_its_work_back_and_answers_with_the_winners_answer() {
        RacingTransactions racing = new RacingTransactions();
        ClientTokens<List<String>> racingTokens = new ClientTokens<>(racing);

        ObjectNode answer = racingTokens.once(Optional.of(TOKEN), writes -> {
            writes.add("order-of-the-loser");
            return RpcResult.newObject().put("OrderId", "order-of-the-loser");
        });

        assertThat(answer.get("OrderId").asText()).isEqualTo("order-of-the-winner");
        assertThat(racing.committed).isEmpty();
        assertThat(racing.transactions).isEqualTo(2);
    }

    private ObjectNode createOrder(IdempotencyStore transaction) {
        orders++;
        return RpcResult.newObject().put("OrderId", "order-" + orders);
    }

    /**
     * Transactions whose writes are a list committed at the end, and where another request
     * with the same token commits its answer while the first transaction runs its work.
     */
    private static final class RacingTransactions implements Transactions<List<String>> {

        final List<String> committed = new ArrayList<>();
        final InMemoryIdempotencyStore kept = new InMemoryIdempotencyStore(10);
        int transactions;

        @Override
        public <R> R inTransaction(Function<List<String>, R> work) {
            transactions++;
            List<String> writes = new ArrayList<>();
            R result = work.apply(writes);
            committed.addAll(writes);
            return result;
        }

        @Override
        public IdempotencyStore idempotencyStore(List<String> transaction) {
            return new IdempotencyStore() {
                @Override
                public Optional<StoredAnswer> find(String accountId, String clientToken) {
                    return kept.find(accountId, clientToken);
                }

                @Override
                public boolean save(String accountId, String clientToken, String requestHash, String answerJson) {
                    // The winner commits between this transaction's find and its save.
                    kept.save(accountId, clientToken, requestHash, "{\"OrderId\":\"order-of-the-winner\"}");
                    return kept.save(accountId, clientToken, requestHash, answerJson);
                }
            };
        }
    }
}
