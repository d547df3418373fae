package io.billow.operation;

import io.billow.event.EventLog;
import io.billow.instance.InstanceStore;
import io.billow.order.OrderStatus;
import io.billow.order.OrderStore;
import io.billow.provision.Provisioner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finishes due operations: asks the provisioner to carry each out, then, in one transaction,
 * appends the success or failure events to the timeline at the due instant, settles the order's
 * fate and reports it. A failed change charges nothing and gives back reserved capacity.
 */
public final class OperationRunner {

    private final Jdbi jdbi;
    private final Provisioner provisioner;
    private final Map<String, Completion> completions = new ConcurrentHashMap<>();

    /** What else an operation of a kind writes when it finishes, in the same transaction (a product's own bookkeeping). */
    @FunctionalInterface
    public interface Completion {
        void finished(Handle h, Operation op, boolean succeeded);
    }

    public OperationRunner(Jdbi jdbi, Provisioner provisioner) {
        this.jdbi = jdbi;
        this.provisioner = provisioner;
    }

    /** Registers the completion of an operation kind, or of one product's operations of a kind ("product:KIND"), once at start. */
    public OperationRunner onFinish(String kind, Completion completion) {
        if (completions.putIfAbsent(kind, completion) != null) {
            throw new IllegalStateException("operation kind " + kind + " has two completions");
        }
        return this;
    }

    public Optional<Instant> nextDue() {
        return jdbi.withHandle(OperationStore::nextDue);
    }

    /** Runs every operation due at or before {@code at}, earliest first; returns how many ran. */
    public int runDue(Instant at) {
        int ran = 0;
        while (jdbi.inTransaction(h -> {
            Optional<Operation> claimed = OperationStore.claimDue(h, at);
            if (claimed.isEmpty()) {
                return false;
            }
            Operation op = claimed.get();
            boolean ok = provisioner.perform(op.product(), op.kind(), op.instanceId());
            InstanceStore.append(h, op.instanceId(), ok ? op.onSuccess() : op.onFailure());
            if (ok && op.countsAsSwitch()) {
                InstanceStore.setLastSwitch(h, op.instanceId(), op.dueAt());
            }
            if (!ok && op.reservedMethod() != null) {
                provisioner.release(op.product(), op.zoneId(), op.reservedMethod());
            }
            boolean continues = ok && op.followUp() != null;
            if (op.orderId() != null && !continues) {
                OrderStore.setStatus(h, op.orderId(), ok ? OrderStatus.FULFILLED : OrderStatus.FAILED, op.dueAt());
            }
            if (continues) {
                // Stored events carry no instant of their own: they happen when their operation is due.
                OperationStore.insert(h, op.followUp().operation(), op.dueAt());
            }
            if (ok) {
                for (String type : op.announce()) {
                    EventLog.emit(h, op.accountId(), op.instanceId(), type, op.dueAt(), EventLog.payload().put("operation", op.kind()));
                }
            }
            // The kind's completion (an order's refund), then the product's own for that kind (its bookkeeping).
            for (String key : List.of(op.kind(), op.product() + ":" + op.kind())) {
                Completion completion = completions.get(key);
                if (completion != null) {
                    completion.finished(h, op, ok);
                }
            }
            OperationStore.finish(h, op.id(), ok, op.dueAt());
            EventLog.emit(h, op.accountId(), op.instanceId(), ok ? "operation.succeeded" : "operation.failed", op.dueAt(),
                    EventLog.payload().put("operation", op.kind()).put("operationId", op.id()).put("orderId", op.orderId()));
            return true;
        })) {
            ran++;
        }
        return ran;
    }
}
