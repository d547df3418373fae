package io.billow.api.rpc;

import java.util.function.Function;

/**
 * Runs an action's work in one transaction and opens the idempotency store on that same
 * transaction, so "do the work" and "keep its answer" commit or roll back together.
 *
 * @param <T> what the work receives to write with: a JDBI {@code Handle} for the database
 */
public interface Transactions<T> {

    /** Runs {@code work} in a new transaction; an exception from it rolls the transaction back. */
    <R> R inTransaction(Function<T, R> work);

    IdempotencyStore idempotencyStore(T transaction);
}
