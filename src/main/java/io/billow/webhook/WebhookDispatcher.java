package io.billow.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.clock.BillowClock;
import io.billow.node.Leases;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Pushes each account's events to its webhooks: in event order, in batches, at least once
 * (a receiver deduplicates by {@code eventId}), signed with HMAC-SHA256 of the body under the
 * webhook's secret ({@code X-Billow-Signature: sha256=<hex>}). A failed delivery is retried
 * with exponential backoff, capped at five minutes. Delivery runs on the wall clock: it talks to
 * real receivers, whatever the billing clock says.
 */
public final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Limits on everything: events per delivery, time per attempt, longest wait between attempts. */
    static final int MAX_BATCH = 100;
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final long MAX_BACKOFF_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final WebhookStore store;
    private final BillowClock wallClock;
    private final Leases leases;
    /** Never follows a redirect: a public receiver could otherwise send the signed events to a local address. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY).build();

    public WebhookDispatcher(Jdbi jdbi, WebhookStore store, BillowClock wallClock, Leases leases) {
        this.jdbi = jdbi;
        this.store = store;
        this.wallClock = wallClock;
        this.leases = leases;
    }

    /**
     * One round: every due webhook gets its next batch. Returns the number of events delivered. A
     * webhook another node is delivering to is left to it, so that nodes do not post one batch twice.
     */
    public int deliverDue() {
        int delivered = 0;
        for (WebhookStore.Webhook w : store.due(wallClock.now())) {
            String work = "webhook:" + w.id();
            if (!leases.claim(work)) {
                continue;
            }
            try {
                delivered += store.stillDue(w.id(), wallClock.now()).map(this::deliver).orElse(0);
            } finally {
                leases.release(work);
            }
        }
        return delivered;
    }

    private int deliver(WebhookStore.Webhook w) {
        ObjectNode body = JSON.createObjectNode().put("webhookId", w.id());
        ArrayNode events = body.putArray("events");
        long[] last = {w.deliveredThrough()};
        jdbi.useHandle(h -> h.createQuery("SELECT id, instance_id, type, at, payload::text FROM events WHERE account_id = :a AND id > :after "
                        + "ORDER BY id LIMIT :n")
                .bind("a", w.accountId()).bind("after", w.deliveredThrough()).bind("n", MAX_BATCH)
                .map((rs, ctx) -> {
                    ObjectNode e = events.addObject().put("eventId", rs.getLong(1)).put("accountId", w.accountId())
                            .put("instanceId", rs.getString(2)).put("type", rs.getString(3))
                            .put("at", rs.getObject(4, Timestamp.class).toInstant().toString());
                    try {
                        e.set("data", JSON.readTree(rs.getString(5)));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                        throw new IllegalStateException(ex);
                    }
                    last[0] = rs.getLong(1);
                    return e;
                }).forEach(x -> { }));
        if (events.isEmpty()) {
            return 0;
        }
        URI url = URI.create(w.url());
        Optional<String> refused = store.destinations().refusal(url);
        if (refused.isPresent()) {
            // Registered when it was public, or by an earlier Billow: its name may point here now.
            retry(w, "not delivered: " + refused.get());
            return 0;
        }
        String payload = body.toString();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("X-Billow-Webhook-Id", w.id())
                    .header("X-Billow-Signature", "sha256=" + sign(w.secret(), payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                store.delivered(w.id(), last[0]);
                return events.size();
            }
            retry(w, "HTTP " + response.statusCode());
        } catch (java.io.IOException e) {
            retry(w, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void retry(WebhookStore.Webhook w, String error) {
        long wait = Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(20, w.failures()));
        LOG.warn("webhook {} delivery failed ({}); retrying in {} s", w.id(), error, wait);
        store.failed(w.id(), error, wallClock.now().plusSeconds(wait));
    }

    /** The signature a receiver recomputes: hex HMAC-SHA256 of the exact body under the webhook's secret. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
