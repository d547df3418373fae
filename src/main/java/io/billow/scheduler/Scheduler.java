package io.billow.scheduler;

import io.billow.clock.BillowClock;
import io.billow.lifecycle.Lifecycle;
import io.billow.clock.SimulatedClock;
import io.billow.node.Leases;
import io.billow.operation.OperationRunner;
import io.billow.settlement.Settler;
import io.billow.store.ConnectionFailure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs the work that time makes due: operation completions, expiries and the overdue lifecycle,
 * and settlements, in time order.
 * With a simulated clock, {@link #advanceTo} walks the clock from one due instant to the next,
 * so that work sees the time it was due at; it returns only when nothing due is left.
 *
 * <p>Several nodes on one database run it side by side: operations are claimed row by row
 * ({@code SKIP LOCKED}), the lifecycle's rows are locked and re-read, and settlement is claimed
 * account by account with leases. When the earliest due work is held by another node, a tick
 * leaves it (the next tick looks again) and an advance waits for it, so time order holds across
 * nodes too; one node at a time walks the shared simulated clock.
 */
public final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** How long an advance waits before looking again at work another node holds. */
    private static final long WAIT_MILLIS = 50;
    /**
     * How long scheduled work keeps retrying while the database is unreachable: longer than a
     * standby's promotion takes, short enough that an advance (an API request) still answers.
     */
    public static final Duration RECONNECT_BUDGET = Duration.ofSeconds(30);

    private final BillowClock clock;
    private final OperationRunner operations;
    private final Settler settler;
    private final Lifecycle lifecycle;
    private final Leases leases;
    private final ClaimedSettlement settlement;

    public Scheduler(BillowClock clock, OperationRunner operations, Settler settler, Lifecycle lifecycle, Leases leases) {
        this.clock = clock;
        this.operations = operations;
        this.settler = settler;
        this.lifecycle = lifecycle;
        this.leases = leases;
        this.settlement = new ClaimedSettlement(settler, leases);
    }

    /**
     * Runs what is due now (the background tick); leaves what another node is running to it.
     * Retried when the database connection is lost (a failover): every piece is re-read from
     * the database and is exactly once by its keys, so running a tick again bills nothing twice.
     */
    public synchronized void runDue() {
        ConnectionFailure.runRetried("scheduled work", RECONNECT_BUDGET, () -> runUntil(clock.now(), false));
    }

    /**
     * Moves a simulated clock to {@code target}, running every piece of work due on the way;
     * retried from where the database stands when the connection is lost, as {@link #runDue} is.
     */
    public synchronized void advanceTo(Instant target) {
        if (!(clock instanceof SimulatedClock simulated)) {
            throw new IllegalStateException("the clock is not simulated");
        }
        ConnectionFailure.retried("advancing the clock", RECONNECT_BUDGET, () -> leases.whileAdvancingClock(() -> {
            // Read under the lock: another node's advance may have moved the shared clock meanwhile.
            if (target.isBefore(clock.now())) {
                throw new IllegalArgumentException("the clock cannot go backwards from " + clock.now() + " to " + target);
            }
            runUntil(target, true);
            simulated.moveTo(target);
            return target;
        }));
    }

    private void runUntil(Instant target, boolean waitForOthers) {
        while (true) {
            Instant op = operations.nextDue().orElse(null);
            Instant settle = settler.nextDue().orElse(null);
            Instant life = lifecycle.nextDue().orElse(null);
            Instant next = earliest(earliest(op, life), settle);
            if (next == null || next.isAfter(target)) {
                return;
            }
            if (clock instanceof SimulatedClock simulated && next.isAfter(clock.now())) {
                simulated.moveTo(next);
            }
            if (!runAt(next, op, life, target)) {
                // The earliest due work is another node's: later work must wait for it.
                if (!waitForOthers) {
                    return;
                }
                pause();
            }
        }
    }

    /** Runs the earliest kind of work due at {@code next}; false if another node holds it. */
    private boolean runAt(Instant next, Instant op, Instant life, Instant target) {
        // Changes first: a change completing exactly at a boundary belongs to the period it starts.
        if (op != null && !op.isAfter(next)) {
            return operations.runDue(next) > 0;
        }
        if (life != null && !life.isAfter(next)) {
            lifecycle.runDue(next); // waits on the rows another node has locked, then re-reads them
            return true;
        }
        ClaimedSettlement.Pass done = settlement.settleEndingAt(next);
        long behind = (target.getEpochSecond() - next.getEpochSecond()) / 3600;
        if (behind > 0 && (behind % 24 == 0 || behind < 2) && !clock.isSimulated()) {
            // Catching up after downtime is long work: say how far it has come.
            LOG.info("settled the period ending {} ({} bills); {} more hour(s) to catch up", next, done.report().bills(), behind);
        }
        return !done.heldElsewhere();
    }

    private static void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another node's work", e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return Optional.ofNullable(a).map(x -> b == null || x.isBefore(b) || x.equals(b) ? x : b).orElse(b);
    }
}
