package io.billow.subscription;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.catalog.Catalog;
import io.billow.catalog.Product;
import io.billow.change.ProductRules;
import io.billow.event.EventLog;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.ProblemException;
import io.billow.resource.InstanceResources;
import io.billow.timeline.TimelineEvent;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a subscription's end does, run by the scheduler at the expiry second (domain.md §5, §9):
 * auto-renewal when the balance allows (and the reason when it does not); otherwise the
 * post-expiration action: a conversion in place with everything kept, or Locked (not billed,
 * resources kept) and released after the product's retention unless renewed. Before an expiry
 * that will delete, the owner is warned 7, 3 and 1 days ahead, saying exactly what will happen.
 */
public final class Expiries {

    public static final String LOCKED = "Locked";
    static final long DAY = 86_400;
    /** Days before an expiry that deletes at which the owner is warned, largest first. */
    static final int[] WARN_DAYS = {7, 3, 1};

    /** The next warning's instant of an instance row, in SQL: null when none is left or the expiry will not delete. */
    public static final String NEXT_WARNING_SQL = "CASE WHEN coalesce(attributes->>'" + Terms.ACTION + "', '" + Terms.DELETE_RESOURCE
            + "') <> '" + Terms.DELETE_RESOURCE + "' THEN NULL WHEN expiry_warned_days IS NULL THEN expires_at - interval '7 days' "
            + "WHEN expiry_warned_days > 3 THEN expires_at - interval '3 days' WHEN expiry_warned_days > 1 THEN expires_at - interval '1 day' END";

    private final Catalog catalog;
    private final Function<String, ProductRules> rules;

    public Expiries(Catalog catalog, Function<String, ProductRules> rules) {
        this.catalog = catalog;
        this.rules = rules;
    }

    /** Ends every subscription whose expiry is at or before {@code at}, in expiry order. */
    public void expireDue(Handle h, Instant at) {
        List<String> due = h.createQuery("SELECT id FROM instances WHERE released_at IS NULL AND billing_method = 'SUBSCRIPTION' "
                        + "AND status <> 'Locked' AND expires_at <= :at ORDER BY expires_at, id FOR UPDATE")
                .bind("at", Timestamp.from(at)).mapTo(String.class).list();
        for (String id : due) {
            expire(h, InstanceStore.get(h, null, id));
        }
    }

    private void expire(Handle h, Instance i) {
        Instant expired = Terms.expiresAt(i).orElseThrow();
        Product product = catalog.product(i.product()).orElseThrow();
        Optional<Integer> autoRenew = Terms.autoRenewMonths(i);
        if (autoRenew.isPresent()) {
            Account account = AccountStore.lock(h, i.accountId());
            try {
                h.execute("SAVEPOINT auto_renew");
                Subscriptions.renewNow(h, account, i, product, autoRenew.get(), expired, catalog);
                h.execute("RELEASE SAVEPOINT auto_renew");
                return;
            } catch (ProblemException notRenewed) {
                h.execute("ROLLBACK TO SAVEPOINT auto_renew");
                EventLog.emit(h, i.accountId(), i.id(), "instance.auto-renew-failed", expired, EventLog.payload()
                        .put("code", notRenewed.first().code()).put("reason", notRenewed.first().message()));
            }
        }
        ProductRules.Conversion conversion = rules.apply(i.product()).postExpirationConversions().get(Terms.action(i));
        if (conversion != null) {
            convert(h, i, product, conversion, expired, "instance.expired");
            return;
        }
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.StateChanged(expired, LOCKED)));
        Instant release = expired.plusSeconds(product.facts().retentionDays() * DAY);
        h.createUpdate("UPDATE instances SET release_at = :r WHERE id = :id").bind("r", Timestamp.from(release)).bind("id", i.id()).execute();
        EventLog.emit(h, i.accountId(), i.id(), "instance.expired", expired, EventLog.payload().put("action", Terms.DELETE_RESOURCE)
                .put("releaseAt", release.toString()).put("message", "the subscription expired: the instance is locked (not billed, "
                        + "everything kept) and will be released with everything it holds at " + release + " unless renewed before"));
    }

    /** Converts in place at {@code at} with everything the instance holds; the subscription is over. */
    static void convert(Handle h, Instance i, Product product, ProductRules.Conversion c, Instant at, String eventType) {
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.BillingMethodChanged(at, c.method(), c.instanceClass()),
                new TimelineEvent.EditionChanged(at, c.edition(), c.instanceClass())));
        Terms.clear(h, i.id());
        EventLog.emit(h, i.accountId(), i.id(), eventType, at, EventLog.payload().put("action", Terms.action(i))
                .put("becomes", c.edition() + " " + c.method().alibabaName()).put("message", "converted to " + c.edition() + " billed "
                        + c.method().alibabaName() + " from " + at + " with " + holdings(h, i.id(), product) + "; nothing was deleted"));
    }

    /** Releases now: the instance and everything it holds are gone; billing stops at this second. */
    static void release(Handle h, Instance i, Product product, Instant at, String reason) {
        String held = holdings(h, i.id(), product);
        InstanceStore.append(h, i.id(), List.of(new TimelineEvent.Released(at)));
        InstanceResources.releaseAll(h, i.id(), at);
        EventLog.emit(h, i.accountId(), i.id(), "instance.released", at, EventLog.payload().put("reason", reason)
                .put("deleted", held));
    }

    /** Sends the warnings due at or before {@code at}, each saying what the expiry will do. */
    public void warnDue(Handle h, Instant at) {
        List<String> due = h.createQuery("SELECT id FROM instances WHERE released_at IS NULL AND billing_method = 'SUBSCRIPTION' "
                        + "AND status <> 'Locked' AND expires_at IS NOT NULL AND " + NEXT_WARNING_SQL + " <= :at ORDER BY id FOR UPDATE")
                .bind("at", Timestamp.from(at)).mapTo(String.class).list();
        for (String id : due) {
            Instance i = InstanceStore.get(h, null, id);
            Integer warned = h.createQuery("SELECT expiry_warned_days FROM instances WHERE id = :id").bind("id", id)
                    .mapTo(Integer.class).findOne().orElse(null);
            int days = nextWarning(warned);
            Instant expires = Terms.expiresAt(i).orElseThrow();
            Instant when = expires.minusSeconds(days * DAY);
            String renewal = Terms.autoRenewMonths(i).map(m -> " Auto-renewal for " + m + " months will be tried at expiry; if the "
                    + "balance does not cover it, this happens.").orElse("");
            EventLog.emit(h, i.accountId(), id, "instance.expiry-warning", when, EventLog.payload().put("daysLeft", days)
                    .put("expiresAt", expires.toString()).put("message", deletionWarning(h, i, catalog.product(i.product()).orElseThrow(),
                            "Expiry at " + expires, false) + renewal));
            h.createUpdate("UPDATE instances SET expiry_warned_days = :d WHERE id = :id").bind("d", days).bind("id", id).execute();
        }
    }

    private static int nextWarning(Integer warned) {
        for (int d : WARN_DAYS) {
            if (warned == null || d < warned) {
                return d;
            }
        }
        throw new IllegalStateException("no warning is left after " + warned + " days");
    }

    /** What deleting would destroy, in words: for the confirmation that unsubscribing asks and for the warnings. */
    static String deletionWarning(Handle h, Instance i, Product product, String what, boolean atOnce) {
        return what + (atOnce ? " releases instance " + i.id() + " at once" : " locks instance " + i.id() + " and releases it "
                + product.facts().retentionDays() + " days later") + ": the instance"
                + (product.facts().resourceKinds().isEmpty() ? "" : " and its " + holdings(h, i.id(), product)) + " will be permanently "
                + "deleted, because its post-expiration action is " + Terms.DELETE_RESOURCE + ".";
    }

    /** What an instance holds, in words ("3 topics and 2 groups"). */
    static String holdings(Handle h, String instanceId, Product product) {
        List<String> parts = new ArrayList<>();
        for (String kind : product.facts().resourceKinds()) {
            long n = InstanceResources.count(h, instanceId, kind);
            parts.add(n + " " + kind);
        }
        return parts.isEmpty() ? "its data" : String.join(" and ", parts);
    }
}
