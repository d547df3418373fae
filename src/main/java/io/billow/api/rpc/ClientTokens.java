package io.billow.api.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes an action answer a repeated {@code ClientToken} with its first answer.
 *
 * <p>In one transaction: look the token up; if it is kept with the same request hash, answer
 * the kept answer without doing the work again; with another hash, refuse with
 * {@code IdempotentParameterMismatch}; if it is not kept, do the work and keep its answer.
 *
 * <p>Two requests with the same token may both find nothing and both do the work. Keeping the
 * answer is an insert that does nothing on conflict; the second insert waits for the first
 * transaction and then finds it did nothing. That request then throws away its work by rolling
 * back and starts over once: this time it finds the first answer and replays it (or refuses a
 * mismatch). So the work of exactly one of them is committed, and both callers get its answer.
 *
 * <p>A refused request (the work throws) keeps nothing: a retry with the same token runs again,
 * which is what a client that was told "no" expects.
 *
 * @param <T> the transaction handle the work writes with
 */
public final class ClientTokens<T> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions<T> transactions;

    public ClientTokens(Transactions<T> transactions) {
        this.transactions = transactions;
    }

    public static RpcError parameterMismatch() {
        return RpcError.of("IdempotentParameterMismatch", 400,
                "The request uses the same client token as a previous, but non-identical request. "
                        + "Repeat the first request unchanged, or send the changed one with a new ClientToken.");
    }

    /** Runs {@code work} in a transaction; with a token, at most once for all requests bearing it. */
    public ObjectNode once(Optional<ClientToken> token, Function<T, ObjectNode> work) {
        if (token.isEmpty()) {
            return transactions.inTransaction(work);
        }
        ClientToken clientToken = token.get();
        try {
            return transactions.inTransaction(transaction -> answerOnce(clientToken, transaction, work));
        } catch (TokenTaken lostTheRace) {
            // The request that won has committed, so this second look finds its answer.
            try {
                return transactions.inTransaction(transaction -> answerOnce(clientToken, transaction, work));
            } catch (TokenTaken again) {
                throw new IllegalStateException("client token " + clientToken.token()
                        + " was taken twice in a row; the idempotency store does not see committed answers");
            }
        }
    }

    private ObjectNode answerOnce(ClientToken token, T transaction, Function<T, ObjectNode> work) {
        IdempotencyStore store = transactions.idempotencyStore(transaction);
        Optional<StoredAnswer> kept = store.find(token.accountId(), token.token());
        if (kept.isPresent()) {
            return replay(token, kept.get());
        }
        ObjectNode answer = work.apply(transaction);
        if (!store.save(token.accountId(), token.token(), token.requestHash(), answer.toString())) {
            throw new TokenTaken();
        }
        return answer;
    }

    private static ObjectNode replay(ClientToken token, StoredAnswer kept) {
        if (!kept.requestHash().equals(token.requestHash())) {
            throw new RpcFailure(parameterMismatch());
        }
        try {
            JsonNode answer = JSON.readTree(kept.answerJson());
            if (!answer.isObject()) {
                throw new IllegalStateException("the answer kept for a client token is not a JSON object");
            }
            return (ObjectNode) answer;
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("the answer kept for a client token is not JSON", corrupt);
        }
    }

    /** Rolls back the work of a request that lost the race for its token. */
    private static final class TokenTaken extends RuntimeException {
        TokenTaken() {
            super("client token taken by a concurrent request", null, false, false);
        }
    }
}
