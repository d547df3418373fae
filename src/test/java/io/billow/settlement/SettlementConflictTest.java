package io.billow.settlement;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settlement retries a write only for a real conflict with another writer; every other failure surfaces at once. */
class SettlementConflictTest {

    private static final Instant HOUR = Instant.parse("2026-04-01T10:00:00Z");
    @RegisterExtension
    static final OwnDatabase DB = new OwnDatabase("billow-conflict-");

    @Test
    void aUniqueViolationASerializationFailureAndADeadlockAreConflictsAndNothingElseIs() {
        assertThat(SettlementConflict.of(wrapped("23505"))).isPresent();
        assertThat(SettlementConflict.of(wrapped("40001"))).isPresent();
        assertThat(SettlementConflict.of(wrapped("40P01"))).isPresent();
        assertThat(SettlementConflict.of(wrapped("08006"))).as("a lost connection").isEmpty();
        assertThat(SettlementConflict.of(new IllegalStateException("a bug"))).isEmpty();
        assertThat(SettlementConflict.of(new NullPointerException())).isEmpty();
        assertThat(SettlementConflict.of(new SettlementConflict("late usage"))).isPresent();
    }

    @Test
    void aFaultThatIsNotAConflictIsNotRetriedAndSurfaces() {
        Jdbi jdbi = DB.jdbi();
        LateUsageDuringSettlementTest.createAccountWith(jdbi, "acc-fault", "pgm-fault");
        Settler settler = new Settler(jdbi, LateUsageDuringSettlementTest.CATALOG, 100);
        AtomicInteger writes = new AtomicInteger();
        settler.beforeEachWrite(() -> {
            writes.incrementAndGet();
            throw new IllegalStateException("disk full");
        });

        assertThatThrownBy(() -> settler.settleAccount("acc-fault", HOUR, (done, what) -> { })).hasRootCauseMessage("disk full");
        assertThat(writes.get()).as("written once, not retried").isEqualTo(1);
    }

    @Test
    void aConflictIsRetriedAndThePeriodSettles() {
        Jdbi jdbi = DB.jdbi();
        LateUsageDuringSettlementTest.createAccountWith(jdbi, "acc-conflict", "pgm-conflict");
        Settler settler = new Settler(jdbi, LateUsageDuringSettlementTest.CATALOG, 100);
        AtomicInteger writes = new AtomicInteger();
        settler.beforeEachWrite(() -> {
            if (writes.incrementAndGet() == 1) {
                throw new IllegalStateException("COPY refused", new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION));
            }
        });

        SettlementReport report = settler.settleAccount("acc-conflict", HOUR, (done, what) -> { });
        assertThat(writes.get()).isEqualTo(2);
        assertThat(report.bills()).isEqualTo(1);
    }

    private static RuntimeException wrapped(String sqlState) {
        return new IllegalStateException("write failed", new java.sql.SQLException("refused", sqlState));
    }
}
