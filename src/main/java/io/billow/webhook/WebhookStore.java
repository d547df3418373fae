package io.billow.webhook;

import io.billow.account.SecretSealer;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import org.jdbi.v3.core.Jdbi;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Registered webhooks: where an account's events go, and how far delivery has come. */
public final class WebhookStore {

    /** A limit on everything: an account registers at most this many webhooks. */
    public static final int MAX_PER_ACCOUNT = 10;

    private final Jdbi jdbi;
    private final SecretSealer sealer;
    private final WebhookDestinations destinations;
    private final SecureRandom random = new SecureRandom();

    /** @param allowLocal whether loopback and private receivers are accepted: for local testing only */
    public WebhookStore(Jdbi jdbi, SecretSealer sealer, boolean allowLocal) {
        this(jdbi, sealer, allowLocal ? WebhookDestinations.allowingLocal() : WebhookDestinations.publicOnly());
    }

    WebhookStore(Jdbi jdbi, SecretSealer sealer, WebhookDestinations destinations) {
        this.jdbi = jdbi;
        this.sealer = sealer;
        this.destinations = destinations;
    }

    /** Where deliveries may go: checked again at each one, as a name may resolve elsewhere by then. */
    WebhookDestinations destinations() {
        return destinations;
    }

    /** A webhook as delivery needs it, secret opened. */
    public record Webhook(String id, String accountId, String url, String secret, long deliveredThrough, int failures,
                          Instant createdAt) {
    }

    /** Registers a URL; delivery starts with the account's next event. The secret is shown once. */
    public Webhook register(String accountId, String url, Instant now) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !(("http".equals(uri.getScheme())) || "https".equals(uri.getScheme()))
                || url.length() > 2000) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "url must be an http(s) URL of at most 2000 characters");
        }
        destinations.refusal(uri).ifPresent(why -> {
            throw new ProblemException(Codes.WEBHOOK_DESTINATION, "url is refused: " + why);
        });
        String id = "wh-" + HexFormat.of().formatHex(bytes(8));
        String secret = "whsec_" + HexFormat.of().formatHex(bytes(24));
        return jdbi.inTransaction(h -> {
            long count = h.createQuery("SELECT count(*) FROM webhooks WHERE account_id = :a").bind("a", accountId).mapTo(Long.class).one();
            if (count >= MAX_PER_ACCOUNT) {
                throw new ProblemException(Codes.INVALID_PARAMETER, "an account has at most " + MAX_PER_ACCOUNT + " webhooks");
            }
            long last = h.createQuery("SELECT coalesce(max(id), 0) FROM events WHERE account_id = :a").bind("a", accountId)
                    .mapTo(Long.class).one();
            h.createUpdate("INSERT INTO webhooks (id, account_id, url, secret_sealed, delivered_through, next_attempt_at, created_at) "
                            + "VALUES (:id, :a, :u, :s, :last, :now, :now)")
                    .bind("id", id).bind("a", accountId).bind("u", url).bind("s", sealer.seal(secret)).bind("last", last)
                    .bind("now", Timestamp.from(now)).execute();
            return new Webhook(id, accountId, url, secret, last, 0, now);
        });
    }

    public List<Webhook> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM webhooks WHERE (:a IS NULL OR account_id = :a) ORDER BY created_at, id")
                .bind("a", accountId)
                .map((rs, ctx) -> new Webhook(rs.getString("id"), rs.getString("account_id"), rs.getString("url"), null,
                        rs.getLong("delivered_through"), rs.getInt("failures"), rs.getTimestamp("created_at").toInstant()))
                .list());
    }

    public void delete(String accountId, String id) {
        int n = jdbi.withHandle(h -> h.createUpdate("DELETE FROM webhooks WHERE id = :id AND (:a IS NULL OR account_id = :a)")
                .bind("id", id).bind("a", accountId).execute());
        if (n == 0) {
            throw new ProblemException(Codes.NOT_FOUND, "webhook " + id + " does not exist");
        }
    }

    /** Webhooks due for an attempt at {@code now} with undelivered events. */
    List<Webhook> due(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT w.* FROM webhooks w WHERE " + DUE_SQL + " ORDER BY w.next_attempt_at LIMIT 100")
                .bind("now", Timestamp.from(now)).map(this::opened).list());
    }

    /** The webhook as it is now, if still due: read again once claimed, as another node may have delivered since {@link #due}. */
    Optional<Webhook> stillDue(String id, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT w.* FROM webhooks w WHERE w.id = :id AND " + DUE_SQL)
                .bind("id", id).bind("now", Timestamp.from(now)).map(this::opened).findOne());
    }

    private static final String DUE_SQL = "w.next_attempt_at <= :now "
            + "AND EXISTS (SELECT 1 FROM events e WHERE e.account_id = w.account_id AND e.id > w.delivered_through)";

    private Webhook opened(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Webhook(rs.getString("id"), rs.getString("account_id"), rs.getString("url"), sealer.open(rs.getBytes("secret_sealed")),
                rs.getLong("delivered_through"), rs.getInt("failures"), rs.getTimestamp("created_at").toInstant());
    }

    void delivered(String id, long through) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE webhooks SET delivered_through = greatest(delivered_through, :t), failures = 0, "
                + "last_error = NULL WHERE id = :id").bind("t", through).bind("id", id).execute());
    }

    void failed(String id, String error, Instant retryAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE webhooks SET failures = failures + 1, last_error = :e, next_attempt_at = :r WHERE id = :id")
                .bind("e", error.length() > 500 ? error.substring(0, 500) : error).bind("r", Timestamp.from(retryAt)).bind("id", id).execute());
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
