package io.billow.api.rpc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Client-token answers in memory, for tests and single-node demos whose actions keep their
 * state in memory too. Its "transaction" is a lock on the store: works run one at a time, so
 * two requests never race for a token. There is no rollback; a work that throws simply keeps
 * no answer.
 *
 * <p>Tokens are kept until the store is full, then it refuses more (it throws) rather than
 * forget an answer a client may still retry for.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore, Transactions<IdempotencyStore> {

    private record Key(String accountId, String clientToken) {
    }

    private final int capacity;
    private final Map<Key, StoredAnswer> answers = new HashMap<>();

    public InMemoryIdempotencyStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized Optional<StoredAnswer> find(String accountId, String clientToken) {
        return Optional.ofNullable(answers.get(new Key(accountId, clientToken)));
    }

    @Override
    public synchronized boolean save(String accountId, String clientToken, String requestHash, String answerJson) {
        Key key = new Key(accountId, clientToken);
        if (answers.containsKey(key)) {
            return false;
        }
        if (answers.size() >= capacity) {
            throw new IllegalStateException("the idempotency store holds " + capacity + " answers and cannot keep more");
        }
        answers.put(key, new StoredAnswer(requestHash, answerJson));
        return true;
    }

    @Override
    public synchronized <R> R inTransaction(Function<IdempotencyStore, R> work) {
        return work.apply(this);
    }

    @Override
    public IdempotencyStore idempotencyStore(IdempotencyStore transaction) {
        return transaction;
    }

    public synchronized int size() {
        return answers.size();
    }
}
