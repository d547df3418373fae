package io.billow.scheduler;

import io.billow.clock.BillowClock;
import io.billow.clock.ClockStore;
import io.billow.lifecycle.Lifecycle;
import io.billow.clock.SimulatedClock;
import io.billow.operation.OperationRunner;
import io.billow.settlement.Progress;
import io.billow.settlement.Settler;

import io.billow.settlement.SettlementReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * Runs the work that time makes due: operation completions, expiries and the overdue lifecycle,
 * and settlements, in time order.
 * With a simulated clock, {@link #advanceTo} walks the clock from one due instant to the next,
 * so that work sees the time it was due at; it returns only when nothing due is left.
 */
public final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final BillowClock clock;
    private final OperationRunner operations;
    private final Settler settler;
    private final Lifecycle lifecycle;
    private final ClockStore clockStore;

    public Scheduler(BillowClock clock, OperationRunner operations, Settler settler, Lifecycle lifecycle, ClockStore clockStore) {
        this.clock = clock;
        this.operations = operations;
        this.settler = settler;
        this.lifecycle = lifecycle;
        this.clockStore = clockStore;
    }

    /** Runs what is due now (the background tick of a wall-clock server). */
    public synchronized void runDue() {
        runUntil(clock.now());
    }

    /** Moves a simulated clock to {@code target}, running every piece of work due on the way. */
    public synchronized void advanceTo(Instant target) {
        if (!(clock instanceof SimulatedClock simulated)) {
            throw new IllegalStateException("the clock is not simulated");
        }
        if (target.isBefore(clock.now())) {
            throw new IllegalArgumentException("the clock cannot go backwards from " + clock.now() + " to " + target);
        }
        runUntil(target);
        simulated.moveTo(target);
        clockStore.save(target);
    }

    private void runUntil(Instant target) {
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
                clockStore.save(next);
            }
            // Changes first: a change completing exactly at a boundary belongs to the period it starts.
            if (op != null && !op.isAfter(next)) {
                operations.runDue(next);
            } else if (life != null && !life.isAfter(next)) {
                lifecycle.runDue(next);
            } else {
                SettlementReport done = settler.settleEndingAt(next, Progress.SILENT);
                long behind = (target.getEpochSecond() - next.getEpochSecond()) / 3600;
                if (behind > 0 && (behind % 24 == 0 || behind < 2) && !clock.isSimulated()) {
                    // Catching up after downtime is long work: say how far it has come.
                    LOG.info("settled the period ending {} ({} bills); {} more hour(s) to catch up", next, done.bills(), behind);
                }
            }
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return Optional.ofNullable(a).map(x -> b == null || x.isBefore(b) || x.equals(b) ? x : b).orElse(b);
    }
}
