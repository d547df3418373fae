package io.billow.order;

import io.billow.money.Rounding;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * An account's discount (domain.md §8 fixture b): a percentage off the list price of the terms it
 * buys (NEW, RENEW and CONVERT orders). It is part of the price, unlike a coupon: the order records
 * it, its cash is the list less the discount, and an upgrade or downgrade of that term is priced at
 * the same rate. Upgrade fees are computed at the term's rate already, so they are not discounted again.
 */
public final class Discounts {

    /** A discount is below 100 %: an order always has something to pay. */
    public static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(100);

    private Discounts() {
    }

    public static Optional<BigDecimal> percent(Handle h, String accountId) {
        return h.createQuery("SELECT percent FROM account_discounts WHERE account_id = :a").bind("a", accountId)
                .mapTo(BigDecimal.class).findOne();
    }

    /** Sets (or, at 0, removes) the account's discount. The caller checked 0 ≤ percent < 100. */
    public static void set(Handle h, String accountId, BigDecimal percent, Instant now) {
        if (percent.signum() == 0) {
            h.createUpdate("DELETE FROM account_discounts WHERE account_id = :a").bind("a", accountId).execute();
            return;
        }
        h.createUpdate("INSERT INTO account_discounts (account_id, percent, updated_at) VALUES (:a, :p, :t) "
                        + "ON CONFLICT (account_id) DO UPDATE SET percent = excluded.percent, updated_at = excluded.updated_at")
                .bind("a", accountId).bind("p", percent).bind("t", Timestamp.from(now)).execute();
    }

    /** The discount an order of {@code type} for {@code list} gets: list × percent ÷ 100, HALF_UP to the minor unit. */
    public static BigDecimal of(Handle h, String accountId, OrderType type, BigDecimal list) {
        if (!(type == OrderType.NEW || type == OrderType.RENEW || type == OrderType.CONVERT) || list.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return percent(h, accountId).map(p -> Rounding.prorated(list.multiply(p), 100)).orElse(BigDecimal.ZERO);
    }
}
