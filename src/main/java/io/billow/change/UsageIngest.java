package io.billow.change;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingItem;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.clock.BillowClock;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.operation.Operation;
import io.billow.operation.OperationStore;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.provision.Provisioner;
import io.billow.quota.AccountQuotas;
import io.billow.timeline.InstanceSnapshot;
import io.billow.timeline.Segment;
import io.billow.timeline.Timeline;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes usage reports into timelines: counted usage (API calls, traffic) for COUNT items, gauges
 * such as online clients, and for serverless instances RCU levels (held until the next sample) and connection
 * counts, which drive automatic stop and restart (no connection for 10 minutes → Suspending →
 * Suspended; a connection → Starting → Running). Samples are idempotent by event id; one more
 * than 72 hours late is refused.
 */
public final class UsageIngest {

    public static final long MAX_LATENESS_SECONDS = 72 * 3600;
    public static final long IDLE_BEFORE_PAUSE_SECONDS = 600;
    private static final String RCU = "rcu";
    /** The attribute that turns automatic stop and restart on for a serverless instance. */
    public static final String AUTO_PAUSE = "autoPause";
    private static final String CONNECTIONS = "connections";
    /** A report naming an endpoint the instance does not have (or no longer had at the report's instant). */
    public static final String ENDPOINT_NOT_FOUND = "InvalidEndpointId.NotFound";

    private final Jdbi jdbi;
    private final BillowClock clock;
    private final Provisioner provisioner;
    private final Adjustments adjustments;
    private final Catalog catalog;
    private final AccountQuotas quotas;
    private final java.util.function.Function<String, ProductRules> rules;

    public UsageIngest(Jdbi jdbi, Catalog catalog, BillowClock clock, Provisioner provisioner, Adjustments adjustments) {
        this(jdbi, catalog, clock, provisioner, adjustments, product -> ProductRules.NONE);
    }

    /** @param rules each product's rules, told of every usage report recorded (its warnings) */
    public UsageIngest(Jdbi jdbi, Catalog catalog, BillowClock clock, Provisioner provisioner, Adjustments adjustments,
                       java.util.function.Function<String, ProductRules> rules) {
        this.rules = rules;
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.quotas = new AccountQuotas(code -> catalog.product(code).orElseThrow());
        this.clock = clock;
        this.provisioner = provisioner;
        this.adjustments = adjustments;
    }

    /** Records a sample; returns false if this event id was already recorded (nothing changes). */
    public boolean record(String accountId, String instanceId, UsageSample s) {
        Instant now = clock.now();
        Instant at = s.at() == null ? now : s.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UsageSample sample = gaugesAsFields(s);
        List<Problem> problems = new ArrayList<>();
        UsageChecks.shape(sample, problems);
        if (at.isAfter(now)) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "a sample cannot come from the future (" + at + " is after " + now + ")"));
        } else if (now.getEpochSecond() - at.getEpochSecond() > MAX_LATENESS_SECONDS) {
            problems.add(Problem.of(Codes.USAGE_TOO_LATE, "samples more than 72 hours late are refused (" + at + ")"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        return jdbi.inTransaction(h -> {
            // A sample for a period already over may race that period's settlement: it is counted
            // under the account's lock, and a batch that read the instance before it reads again
            // (see V9). Usage drawing on an account-wide quota takes the same lock to be allocated
            // (see V10). The account is locked before the instance, in the order the lifecycle takes them.
            Instance found = InstanceStore.find(h, accountId, instanceId).orElseThrow(() -> InstanceStore.notFound(instanceId));
            Account account = AccountStore.find(h, found.accountId()).orElseThrow();
            Product product = catalog.product(found.product()).orElseThrow();
            Map<String, BillingItem> counted = UsageChecks.countedItems(product, found, sample);
            UsageChecks.endpointNamed(product, counted, sample);
            boolean periodOver = at.isBefore(account.settlementZone().periodContaining(now).start());
            boolean sharesQuota = counted.values().stream().anyMatch(AccountQuotas::isAccountWide);
            if (periodOver || sharesQuota) {
                AccountStore.lock(h, found.accountId());
            }
            Instance i = InstanceStore.lock(h, accountId, instanceId);
            if (i.isReleased()) {
                throw InstanceStore.notFound(instanceId);
            }
            if ((sample.rcu() != null || sample.connections() != null) && i.method() != BillingMethod.SERVERLESS) {
                throw new ProblemException(Codes.INVALID_PARAMETER, "instance " + instanceId + " is not serverless; it reports no rcu or connections");
            }
            if (at.isBefore(i.createdAt())) {
                throw new ProblemException(Codes.INVALID_PARAMETER, "the sample is older than the instance (" + i.createdAt() + ")");
            }
            if (seen(h, instanceId, sample.eventId())) {
                return false;
            }
            if (periodOver) {
                AccountStore.countLateUsage(h, i.accountId());
            }
            // The history before the sample is read only when something below needs it: a sample of an
            // ordinary instance must not cost a read of every event the instance ever had.
            Timeline before = sample.endpointId().isPresent() || sharesQuota || periodOver ? InstanceStore.timeline(h, instanceId) : null;
            sample.endpointId().ifPresent(endpoint -> UsageChecks.requireEndpoint(before, endpoint, at, instanceId));
            List<TimelineEvent> events = events(sample, at, counted);
            InstanceStore.appendUsage(h, instanceId, events, sample.eventId());
            for (TimelineEvent e : events) {
                if (e instanceof TimelineEvent.UsageRecorded u && AccountQuotas.isAccountWide(counted.get(u.item()))
                        && accrues(product, before, counted.get(u.item()), at)) {
                    quotas.record(h, i.accountId(), account.settlementZone(), i.id(), i.product(), counted.get(u.item()), u.eventId(), at,
                            u.quantity());
                }
            }
            if (periodOver) {
                adjustments.afterLateUsage(h, i, before, at);
            }
            if (sample.connections() != null && !at.isBefore(now.minusSeconds(1))) {
                autoPause(h, i, sample.connections(), at);
            }
            rules.apply(i.product()).afterUsage(h, i, sample, at);
            return true;
        });
    }

    /** "rcu" and "connections" among the levels are the serverless fields under another name. */
    private static UsageSample gaugesAsFields(UsageSample s) {
        if (!s.levels().containsKey(RCU) && !s.levels().containsKey(CONNECTIONS)) {
            return s;
        }
        Map<String, BigDecimal> levels = new TreeMap<>(s.levels());
        BigDecimal rcu = levels.containsKey(RCU) ? levels.remove(RCU) : s.rcu();
        BigDecimal connections = levels.remove(CONNECTIONS);
        Integer conn = s.connections();
        if (connections != null && connections.signum() >= 0 && connections.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                && connections.stripTrailingZeros().scale() <= 0) {
            conn = connections.intValueExact();
        } else if (connections != null) {
            levels.put(CONNECTIONS, connections); // refused below with the other bad levels
        }
        return new UsageSample(s.eventId(), s.at(), rcu, conn, s.counts(), levels);
    }

    private static List<TimelineEvent> events(UsageSample s, Instant at, Map<String, BillingItem> counted) {
        List<TimelineEvent> events = new ArrayList<>();
        if (s.rcu() != null) {
            events.add(new TimelineEvent.RcuSampled(at, s.rcu()));
        }
        if (s.connections() != null) {
            events.add(new TimelineEvent.ResourceCountChanged(at, CONNECTIONS, s.connections()));
        }
        s.levels().forEach((name, level) -> events.add(new TimelineEvent.ResourceCountChanged(at, name, level.longValueExact())));
        for (BillingItem item : counted.values()) {
            BigDecimal q = s.counts().get(item.resource());
            events.add(new TimelineEvent.UsageRecorded(at, item.code(), q, s.eventId() + "#" + item.code(), s.endpointId()));
        }
        return events;
    }

    /** Whether usage at {@code at} accrues the item (its method and state bill it): only that draws on a quota. */
    private static boolean accrues(Product product, Timeline timeline, BillingItem item, Instant at) {
        InstanceSnapshot snap = snapshotAt(timeline, at);
        return snap != null && item.accruesUnder(snap.method()) && product.rule(snap.state(), item.code()).isPresent()
                && item.conditions().holds(snap.counts());
    }

    static InstanceSnapshot snapshotAt(Timeline timeline, Instant at) {
        InstanceSnapshot snap = null;
        for (Segment seg : timeline.segments()) {
            if (seg.start() <= at.getEpochSecond() && at.getEpochSecond() < seg.end()) {
                snap = seg.snapshot();
            }
        }
        return snap;
    }

    private static boolean seen(Handle h, String instanceId, String eventId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM timeline_events WHERE instance_id = :i AND external_id IS NOT NULL "
                        + "AND (external_id = :e OR left(external_id, :n) = :p))")
                .bind("i", instanceId).bind("e", eventId).bind("p", eventId + "#").bind("n", eventId.length() + 1)
                .mapTo(Boolean.class).one();
    }

    /** Idle for 10 minutes → suspend; a connection while suspended → start again. */
    private void autoPause(Handle h, Instance i, int connections, Instant at) {
        if (!i.attributes().path(AUTO_PAUSE).asBoolean(false)) {
            return;
        }
        if (connections > 0) {
            h.createUpdate("UPDATE operations SET status = 'CANCELLED', finished_at = :at WHERE instance_id = :i "
                            + "AND status = 'PENDING' AND kind = 'AUTO_PAUSE'")
                    .bind("at", java.sql.Timestamp.from(at)).bind("i", i.id()).execute();
            if (i.status().equals("Suspended")) {
                InstanceStore.append(h, i.id(), List.of(new TimelineEvent.StateChanged(at, "Starting")));
                OperationStore.insert(h, Operation.of(i.accountId(), i.id(), null, i.product(), i.zoneId(), "AUTO_RESUME",
                        at.plus(provisioner.duration(i.product(), "AUTO_RESUME")),
                        List.of(new TimelineEvent.StateChanged(at, "Running")), List.of(new TimelineEvent.StateChanged(at, "Suspended"))), at);
                EventLog.emit(h, i.accountId(), i.id(), "instance.auto-resumed", at, EventLog.payload().put("connections", connections));
            }
            return;
        }
        boolean pending = h.createQuery("SELECT EXISTS (SELECT 1 FROM operations WHERE instance_id = :i AND status = 'PENDING')")
                .bind("i", i.id()).mapTo(Boolean.class).one();
        if (i.status().equals("Running") && !pending) {
            long suspendSeconds = provisioner.duration(i.product(), "AUTO_PAUSE").getSeconds();
            Operation suspended = Operation.of(i.accountId(), i.id(), null, i.product(), i.zoneId(), "AUTO_PAUSE_FINISH",
                    at.plusSeconds(IDLE_BEFORE_PAUSE_SECONDS + suspendSeconds), List.of(new TimelineEvent.StateChanged(at, "Suspended")),
                    List.of(new TimelineEvent.StateChanged(at, "Running")));
            OperationStore.insert(h, new Operation(OperationStore.newId(), i.accountId(), i.id(), null, i.product(), i.zoneId(), "AUTO_PAUSE",
                    at.plusSeconds(IDLE_BEFORE_PAUSE_SECONDS), null, false, List.of(new TimelineEvent.StateChanged(at, "Suspending")),
                    List.of(), List.of("instance.auto-paused"), new Operation.FollowUp(suspended, suspendSeconds)), at);
        }
    }
}
