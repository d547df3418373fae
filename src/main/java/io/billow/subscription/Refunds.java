package io.billow.subscription;

import io.billow.account.Account;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.order.Order;
import io.billow.order.Payments;
import io.billow.proration.PaidCash;
import io.billow.proration.Prorated;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What unsubscribing gives back (domain.md §9): the cash still unused, each order's cash spread
 * over what it paid for; or, within five days of the subscription's first payment and once per
 * product per account per calendar year, every cash payment of the subscription. Coupons and
 * vouchers are never refunded.
 */
final class Refunds {

    static final long NO_REASON_SECONDS = 5 * 86_400;

    private Refunds() {
    }

    static Order unsubscribe(Handle h, Account account, Instance i, Instant now) {
        Instant termEnd = Terms.expiresAt(i).orElse(now);
        List<PaidCash.Span> spans = Terms.spans(h, i, termEnd);
        List<Order> paid = Terms.paidOrders(h, i);
        int year = now.atOffset(ZoneOffset.ofTotalSeconds(account.standardOffsetSeconds())).getYear();
        boolean withinFiveDays = !paid.isEmpty() && now.getEpochSecond() - paid.get(0).createdAt().getEpochSecond() < NO_REASON_SECONDS;
        Prorated refund;
        boolean noReason = withinFiveDays && !usedNoReasonRefund(h, account.id(), i.product(), year);
        if (noReason) {
            BigDecimal all = BigDecimal.ZERO;
            for (PaidCash.Span s : spans) {
                all = all.add(s.cash());
            }
            refund = new Prorated(all.max(BigDecimal.ZERO), "five-day no-reason refund of every cash payment of the subscription = "
                    + all.max(BigDecimal.ZERO).toPlainString());
        } else {
            refund = PaidCash.remaining(spans, now);
        }
        Order order = Payments.refund(h, account, i.id(), refund.amount(), "unsubscribed: " + refund.formula()
                        + (withinFiveDays && !noReason ? " (the five-day no-reason refund was already used for " + i.product() + " in " + year + ")" : ""),
                EventLog.payload().put("reason", noReason ? "no-reason" : "unused").put("termEnd", termEnd.toString()), now);
        if (noReason) {
            h.createUpdate("INSERT INTO no_reason_refunds (account_id, product, year, order_id) VALUES (:a, :p, :y, :o)")
                    .bind("a", account.id()).bind("p", i.product()).bind("y", year).bind("o", order.id()).execute();
        }
        return order;
    }

    private static boolean usedNoReasonRefund(Handle h, String accountId, String product, int year) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM no_reason_refunds WHERE account_id = :a AND product = :p AND year = :y)")
                .bind("a", accountId).bind("p", product).bind("y", year).mapTo(Boolean.class).one();
    }
}
