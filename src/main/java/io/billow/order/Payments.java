package io.billow.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Orders paid from the balance at once (coupons first, then cash) and refunds back to it, each
 * with its ledger entry, in the caller's transaction. The caller holds the account's row lock.
 */
public final class Payments {

    private Payments() {
    }

    /** The cash an order of {@code list} would take after the account's coupons. */
    public static BigDecimal cashNeeded(Handle h, String accountId, BigDecimal list, Instant now) {
        return list.subtract(Coupons.available(h, accountId, list, now));
    }

    /** Refuses with {@code InsufficientBalance}, naming the figures, when the balance cannot pay {@code list}. */
    public static void requireFunds(Handle h, Account account, BigDecimal list, Instant now) {
        BigDecimal cash = cashNeeded(h, account.id(), list, now);
        if (account.balance().compareTo(cash) < 0) {
            throw new ProblemException(Codes.INSUFFICIENT_BALANCE, "the order needs " + cash.toPlainString() + " " + account.currency()
                    + " in cash after coupons but the balance is " + account.balance().toPlainString());
        }
    }

    /** Refuses an order of {@code type} for {@code list} the balance cannot pay, after the account's discount and coupons. */
    public static void requireFunds(Handle h, Account account, OrderType type, BigDecimal list, Instant now) {
        requireFunds(h, account, list.subtract(Discounts.of(h, account.id(), type, list)), now);
    }

    /** Pays an order of {@code list} now: the account's discount off the list, then coupons, then cash from the balance. Fulfilled at once. */
    public static Order pay(Handle h, Account account, String instanceId, OrderType type, BigDecimal list, String explanation,
                            ObjectNode details, Instant now) {
        return pay(h, account, instanceId, type, OrderStatus.FULFILLED, list, explanation, details, now);
    }

    /** The same, leaving the order {@code status} (PAID while the change it pays for is in flight). */
    public static Order pay(Handle h, Account account, String instanceId, OrderType type, OrderStatus status, BigDecimal list,
                            String explanation, ObjectNode details, Instant now) {
        BigDecimal discount = Discounts.of(h, account.id(), type, list);
        BigDecimal net = list.subtract(discount);
        requireFunds(h, account, net, now);
        BigDecimal coupon = Coupons.redeem(h, account.id(), net, now);
        BigDecimal cash = net.subtract(coupon);
        String discounted = discount.signum() > 0 ? explanation + "; " + discount.toPlainString() + " off by the account's discount" : explanation;
        String explained = coupon.signum() > 0 ? discounted + "; " + coupon.toPlainString() + " paid by coupons, "
                + cash.toPlainString() + " in cash" : discounted;
        Order order = OrderStore.insert(h, account.id(), instanceId, type, status, account.currency(), list, discount,
                coupon, cash, explained, details, now);
        if (cash.signum() > 0) {
            AccountStore.ledger(h, account.id(), "ORDER_PAYMENT", cash.negate(), "order:" + order.id(), now);
            h.createUpdate("UPDATE accounts SET balance = balance - :p WHERE id = :id").bind("p", cash).bind("id", account.id()).execute();
        }
        return order;
    }

    /** Refunds {@code amount} of cash to the balance as a REFUND order (its cash is negative). */
    public static Order refund(Handle h, Account account, String instanceId, BigDecimal amount, String explanation, ObjectNode details,
                               Instant now) {
        Order order = OrderStore.insert(h, account.id(), instanceId, OrderType.REFUND, OrderStatus.REFUNDED, account.currency(),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, amount.negate(), explanation, details, now);
        credit(h, account, order, amount, now);
        return order;
    }

    /** Gives an order's refund (its negative cash) back to the balance, when the change it refunds is done. */
    public static void credit(Handle h, Account account, Order order, BigDecimal amount, Instant now) {
        if (amount.signum() > 0) {
            AccountStore.ledger(h, account.id(), "REFUND", amount, "order:" + order.id(), now);
            h.createUpdate("UPDATE accounts SET balance = balance + :r WHERE id = :id").bind("r", amount).bind("id", account.id()).execute();
        }
    }
}
