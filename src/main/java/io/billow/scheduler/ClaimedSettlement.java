package io.billow.scheduler;

import io.billow.node.Leases;
import io.billow.settlement.Progress;
import io.billow.settlement.SettlementReport;
import io.billow.settlement.Settler;
import io.billow.time.SettlementZone;

import java.time.Instant;

/**
 * A period's settlement shared among nodes: each account's period is a piece of work claimed by
 * a lease, renewed after every batch written, so that nodes settle different accounts side by
 * side and an account whose node died is taken over once its lease expires (the settler resumes
 * a partly settled period by skipping what is billed).
 */
final class ClaimedSettlement {

    /** What one pass did, and whether some account was left because another node holds it. */
    record Pass(SettlementReport report, boolean heldElsewhere) {
    }

    private final Settler settler;
    private final Leases leases;

    ClaimedSettlement(Settler settler, Leases leases) {
        this.settler = settler;
        this.leases = leases;
    }

    /** Settles the period ending at {@code end} for every account at its start that no other node holds. */
    Pass settleEndingAt(Instant end) {
        Instant start = end.minusSeconds(SettlementZone.PERIOD_SECONDS);
        SettlementReport total = SettlementReport.NONE;
        boolean held = false;
        for (String accountId : settler.accountsAt(start)) {
            String work = "settle:" + accountId + ":" + start;
            if (!leases.claim(work)) {
                held = true;
                continue;
            }
            try {
                Progress renewing = (done, what) -> leases.renew(work);
                total = total.plus(settler.settleAccount(accountId, start, renewing));
            } finally {
                // Done, or failed: either way any node may take it up at once (a failure is retried).
                leases.release(work);
            }
        }
        // Any node may purge: it deletes only what no account's settlement reads again.
        settler.purgeSpentCarries();
        return new Pass(total, held);
    }
}
