package io.billow.change;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
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
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes usage samples into timelines: RCU levels (held until the next sample) and connection
 * counts, which drive automatic stop and restart (no connection for 10 minutes → Suspending →
 * Suspended; a connection → Starting → Running). Samples are idempotent by event id; one more
 * than 72 hours late is refused.
 */
public final class UsageIngest {

    public static final long MAX_LATENESS_SECONDS = 72 * 3600;
    public static final long IDLE_BEFORE_PAUSE_SECONDS = 600;
    private static final BigDecimal MAX_RCU = BigDecimal.valueOf(1000);

    private final Jdbi jdbi;
    private final BillowClock clock;
    private final Provisioner provisioner;
    private final Adjustments adjustments;

    public UsageIngest(Jdbi jdbi, BillowClock clock, Provisioner provisioner, Adjustments adjustments) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.provisioner = provisioner;
        this.adjustments = adjustments;
    }

    /** Records a sample; returns false if this event id was already recorded (nothing changes). */
    public boolean record(String accountId, String instanceId, UsageSample s) {
        Instant now = clock.now();
        Instant at = s.at() == null ? now : s.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<Problem> problems = new ArrayList<>();
        if (s.eventId() == null || s.eventId().isBlank() || s.eventId().length() > 64) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "eventId is required (at most 64 characters)"));
        }
        if (s.rcu() == null && s.connections() == null) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "a sample needs rcu, connections or both"));
        }
        if (s.rcu() != null && (s.rcu().signum() < 0 || s.rcu().compareTo(MAX_RCU) > 0)) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "rcu must be within 0–1000, got " + s.rcu()));
        }
        if (s.connections() != null && s.connections() < 0) {
            problems.add(Problem.of(Codes.INVALID_PARAMETER, "connections cannot be negative"));
        }
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
            // (see V9). The account is locked before the instance, in the order the lifecycle takes them.
            Instance found = InstanceStore.find(h, accountId, instanceId).orElseThrow(() -> InstanceStore.notFound(instanceId));
            Account account = AccountStore.find(h, found.accountId()).orElseThrow();
            boolean periodOver = at.isBefore(account.settlementZone().periodContaining(now).start());
            if (periodOver) {
                AccountStore.lock(h, found.accountId());
            }
            Instance i = InstanceStore.lock(h, accountId, instanceId);
            if (i.isReleased()) {
                throw InstanceStore.notFound(instanceId);
            }
            if (i.method() != BillingMethod.SERVERLESS) {
                throw new ProblemException(Codes.INVALID_PARAMETER, "instance " + instanceId + " is not serverless; it reports no usage");
            }
            if (at.isBefore(i.createdAt())) {
                throw new ProblemException(Codes.INVALID_PARAMETER, "the sample is older than the instance (" + i.createdAt() + ")");
            }
            if (seen(h, instanceId, s.eventId())) {
                return false;
            }
            if (periodOver) {
                AccountStore.countLateUsage(h, i.accountId());
            }
            var before = InstanceStore.timeline(h, instanceId);
            List<TimelineEvent> events = new ArrayList<>();
            if (s.rcu() != null) {
                events.add(new TimelineEvent.RcuSampled(at, s.rcu()));
            }
            if (s.connections() != null) {
                events.add(new TimelineEvent.ResourceCountChanged(at, "connections", s.connections()));
            }
            InstanceStore.appendUsage(h, instanceId, events, s.eventId());
            if (periodOver) {
                adjustments.afterLateUsage(h, i, before, at);
            }
            if (s.connections() != null && !at.isBefore(now.minusSeconds(1))) {
                autoPause(h, i, s.connections(), at);
            }
            return true;
        });
    }

    private static boolean seen(Handle h, String instanceId, String eventId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM timeline_events WHERE instance_id = :i AND external_id IN (:a, :b, :c))")
                .bind("i", instanceId).bind("a", eventId).bind("b", eventId + "#rcu").bind("c", eventId + "#connections")
                .mapTo(Boolean.class).one();
    }

    /** Idle for 10 minutes → suspend; a connection while suspended → start again. */
    private void autoPause(Handle h, Instance i, int connections, Instant at) {
        if (!i.attributes().path(RdsAttributes.AUTO_PAUSE).asBoolean(false)) {
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
