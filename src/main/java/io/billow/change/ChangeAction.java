package io.billow.change;

import io.billow.instance.Instance;
import io.billow.order.Order;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * A change a product offers of its own (RocketMQ's edition upgrade), run inside the transaction the
 * engine gives it, so that the same code both makes the change and, rolled back, prices it.
 */
public interface ChangeAction {

    /** What a change did: the instance after it and the order it made, if any. */
    record Done(Instance instance, Optional<Order> order, String explanation) {
    }

    /** Whether this action is the one for the instance (a subscription's spec change, not a pay-as-you-go one). */
    default boolean appliesTo(Instance instance) {
        return true;
    }

    /** Checks everything, then writes; a refusal throws a ProblemException and writes nothing. */
    Done apply(Handle h, String accountId, String instanceId, ChangeRequest request);
}
