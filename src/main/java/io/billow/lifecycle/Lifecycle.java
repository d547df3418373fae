package io.billow.lifecycle;

import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.provision.Provisioner;
import io.billow.resource.InstanceResources;
import io.billow.subscription.Expiries;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Work that time makes due on its own (domain.md §9):
 * <ul>
 *   <li>a subscription reaching the end of its term: warnings before, then auto-renewal or its
 *       post-expiration action ({@link Expiries}); a locked one is released after its product's
 *       retention unless renewed;</li>
 *   <li>an overdue account's pay-as-you-go and serverless instances keep running for 15 days,
 *       are stopped from day 16 and released on day 31; a top-up that clears the debt starts
 *       stopped instances again ({@link #resumeAfterTopUp}).</li>
 * </ul>
 */
public final class Lifecycle {

    static final long DAY = 86_400;
    static final long OVERDUE_STOP_AFTER = 15 * DAY;
    static final long OVERDUE_RELEASE_AFTER = 30 * DAY;

    private final Jdbi jdbi;
    private final Provisioner provisioner;
    private final Expiries expiries;

    public Lifecycle(Jdbi jdbi, Provisioner provisioner, Expiries expiries) {
        this.jdbi = jdbi;
        this.provisioner = provisioner;
        this.expiries = expiries;
    }

    public Optional<Instant> nextDue() {
        return jdbi.withHandle(h -> h.createQuery("SELECT min(t) FROM ("
                        + "SELECT min(expires_at) AS t FROM instances WHERE released_at IS NULL AND billing_method = 'SUBSCRIPTION' "
                        + "AND status <> 'Locked' AND expires_at IS NOT NULL "
                        + "UNION ALL SELECT min(" + Expiries.NEXT_WARNING_SQL + ") FROM instances WHERE released_at IS NULL "
                        + "AND billing_method = 'SUBSCRIPTION' AND status <> 'Locked' AND expires_at IS NOT NULL "
                        + "UNION ALL SELECT min(release_at) FROM instances WHERE released_at IS NULL AND release_at IS NOT NULL "
                        + "UNION ALL SELECT min(overdue_since + CASE overdue_stage WHEN 0 THEN interval '15 days' ELSE interval '30 days' END) "
                        + "FROM accounts WHERE overdue_since IS NOT NULL AND overdue_stage < 2) due")
                .mapTo(Timestamp.class).findOne().map(Timestamp::toInstant));
    }

    /** Runs everything due at or before {@code at}. */
    public void runDue(Instant at) {
        List<Instance> released = new ArrayList<>();
        jdbi.useTransaction(h -> {
            expiries.warnDue(h, at);
            expiries.expireDue(h, at);
            for (String[] i : rows(h, "SELECT id, account_id, product, release_at::text FROM instances WHERE released_at IS NULL "
                    + "AND release_at <= :at ORDER BY release_at, id FOR UPDATE", at)) {
                Instant release = h.createQuery("SELECT release_at FROM instances WHERE id = :id").bind("id", i[0])
                        .mapTo(Timestamp.class).one().toInstant();
                InstanceStore.append(h, i[0], List.of(new TimelineEvent.Released(release)));
                InstanceResources.releaseAll(h, i[0], release);
                released.add(InstanceStore.get(h, null, i[0]));
                EventLog.emit(h, i[1], i[0], "instance.released", release, EventLog.payload().put("reason", "not renewed or overdue"));
            }
            for (String[] a : rows(h, "SELECT id, overdue_stage::text, overdue_since::text, '' FROM accounts WHERE overdue_since IS NOT NULL "
                    + "AND overdue_stage < 2 AND overdue_since + CASE overdue_stage WHEN 0 THEN interval '15 days' ELSE interval '30 days' END <= :at "
                    + "ORDER BY id FOR UPDATE", at)) {
                released.addAll(advanceOverdue(h, a[0], Integer.parseInt(a[1])));
            }
        });
        // Their zones have room again once the releases are committed.
        for (Instance i : released) {
            provisioner.release(i.product(), i.zoneId(), i.method());
        }
    }

    /** Day 16: stop metered instances; day 31: release them (returned). */
    private static List<Instance> advanceOverdue(Handle h, String accountId, int stage) {
        List<Instance> released = new ArrayList<>();
        Instant since = h.createQuery("SELECT overdue_since FROM accounts WHERE id = :a").bind("a", accountId).mapTo(Timestamp.class).one()
                .toInstant();
        Instant when = since.plusSeconds(stage == 0 ? OVERDUE_STOP_AFTER : OVERDUE_RELEASE_AFTER);
        List<String> ids = h.createQuery("SELECT id FROM instances WHERE account_id = :a AND released_at IS NULL "
                        + "AND billing_method <> 'SUBSCRIPTION' ORDER BY id FOR UPDATE")
                .bind("a", accountId).mapTo(String.class).list();
        for (String id : ids) {
            if (stage == 0) {
                InstanceStore.append(h, id, List.of(new TimelineEvent.StateChanged(when, "Stopped")));
                EventLog.emit(h, accountId, id, "instance.stopped-overdue", when, EventLog.payload().put("releaseAt",
                        since.plusSeconds(OVERDUE_RELEASE_AFTER).toString()));
            } else {
                InstanceStore.append(h, id, List.of(new TimelineEvent.Released(when)));
                InstanceResources.releaseAll(h, id, when);
                released.add(InstanceStore.get(h, null, id));
                EventLog.emit(h, accountId, id, "instance.released", when, EventLog.payload().put("reason", "overdue for 30 days"));
            }
        }
        h.createUpdate("UPDATE accounts SET overdue_stage = :s WHERE id = :a").bind("s", stage + 1).bind("a", accountId).execute();
        return released;
    }

    /** After a top-up that brings the balance back to zero or more: overdue ends and stopped instances run again. */
    public static void resumeAfterTopUp(Handle h, String accountId, Instant at) {
        List<String> stopped = h.createQuery("SELECT id FROM instances WHERE account_id = :a AND released_at IS NULL AND status = 'Stopped' "
                + "ORDER BY id FOR UPDATE").bind("a", accountId).mapTo(String.class).list();
        for (String id : stopped) {
            InstanceStore.append(h, id, List.of(new TimelineEvent.StateChanged(at, "Running")));
            EventLog.emit(h, accountId, id, "instance.resumed-after-top-up", at, EventLog.payload());
        }
        h.createUpdate("UPDATE accounts SET overdue_since = NULL, overdue_stage = 0 WHERE id = :a").bind("a", accountId).execute();
    }

    private static List<String[]> rows(Handle h, String sql, Instant at) {
        List<String[]> out = new ArrayList<>();
        h.createQuery(sql).bind("at", Timestamp.from(at))
                .map((rs, ctx) -> out.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}))
                .forEach(x -> { });
        return out;
    }
}
