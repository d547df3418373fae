package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.Product;
import io.billow.clock.BillowClock;
import io.billow.eligibility.Rcu;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.operation.Operation;
import io.billow.operation.OperationStore;
import io.billow.order.Order;
import io.billow.order.OrderStatus;
import io.billow.order.OrderStore;
import io.billow.order.OrderType;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.provision.Provisioner;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * RDS PostgreSQL pay-as-you-go ↔ serverless (seed 000, domain.md §4): every rule checked
 * before anything is written; then a CONVERT order at zero, zone capacity reserved, the
 * instance DBInstanceClassChanging while the provisioner switches, and the method changing at
 * the switch instant. A failed switch charges nothing and puts the instance back to Running.
 */
public final class RdsSwitches {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final BillowClock clock;
    private final Provisioner provisioner;

    public RdsSwitches(Jdbi jdbi, Catalog catalog, BillowClock clock, Provisioner provisioner) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
        this.provisioner = provisioner;
    }

    /** The order created for a switch and the instance as it is now. */
    public record Switched(Order order, Instance instance) {
    }

    /** Only checks: the problems a switch would meet now (for estimates), changing nothing. */
    public List<Problem> check(String accountId, String instanceId, SwitchRequest req) {
        return jdbi.withHandle(h -> problems(h, InstanceStore.get(h, accountId, instanceId), req, clock.now()));
    }

    public Switched request(String accountId, String instanceId, SwitchRequest req) {
        Instant now = clock.now();
        return jdbi.inTransaction(h -> {
            Instance i = InstanceStore.lock(h, accountId, instanceId);
            BillingMethod target = RdsPayTypes.parse("payType", req.targetMethod());
            if (target == BillingMethod.SERVERLESS && i.method() == BillingMethod.SERVERLESS) {
                return new Switched(null, reconfigure(h, i, req, now));
            }
            List<Problem> problems = problems(h, i, req, now);
            if (!problems.isEmpty()) {
                throw new ProblemException(problems);
            }
            String targetClass = target == BillingMethod.SERVERLESS ? ServerlessSwitch.SERVERLESS_CLASS.get(i.edition()) : req.targetClass();
            if (!provisioner.reserve(i.product(), i.zoneId(), target)) {
                throw new ProblemException("InsufficientResourceCapacity", "The zone " + i.zoneId() + " has no " + target.alibabaName()
                        + " capacity left; migrate the instance to another zone.");
            }
            String currency = AccountStore.find(h, i.accountId()).orElseThrow().currency();
            ObjectNode details = EventLog.payload().put("from", i.method().catalogName()).put("to", target.catalogName())
                    .put("targetClass", targetClass);
            Order order = OrderStore.insert(h, i.accountId(), i.id(), OrderType.CONVERT, OrderStatus.PAID, currency, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                    "the switch itself is free; " + target.alibabaName() + " billing applies from the switch instant", details, now);
            List<TimelineEvent> onSuccess = new ArrayList<>();
            if (target == BillingMethod.SERVERLESS) {
                onSuccess.add(new TimelineEvent.RcuRangeChanged(now, req.minCapacity(), req.maxCapacity()));
            }
            onSuccess.add(new TimelineEvent.BillingMethodChanged(now, target, targetClass));
            onSuccess.add(new TimelineEvent.StateChanged(now, "Running"));
            Instant start = startOf(i, req, now);
            long duration = provisioner.duration(i.product(), "CONVERT").getSeconds();
            Operation switching = new Operation(OperationStore.newId(), i.accountId(), i.id(), order.id(), i.product(), i.zoneId(), "CONVERT",
                    start.plusSeconds(duration), target, true, onSuccess, List.of(new TimelineEvent.StateChanged(now, "Running")),
                    List.of("instance.connection-interrupted", "instance.billing-method-changed"), null);
            if (start.equals(now)) {
                InstanceStore.append(h, i.id(), List.of(new TimelineEvent.StateChanged(now, "DBInstanceClassChanging")));
                OperationStore.insert(h, switching, now);
            } else {
                // Scheduled: Running until the switch starts, then DBInstanceClassChanging for its duration.
                OperationStore.insert(h, new Operation(OperationStore.newId(), i.accountId(), i.id(), order.id(), i.product(), i.zoneId(),
                        "CONVERT_START", start, null, false, List.of(new TimelineEvent.StateChanged(start, "DBInstanceClassChanging")),
                        List.of(), List.of(), new Operation.FollowUp(switching, duration)), now);
            }
            saveSettings(h, i, req);
            EventLog.emit(h, i.accountId(), i.id(), "order.created", now, details.deepCopy().put("orderId", order.id()).put("type", "CONVERT")
                    .put("switchStartsAt", start.toString()));
            return new Switched(order, InstanceStore.get(h, null, i.id()));
        });
    }

    /** A serverless instance asked for Serverless again: a new capacity range and policies, effective at once. */
    private Instance reconfigure(Handle h, Instance i, SwitchRequest req, Instant now) {
        List<Problem> problems = reconfigureProblems(i, req);
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.RcuRangeChanged(now, req.minCapacity(), req.maxCapacity())));
        saveSettings(h, i, req);
        EventLog.emit(h, i.accountId(), i.id(), "instance.serverless-configuration-changed", now, EventLog.payload()
                .put("minCapacity", req.minCapacity().toPlainString()).put("maxCapacity", req.maxCapacity().toPlainString()));
        return InstanceStore.get(h, null, i.id());
    }

    /**
     * No switch happens on a serverless instance asked for Serverless: the eligibility table
     * does not apply, only the capacity range of its class (and its state: the range of an
     * instance mid-change or paused is not changed under it).
     */
    private List<Problem> reconfigureProblems(Instance i, SwitchRequest req) {
        List<Problem> problems = new ArrayList<>();
        String status = i.status();
        if (!"Running".equals(status)) {
            problems.add(Problem.of("IncorrectDBInstanceState", "The serverless settings change while the instance is Running; it is "
                    + status + "."));
        }
        Rcu.check(Rcu.rangeOf(product(i), i.instanceClass()), req.minCapacity(), req.maxCapacity(), problems);
        return problems;
    }

    private static void saveSettings(Handle h, Instance i, SwitchRequest req) {
        ObjectNode a = i.attributes().deepCopy();
        if (req.autoPause() != null) {
            a.put(RdsAttributes.AUTO_PAUSE, req.autoPause());
        }
        if (req.switchForce() != null) {
            a.put(RdsAttributes.SWITCH_FORCE, req.switchForce());
        }
        if (req.minCapacity() != null) {
            a.put("minCapacity", req.minCapacity().toPlainString()).put("maxCapacity", req.maxCapacity().toPlainString());
        }
        InstanceStore.setAttributes(h, i.id(), a);
    }

    private List<Problem> problems(Handle h, Instance i, SwitchRequest req, Instant now) {
        if (i.isReleased()) {
            throw InstanceStore.notFound(i.id());
        }
        BillingMethod target;
        try {
            target = BillingMethod.parse(req.targetMethod());
        } catch (RuntimeException e) {
            return List.of(Problem.of("InvalidPayType.NotSupported", "PayType must be Serverless or Postpaid, got " + req.targetMethod()));
        }
        if (target == BillingMethod.SERVERLESS && i.method() == BillingMethod.SERVERLESS) {
            return reconfigureProblems(i, req);
        }
        List<Problem> timing = timing(req, now);
        RdsFacts facts = facts(h, i, target);
        List<Problem> problems = new ArrayList<>(target == BillingMethod.SERVERLESS
                ? ServerlessSwitch.toServerless(facts, Rcu.rangeOf(product(i), serverlessClass(i, req)), req.targetClass(), req.minCapacity(),
                req.maxCapacity(), now)
                : ServerlessSwitch.toPayAsYouGo(facts, now));
        if (target == BillingMethod.SERVERLESS && (req.autoPause() == null || req.switchForce() == null)) {
            problems.add(Problem.of(Codes.MISSING_PARAMETER, "ServerlessConfiguration needs MinCapacity, MaxCapacity, AutoPause and SwitchForce"));
        }
        if (target == BillingMethod.PAY_AS_YOU_GO) {
            Product product = product(i);
            InstanceClass cls = req.targetClass() == null ? null : product.classes().get(req.targetClass());
            if (cls == null || !cls.methods().contains(BillingMethod.PAY_AS_YOU_GO)
                    || (cls.edition().isPresent() && !cls.edition().get().equals(i.edition()))) {
                problems.add(Problem.of("IncorrectTargetClasscode", "DBInstanceClass must be a pay-as-you-go class of the "
                        + i.edition() + " edition, got " + req.targetClass()));
            }
        } else if (target != BillingMethod.SERVERLESS) {
            problems.add(Problem.of("InvalidPayType.NotSupported", "ModifyDBInstanceSpec switches between Postpaid and Serverless only"));
        }
        problems.addAll(timing);
        return problems;
    }

    private static List<Problem> timing(SwitchRequest req, Instant now) {
        String effective = req.effective() == null ? "Immediate" : req.effective();
        if (!List.of("Immediate", "MaintainTime", "ScheduleTime").contains(effective)) {
            return List.of(Problem.of(Codes.INVALID_PARAMETER, "EffectiveTime must be Immediate, MaintainTime or ScheduleTime, got " + effective));
        }
        if (effective.equals("ScheduleTime") && (req.switchAt() == null || req.switchAt().isBefore(now))) {
            return List.of(Problem.of(Codes.INVALID_PARAMETER, "ScheduleTime needs a SwitchTime in the future"));
        }
        return List.of();
    }

    /** When the switch starts: now, at a scheduled instant, or at the start of the next maintenance window. */
    private static Instant startOf(Instance i, SwitchRequest req, Instant now) {
        String effective = req.effective() == null ? "Immediate" : req.effective();
        if (effective.equals("ScheduleTime")) {
            return req.switchAt();
        }
        if (effective.equals("MaintainTime")) {
            String window = i.attributes().path(RdsAttributes.MAINTAIN_TIME).asText("18:00Z-22:00Z");
            LocalTime from = LocalTime.parse(window.substring(0, 5));
            Instant today = now.atOffset(ZoneOffset.UTC).toLocalDate().atTime(from).toInstant(ZoneOffset.UTC);
            return today.isAfter(now) ? today : today.plusSeconds(86_400);
        }
        return now;
    }

    private RdsFacts facts(Handle h, Instance i, BillingMethod target) {
        ObjectNode a = i.attributes();
        Product product = product(i);
        int cores = product.instanceClass(i.instanceClass()).map(InstanceClass::cores).orElse(0);
        return new RdsFacts(i.status(), RdsAttributes.majorOf(a.path(RdsAttributes.ENGINE_VERSION).asText("0")),
                a.path(RdsAttributes.MINOR_VERSION).asText(null), i.edition(), i.method(), i.storageType(),
                a.path(RdsAttributes.READ_ONLY_INSTANCES).asInt(0), !"ReadOnly".equals(a.path(RdsAttributes.ROLE).asText("Primary")),
                a.path(RdsAttributes.PROXY).asBoolean(false), a.path(RdsAttributes.SSL).asBoolean(false),
                a.path(RdsAttributes.DISK_ENCRYPTION).asBoolean(false), a.path(RdsAttributes.PGBOUNCER).asBoolean(false),
                new HashSet<>(h.createQuery("SELECT role_name FROM service_linked_roles WHERE account_id = :a").bind("a", i.accountId())
                        .mapTo(String.class).list()),
                i.lastSwitchAt(), cores, OperationStore.hasPending(h, i.id()), OrderStore.hasOpenOrder(h, i.id()),
                provisioner.hasRoom(i.product(), i.zoneId(), target));
    }

    private Product product(Instance i) {
        return catalog.product(i.product()).orElseThrow();
    }

    /** The serverless class the switch goes to: the edition's (whatever was asked, the rules check that), else the one asked. */
    private static String serverlessClass(Instance i, SwitchRequest req) {
        return ServerlessSwitch.SERVERLESS_CLASS.getOrDefault(i.edition(), String.valueOf(req.targetClass()));
    }
}
