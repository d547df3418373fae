package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.instance.Instance;
import io.billow.subscription.Terms;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A subscription instance's term as the native API shows it: expiry, action, renewal, release, and what expiry will do. */
final class SubscriptionView {

    private SubscriptionView() {
    }

    static ObjectNode of(Jdbi jdbi, Instance i, Set<String> conversions) {
        Optional<Instant> releaseAt = jdbi.withHandle(h -> h.createQuery("SELECT release_at FROM instances WHERE id = :id")
                .bind("id", i.id()).mapTo(Timestamp.class).findOne().map(Timestamp::toInstant));
        String action = Terms.action(i);
        Optional<Integer> autoRenew = Terms.autoRenewMonths(i);
        ObjectNode n = Json.MAPPER.createObjectNode().put("expiresAt", Terms.expiresAt(i).map(Instant::toString).orElse(null))
                .put("postExpirationAction", action).put("autoRenewMonths", autoRenew.orElse(null)).put("releaseAt", releaseAt.map(Instant::toString).orElse(null));
        String renewal = autoRenew.map(m -> "it is renewed for " + m + " months if the balance covers it; otherwise ").orElse("");
        String happens = i.status().equals("Locked")
                ? "expired: locked (not billed, everything kept) until it is released at " + releaseAt.map(Instant::toString).orElse("?")
                + ", unless renewed before"
                : conversions.contains(action)
                ? renewal + "it converts at the expiry second per " + action + ", keeping everything it holds"
                : renewal + "it is locked at expiry and released with everything it holds after its retention, unless renewed";
        var actions = n.putArray("postExpirationActions").add(Terms.DELETE_RESOURCE);
        new java.util.TreeSet<>(conversions).forEach(actions::add);
        return n.put("atExpiry", happens);
    }
}
