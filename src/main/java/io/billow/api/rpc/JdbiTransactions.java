package io.billow.api.rpc;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Database transactions for actions: the work gets the JDBI {@link Handle} to write with, and
 * the client-token answer is kept through that same handle. Use it as
 * {@code new ClientTokens<>(new JdbiTransactions(jdbi, clock))} and, in an action,
 * {@code call.idempotent(tokens, handle -> ...)}.
 *
 * <p>Transactions run at the database's default isolation (READ COMMITTED on PostgreSQL): that
 * is what lets a request that lost the race for a token see the winner's answer when it starts
 * over.
 */
public final class JdbiTransactions implements Transactions<Handle> {

    private final Jdbi jdbi;
    private final Supplier<Instant> clock;

    public JdbiTransactions(Jdbi jdbi, Supplier<Instant> clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public <R> R inTransaction(Function<Handle, R> work) {
        return jdbi.inTransaction(work::apply);
    }

    @Override
    public IdempotencyStore idempotencyStore(Handle transaction) {
        return new JdbiIdempotencyStore(transaction, clock.get());
    }
}
