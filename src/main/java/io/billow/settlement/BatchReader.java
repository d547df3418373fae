package io.billow.settlement;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.change.Adjustments;
import io.billow.instance.InstanceStore;
import io.billow.instance.SnapshotStore;
import io.billow.instance.TimelineCodec;
import io.billow.metering.Meter;
import io.billow.metering.Metered;
import io.billow.quota.AccountQuotas;
import io.billow.rating.QuotaGrants;
import io.billow.rating.BillLine;
import io.billow.rating.CycleTotals;
import io.billow.rating.PeriodBill;
import io.billow.rating.Rater;
import io.billow.time.Interval;
import io.billow.time.SettlementZone;
import io.billow.timeline.Segment;
import io.billow.timeline.Timeline;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and rates settlement batches: the next N instances of an account, their bills for the
 * period, encoded for COPY. An instance that has not changed since before what the period
 * meters is rated from its row's latest snapshot; only the timelines of the others are read.
 * Its memos (rated lines, decoded payloads and snapshots) make it a one-thread object.
 */
final class BatchReader {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final int batchSize;
    private final Rater rater;
    private final RatedShapes shapes;
    private final TimelineCodec.Decoder decoder = new TimelineCodec.Decoder();
    private final SnapshotStore.Cache snapshots = new SnapshotStore.Cache();

    BatchReader(Jdbi jdbi, Catalog catalog, int batchSize) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.batchSize = batchSize;
        this.rater = new Rater(catalog.prices());
        this.shapes = new RatedShapes(rater);
    }

    /**
     * An instance of a batch's id range: {@code alive} if it existed at some time in the period;
     * its row's latest snapshot ({@code steady}, null if the row has none); its cycle totals before
     * the period (null if it has no bill in the cycle yet); {@code seenBefore} if it was alive in
     * the previous period too (then the probe there found its totals, if it has any).
     */
    private record Candidate(String id, String product, String region, boolean alive, Latest steady, CycleTotals cycle,
                             boolean seenBefore) {

        Candidate withCycle(CycleTotals totals) {
            return new Candidate(id, product, region, alive, steady, totals, seenBefore);
        }
    }

    /** An instance row's latest snapshot (by id), in force since {@code since} (epoch seconds), made by event {@code eventIndex}. */
    private record Latest(long snapshotId, long since, int eventIndex) {

        Segment segment(SnapshotStore.Cache snapshots) {
            return new Segment(since, Long.MAX_VALUE, snapshots.get(snapshotId), eventIndex);
        }
    }

    /**
     * Reads and rates the next batch after {@code after}; null if the account already moved past
     * this period. {@code skipBilled} looks up which instances of the batch already have their
     * bill (a period resumed after a crash, or a batch another writer got to first); a period
     * settled from its start has none, and the bills' key refuses a second bill all the same.
     */
    SettlementBatch read(String accountId, Instant start, String after, boolean skipBilled) {
        return jdbi.withHandle(h -> {
            Account account = AccountStore.find(h, accountId).orElseThrow();
            if (!account.settledThrough().equals(start)) {
                return null;
            }
            Interval period = Interval.ofSeconds(start, SettlementZone.PERIOD_SECONDS);
            Instant cycleStart = account.settlementZone().monthlyCycleContaining(start).start();
            List<Candidate> range = range(h, accountId, after, period, cycleStart);
            if (range.isEmpty()) {
                return SettlementBatch.empty(accountId, start, after, 0, null, account.lateUsage());
            }
            String last = range.get(range.size() - 1).id();
            Set<String> billed = skipBilled ? billedIn(h, range, start) : Set.of();
            Map<String, List<Adjustments.Pending>> adjustments = Adjustments.pending(h, accountId, after, last);
            Admitted admitted = new Admitted(range.size());
            for (Candidate c : range) {
                admit(h, c, billed, adjustments, account.settlementZone(), period, cycleStart, admitted);
            }
            if (admitted.rows.isEmpty()) {
                return SettlementBatch.empty(accountId, start, after, range.size(), last, account.lateUsage());
            }
            snapshots.load(h, admitted.steadySnapshots);
            Map<String, Timeline> timelines = admitted.changed.isEmpty() ? Map.of()
                    : InstanceStore.timelines(h, new ArrayList<>(admitted.changed), decoder);
            Map<String, Map<String, BigDecimal>> grants = AccountQuotas.grants(h, sharingQuota(admitted.rows, admitted.changed), period);
            BatchBills out = new BatchBills(admitted.rows.size());
            for (Candidate c : admitted.rows) {
                List<BillLine> lines = admitted.changed.contains(c.id())
                        ? rateChanged(c, timelines, grants, account, period)
                        : shapes.rateSteady(c.id(), c.steady().segment(snapshots), product(c), period, account.settlementZone(),
                                new Rater.Pricing(c.product(), c.region(), account.currency()));
                out.add(c.id(), c.cycle(), lines, adjustments.getOrDefault(c.id(), List.of()), period, account.currency());
            }
            return new SettlementBatch(accountId, start, after, out.bills, out.carries, out.adjustmentIds, out.adjustmentBill,
                    admitted.rows.size(), range.size(), last, rows(h, account, period, out.bills, out.cycleAfter), account.lateUsage());
        });
    }

    /*
     * The per-instance steps are methods of their own, not loop bodies of read, so that read
     * says in a screenful what a batch goes through. (The JIT compiler inlines them back into
     * one large compiled method all the same: how soon that settles is the warm-up's business.)
     */

    /** The candidates of a batch that are billed, split into those rated from their snapshot and those whose timeline is read. */
    private static final class Admitted {
        final List<Candidate> rows;
        final Set<String> changed = new HashSet<>();
        final List<Long> steadySnapshots = new ArrayList<>();

        Admitted(int size) {
            rows = new ArrayList<>(size);
        }
    }

    /** Adds a candidate to the batch's billed ones if it is billable and not billed yet. */
    private void admit(Handle h, Candidate c, Set<String> billed, Map<String, List<Adjustments.Pending>> adjustments, SettlementZone zone,
                       Interval period, Instant cycleStart, Admitted admitted) {
        // An adjustment waiting for an instance released since (even on the period's first second) is billed all the same.
        if (!(c.alive() || adjustments.containsKey(c.id())) || billed.contains(c.id())) {
            return;
        }
        Instant start = period.start();
        if (!c.seenBefore() && !c.alive() && start.isAfter(cycleStart)) {
            // released before the previous period, billed now for a late adjustment
            c = c.withCycle(CycleCarries.latest(h, c.id(), cycleStart, start.minusSeconds(SettlementZone.PERIOD_SECONDS)).orElse(null));
        }
        admitted.rows.add(c);
        if (isSteady(c, product(c), period, zone)) {
            admitted.steadySnapshots.add(c.steady().snapshotId());
        } else {
            admitted.changed.add(c.id());
        }
    }

    /** The lines of an instance that changed during what the period meters, from its timeline. */
    private List<BillLine> rateChanged(Candidate c, Map<String, Timeline> timelines, Map<String, Map<String, BigDecimal>> grants,
                                       Account account, Interval period) {
        return rate(timelines.getOrDefault(c.id(), new Timeline(c.id())), product(c), period, account.settlementZone(),
                new Rater.Pricing(c.product(), c.region(), account.currency()), grants.getOrDefault(c.id(), Map.of()));
    }

    /**
     * The batch's candidates: the next N ids of the account, taken from the (account_id, id)
     * index, so a batch costs N rows whatever the planner's statistics say. Each comes with its
     * cycle totals before the period, from one probe at the previous period on the bills' and
     * the carries' (period, instance) keys; none in the cycle's first period.
     */
    private List<Candidate> range(Handle h, String accountId, String after, Interval period, Instant cycleStart) {
        Instant previous = period.start().minusSeconds(SettlementZone.PERIOD_SECONDS);
        boolean inCycle = !previous.isBefore(cycleStart);
        return h.createQuery("SELECT i.id, i.product, i.region, i.created_at < :end AND (i.released_at IS NULL OR i.released_at > :start), "
                        + "i.snapshot_id, extract(epoch FROM i.snapshot_since)::bigint, i.snapshot_event, "
                        + "coalesce(b.cycle_gross, k.cycle_gross), coalesce(b.cycle_payable, k.cycle_payable), "
                        + "i.created_at < :start AND (i.released_at IS NULL OR i.released_at > :prev) "
                        + "FROM (SELECT id, product, region, created_at, released_at, snapshot_id, snapshot_since, snapshot_event FROM instances "
                        + "WHERE account_id = :a AND id > :after ORDER BY id LIMIT :n) i "
                        + "LEFT JOIN bills b ON b.period_start = :prev AND b.instance_id = i.id "
                        + "LEFT JOIN cycle_carries k ON k.period_start = :prev AND k.instance_id = i.id "
                        + "ORDER BY i.id")
                .bind("a", accountId).bind("after", after).bind("n", batchSize).bind("prev", Timestamp.from(previous))
                .bind("start", Timestamp.from(period.start())).bind("end", Timestamp.from(period.end()))
                .map((rs, ctx) -> {
                    long snapshotId = rs.getLong(5);
                    Latest steady = rs.wasNull() ? null : new Latest(snapshotId, rs.getLong(6), rs.getInt(7));
                    BigDecimal cycleGross = rs.getBigDecimal(8);
                    CycleTotals cycle = cycleGross == null || !inCycle ? null : new CycleTotals(cycleGross, rs.getBigDecimal(9));
                    return new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), steady, cycle,
                            rs.getBoolean(10));
                })
                .list();
    }

    /** Which of the given instances already have their bill for the period starting at {@code start}. */
    private static Set<String> billedIn(Handle h, List<Candidate> instances, Instant start) {
        String[] ids = new String[instances.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = instances.get(i).id();
        }
        return new HashSet<>(h.createQuery("SELECT b.instance_id FROM unnest(:ids) AS i(id) JOIN bills b ON b.instance_id = i.id "
                        + "AND b.period_start = :s")
                .bind("ids", ids).bind("s", Timestamp.from(start)).mapTo(String.class).list());
    }

    /** An instance's lines from its timeline, or null if it accrued nothing. */
    private List<BillLine> rate(Timeline timeline, Product product, Interval period, SettlementZone zone, Rater.Pricing pricing,
                                Map<String, BigDecimal> grants) {
        Metered metered = Meter.measure(timeline, product, period, zone);
        if (metered.isEmpty()) {
            return null;
        }
        // Lines that depend on the account's quota allocation are the instance's own: not remembered.
        return grants.isEmpty() ? shapes.rate(metered, pricing) : rater.rate(metered, pricing, Map.of(), QuotaGrants.byEventIndex(timeline, grants));
    }

    /** The changed instances whose product has usage drawing on an account-wide quota. */
    private List<String> sharingQuota(List<Candidate> rows, Set<String> changed) {
        List<String> out = new ArrayList<>();
        for (Candidate c : rows) {
            if (changed.contains(c.id()) && product(c).items().stream().anyMatch(AccountQuotas::isAccountWide)) {
                out.add(c.id());
            }
        }
        return out;
    }

    private Product product(Candidate c) {
        return catalog.product(c.product())
                .orElseThrow(() -> new IllegalStateException("instance " + c.id() + " has an unknown product " + c.product()));
    }

    /** Whether the instance's row alone tells what it accrues in the period: it has not changed since before what the period meters. */
    private static boolean isSteady(Candidate c, Product product, Interval period, SettlementZone zone) {
        return c.steady() != null && c.steady().since() < Meter.quietBefore(product, period, zone).getEpochSecond();
    }

    /** Bill and line rows for COPY, with a block of bill ids and the ledger entry's id reserved; null if there is no bill. */
    private SettlementBatch.Rows rows(Handle h, Account account, Interval period, List<PeriodBill> bills, List<CycleTotals> cycleAfter) {
        if (bills.isEmpty()) {
            return null;
        }
        long firstId = h.createQuery("SELECT nextval('bill_ids')").mapTo(Long.class).one();
        long ledgerId = h.createQuery("SELECT nextval('ledger_entries_id_seq')").mapTo(Long.class).one();
        BigDecimal payable = BigDecimal.ZERO;
        BinaryCopy billRows = BinaryCopy.into("bills (id, account_id, instance_id, period_start, period_end, currency, gross, "
                + "rounding_discount, payable, cycle_gross, cycle_payable, ledger_entry_id)", 12);
        BinaryCopy lineRows = BinaryCopy.into(RatedShapes.LINE_COLUMNS, 13);
        for (int i = 0; i < bills.size(); i++) {
            payable = payable.add(bills.get(i).payable());
            encode(bills.get(i), firstId + i, cycleAfter.get(i), account.id(), period, ledgerId, billRows, lineRows);
        }
        return new SettlementBatch.Rows(ledgerId, firstId, payable, billRows.seal(), lineRows.seal());
    }

    /** One bill's row and its lines' rows, appended to the batch's COPY streams. */
    private void encode(PeriodBill b, long id, CycleTotals cycle, String accountId, Interval period, long ledgerId, BinaryCopy billRows,
                        BinaryCopy lineRows) {
        billRows.row().int8(id).text(accountId).text(b.instanceId()).timestamptz(period.start()).timestamptz(period.end())
                .text(b.currency()).numeric(b.gross()).numeric(b.roundingDiscount()).numeric(b.payable())
                .numeric(cycle.lines()).numeric(cycle.payable()).int8(ledgerId);
        int n = 0;
        for (BillLine l : b.lines()) {
            lineRows.row().int8(id).int2(n++).fields(shapes.copyFields(l));
        }
    }
}
