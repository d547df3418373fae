package io.billow.subscription;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.change.ChangeAction;
import io.billow.change.ChangeRequest;
import io.billow.change.ProductRules;
import io.billow.clock.BillowClock;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.operation.OperationStore;
import io.billow.order.Order;
import io.billow.order.OrderType;
import io.billow.order.Payments;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The subscription engine every subscription product shares (domain.md §9): renewal (from the
 * term's end, or from now for an expired, locked instance), auto-renewal, the post-expiration
 * action, and unsubscribing with its refund. Each runs in the transaction it is given and checks
 * everything before it writes its order, timeline events and attributes; rolled back, the same
 * run is the change's estimate.
 */
public final class Subscriptions {

    /** Unsubscribing would delete the instance because its post-expiration action says so, and the request did not confirm it. */
    public static final String DELETE_NOT_CONFIRMED = "OperationDenied.DeleteResourceNotConfirmed";

    private final Catalog catalog;
    private final BillowClock clock;
    private final Function<String, ProductRules> rules;

    public Subscriptions(Catalog catalog, BillowClock clock, Function<String, ProductRules> rules) {
        this.catalog = catalog;
        this.clock = clock;
        this.rules = rules;
    }

    /** The engine's subscription changes, by the action names of the native API. */
    public Map<String, ChangeAction> actions() {
        return Map.of("renew", this::renew, "setAutoRenew", this::setAutoRenew, "setPostExpirationAction", this::setPostExpirationAction,
                "unsubscribe", this::unsubscribe);
    }

    /** Renews for {@code months}: from the term's end, or from now if the instance is locked (it runs again at once). */
    ChangeAction.Done renew(Handle h, String accountId, String instanceId, ChangeRequest req) {
        Instant now = clock.now();
        Instance i = subscription(h, accountId, instanceId);
        Product product = catalog.product(i.product()).orElseThrow();
        TermPrices.requireSold(product, req.months());
        Account account = AccountStore.lock(h, i.accountId());
        Order order = renewNow(h, account, i, product, req.months(), now);
        return new ChangeAction.Done(InstanceStore.get(h, null, instanceId), Optional.of(order), order.explanation());
    }

    /** Pays and applies a renewal; the caller holds the locks and checked the term. Also used by auto-renewal at expiry. */
    static Order renewNow(Handle h, Account account, Instance i, Product product, int months, Instant now, Catalog catalog) {
        boolean locked = i.status().equals(Expiries.LOCKED);
        Instant from = locked ? now : Terms.expiresAt(i).orElse(now);
        Instant to = account.settlementZone().plusMonths(from, months);
        long nodes = InstanceStore.current(h, i.id()).count(io.billow.catalog.InstanceClass.NODES);
        TermPrices.Priced price = TermPrices.forTerm(catalog, product, i.instanceClass(), nodes, i.region(), account.currency(), months, now);
        Order order = Payments.pay(h, account, i.id(), OrderType.RENEW, price.list(), price.explanation() + ", " + from + " → " + to,
                EventLog.payload().put("months", months).put(Terms.PAID_FROM, from.toString()).put(Terms.PAID_TO, to.toString()), now);
        if (locked) {
            InstanceStore.append(h, i.id(), List.of(new TimelineEvent.StateChanged(now, "Running")));
        }
        Terms.setExpiry(h, i.id(), to);
        EventLog.emit(h, i.accountId(), i.id(), "instance.renewed", now, EventLog.payload().put("orderId", order.id())
                .put("months", months).put("expiresAt", to.toString()).put("restored", locked));
        return order;
    }

    private Order renewNow(Handle h, Account account, Instance i, Product product, int months, Instant now) {
        return renewNow(h, account, i, product, months, now, catalog);
    }

    /** Turns auto-renewal on (for {@code months} at each expiry) or off. */
    ChangeAction.Done setAutoRenew(Handle h, String accountId, String instanceId, ChangeRequest req) {
        Instant now = clock.now();
        Boolean enabled = req.enabled();
        Integer months = req.months();
        Instance i = subscription(h, accountId, instanceId);
        if (enabled == null) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "enabled is required (true or false)");
        }
        if (enabled) {
            TermPrices.requireSold(catalog.product(i.product()).orElseThrow(), months);
        }
        Terms.setAttribute(h, i.id(), Terms.AUTO_RENEW_MONTHS, enabled ? String.valueOf(months) : null);
        EventLog.emit(h, i.accountId(), i.id(), "instance.auto-renew-changed", now, EventLog.payload().put("enabled", enabled)
                .put("months", enabled ? months : null));
        return new ChangeAction.Done(InstanceStore.get(h, null, instanceId), Optional.empty(),
                enabled ? "renewed for " + months + " months at each expiry, when the balance covers it" : "not renewed automatically");
    }

    /** Sets what happens when the subscription ends: DeleteResource, or a conversion the product offers. */
    ChangeAction.Done setPostExpirationAction(Handle h, String accountId, String instanceId, ChangeRequest req) {
        Instant now = clock.now();
        String action = req.postExpirationAction();
        Instance i = subscription(h, accountId, instanceId);
        TreeSet<String> allowed = new TreeSet<>(rules.apply(i.product()).postExpirationConversions().keySet());
        allowed.add(Terms.DELETE_RESOURCE);
        if (action == null || !allowed.contains(action)) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "postExpirationAction must be one of " + String.join(", ", allowed)
                    + (action == null ? "" : ", not " + action));
        }
        if (i.status().equals(Expiries.LOCKED)) {
            throw new ProblemException(Codes.INCORRECT_STATE, "instance " + instanceId + " has expired; renew it before changing "
                    + "what happens at its expiry");
        }
        Terms.setAttribute(h, i.id(), Terms.ACTION, action);
        EventLog.emit(h, i.accountId(), i.id(), "instance.post-expiration-action-changed", now, EventLog.payload().put("action", action));
        return new ChangeAction.Done(InstanceStore.get(h, null, instanceId), Optional.empty(), "at expiry: " + action);
    }

    /**
     * Ends the subscription now with its refund, then does what its post-expiration action says:
     * converts in place, with everything the instance holds, or releases it. While the action
     * deletes, the request must say so ({@code confirmDeleteResource}); nothing changes otherwise.
     */
    ChangeAction.Done unsubscribe(Handle h, String accountId, String instanceId, ChangeRequest req) {
        Instant now = clock.now();
        boolean confirmDeleteResource = Boolean.TRUE.equals(req.confirmDeleteResource());
        Instance i = subscription(h, accountId, instanceId);
        if (i.status().equals(Expiries.LOCKED)) {
            throw new ProblemException(Codes.INCORRECT_STATE, "instance " + instanceId + " has expired: nothing is left to refund; "
                    + "renew it, or it is released at its release time");
        }
        if (OperationStore.hasPending(h, i.id())) {
            throw new ProblemException(Codes.INCORRECT_STATE, "instance " + instanceId + " has an operation in progress (" + i.status() + ")");
        }
        String action = Terms.action(i);
        ProductRules.Conversion conversion = rules.apply(i.product()).postExpirationConversions().get(action);
        if (conversion == null && !confirmDeleteResource) {
            throw new ProblemException(DELETE_NOT_CONFIRMED, Expiries.deletionWarning(h, i, catalog.product(i.product()).orElseThrow(),
                    "Unsubscribing now", true)
                    + " To keep the instance, set postExpirationAction to one of "
                    + rules.apply(i.product()).postExpirationConversions().keySet() + " first; to delete it, repeat the request with "
                    + "confirmDeleteResource: true.");
        }
        Account account = AccountStore.lock(h, i.accountId());
        Order refund = Refunds.unsubscribe(h, account, i, now);
        if (conversion != null) {
            Expiries.convert(h, i, catalog.product(i.product()).orElseThrow(), conversion, now, "instance.unsubscribed");
            return new ChangeAction.Done(InstanceStore.get(h, null, instanceId), Optional.of(refund), refund.explanation()
                    + "; converted to " + conversion.edition() + " " + conversion.method().alibabaName());
        }
        Expiries.release(h, i, catalog.product(i.product()).orElseThrow(), now, "unsubscribed");
        return new ChangeAction.Done(InstanceStore.get(h, null, instanceId), Optional.of(refund), refund.explanation() + "; released");
    }

    /** A live subscription instance of the account; another tenant's looks like a missing one. */
    private static Instance subscription(Handle h, String accountId, String instanceId) {
        Instance i = InstanceStore.lock(h, accountId, instanceId);
        if (i.isReleased()) {
            throw InstanceStore.notFound(instanceId);
        }
        if (i.method() != BillingMethod.SUBSCRIPTION) {
            throw new ProblemException("InvalidPayType.NotSupported", "instance " + instanceId + " is billed " + i.method().alibabaName()
                    + ", not by subscription");
        }
        return i;
    }
}
