package io.billow.order;

import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Coupons are a means of payment, not a discount and not cash (domain.md §8): they pay part of
 * an order, are never refunded, and what they paid does not count towards a refund's basis.
 */
public final class Coupons {

    private Coupons() {
    }

    /** What the account's valid coupons can pay of {@code amount}, oldest first, without using them. */
    public static BigDecimal available(Handle h, String accountId, BigDecimal amount, Instant now) {
        BigDecimal total = h.createQuery("SELECT coalesce(sum(remaining), 0) FROM coupons WHERE account_id = :a AND remaining > 0 "
                        + "AND (expires_at IS NULL OR expires_at > :now)")
                .bind("a", accountId).bind("now", Timestamp.from(now)).mapTo(BigDecimal.class).one();
        return total.min(amount);
    }

    /** Uses coupons to pay {@code amount} (at most what {@link #available} said), oldest first; returns what they paid. */
    public static BigDecimal redeem(Handle h, String accountId, BigDecimal amount, Instant now) {
        BigDecimal left = amount;
        List<Object[]> coupons = h.createQuery("SELECT id, remaining FROM coupons WHERE account_id = :a AND remaining > 0 "
                        + "AND (expires_at IS NULL OR expires_at > :now) ORDER BY created_at, id FOR UPDATE")
                .bind("a", accountId).bind("now", Timestamp.from(now))
                .map((rs, ctx) -> new Object[]{rs.getString(1), rs.getBigDecimal(2)}).list();
        for (Object[] c : coupons) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal use = ((BigDecimal) c[1]).min(left);
            h.createUpdate("UPDATE coupons SET remaining = remaining - :u WHERE id = :id").bind("u", use).bind("id", c[0]).execute();
            left = left.subtract(use);
        }
        return amount.subtract(left);
    }
}
