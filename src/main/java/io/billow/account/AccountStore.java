package io.billow.account;

import io.billow.money.Rounding;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Accounts, access keys, service-linked roles and coupons in PostgreSQL. */
public final class AccountStore {

    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final RowMapper<Account> ACCOUNT = (rs, ctx) -> new Account(rs.getString("id"), rs.getString("name"),
            rs.getString("currency"), rs.getBigDecimal("balance"), rs.getString("settlement_zone"), rs.getInt("standard_offset_s"),
            rs.getTimestamp("settled_through").toInstant(),
            rs.getTimestamp("overdue_since") == null ? null : rs.getTimestamp("overdue_since").toInstant(),
            rs.getTimestamp("created_at").toInstant(), rs.getLong("late_usage"));

    /**
     * A limit on everything: no balance above ten trillion, so that top-ups and refunds stay well
     * inside the ledger's numeric(20, 6) columns instead of overflowing them.
     */
    public static final BigDecimal MAX_BALANCE = new BigDecimal("10000000000000.00");

    private final Jdbi jdbi;
    private final SecretSealer sealer;
    private final DebtCleared debtCleared;

    /** What a top-up that brings an overdue balance back to zero or more sets going (stopped instances run again). */
    @FunctionalInterface
    public interface DebtCleared {
        void cleared(Handle h, String accountId, Instant at);
    }
    private final SecureRandom random = new SecureRandom();

    /** A limit on remembered keys; past it the memory starts afresh. */
    private static final int MAX_REMEMBERED_KEYS = 100_000;
    private final Map<String, AccessKey> foundKeys = new ConcurrentHashMap<>();

    public AccountStore(Jdbi jdbi, SecretSealer sealer, DebtCleared debtCleared) {
        this.jdbi = jdbi;
        this.sealer = sealer;
        this.debtCleared = debtCleared;
    }

    /** A new access key pair; the secret is shown to the caller once and stored sealed. */
    public record AccessKey(String accountId, String accessKeyId, String accessKeySecret) {
    }

    public AccessKey create(String name, String currency, BigDecimal balance, String zoneId, int standardOffsetSeconds,
                            Instant settledThrough, Instant now) {
        String id = "acc-" + randomText(16).toLowerCase(java.util.Locale.ROOT);
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO accounts (id, name, currency, balance, settlement_zone, standard_offset_s, settled_through, created_at) "
                            + "VALUES (:id, :name, :currency, :balance, :zone, :offset, :settled, :now)")
                    .bind("id", id).bind("name", name).bind("currency", currency).bind("balance", balance)
                    .bind("zone", zoneId).bind("offset", standardOffsetSeconds)
                    .bind("settled", ts(settledThrough)).bind("now", ts(now)).execute();
            if (balance.signum() != 0) {
                ledger(h, id, "TOP_UP", balance, "opening:" + id, now);
            }
            return createKey(h, id, now);
        });
    }

    public AccessKey createKey(String accountId, Instant now) {
        return jdbi.inTransaction(h -> createKey(h, accountId, now));
    }

    private AccessKey createKey(Handle h, String accountId, Instant now) {
        String keyId = "LTAI" + randomText(20);
        String secret = randomText(30);
        h.createUpdate("INSERT INTO access_keys (access_key_id, account_id, secret_sealed, created_at) VALUES (:k, :a, :s, :now)")
                .bind("k", keyId).bind("a", accountId).bind("s", sealer.seal(secret)).bind("now", ts(now)).execute();
        return new AccessKey(accountId, keyId, secret);
    }

    /**
     * The account and secret of an access key, if it exists. A key is never changed or deleted
     * once created, so a found one is remembered (every signed request looks its key up, some
     * twice); an unknown id is asked again each time, since another node may create it.
     */
    public Optional<AccessKey> findKey(String accessKeyId) {
        AccessKey known = foundKeys.get(accessKeyId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<AccessKey> found = jdbi.withHandle(h -> h.createQuery("SELECT account_id, secret_sealed FROM access_keys WHERE access_key_id = :k")
                .bind("k", accessKeyId)
                .map((rs, ctx) -> new AccessKey(rs.getString(1), accessKeyId, sealer.open(rs.getBytes(2))))
                .findOne());
        found.ifPresent(key -> {
            if (foundKeys.size() >= MAX_REMEMBERED_KEYS) {
                foundKeys.clear();
            }
            foundKeys.put(accessKeyId, key);
        });
        return found;
    }

    public Optional<Account> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    public static Optional<Account> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM accounts WHERE id = :id").bind("id", id).map(ACCOUNT).findOne();
    }

    /** Locks the account row for the rest of the transaction (balance changes are serialized per account). */
    public static Account lock(Handle h, String id) {
        return locked(h, id, "FOR UPDATE");
    }

    /**
     * Locks the account against changes to its row but not against other shared lockers: what
     * settlement batches take, so that several write at once while the period's close (which
     * takes {@link #lock}) waits for them.
     */
    public static Account lockShared(Handle h, String id) {
        return locked(h, id, "FOR SHARE");
    }

    private static Account locked(Handle h, String id, String lockClause) {
        return h.createQuery("SELECT * FROM accounts WHERE id = :id " + lockClause).bind("id", id).map(ACCOUNT).findOne()
                .orElseThrow(() -> new ProblemException(Codes.ACCOUNT_NOT_FOUND, "account " + id + " does not exist"));
    }

    /** Counts a usage sample for a period already over, under the account's lock (see {@link Account#lateUsage}); locks it if not yet. */
    public static void countLateUsage(Handle h, String id) {
        lock(h, id);
        h.createUpdate("UPDATE accounts SET late_usage = late_usage + 1 WHERE id = :id").bind("id", id).execute();
    }

    public Account get(String id) {
        return find(id).orElseThrow(() -> new ProblemException(Codes.ACCOUNT_NOT_FOUND, "account " + id + " does not exist"));
    }

    public List<Account> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts ORDER BY id").map(ACCOUNT).list());
    }

    /**
     * One page of accounts in id order after {@code after}, those whose id or name contains
     * {@code search} (case-insensitive; LIKE's wildcards in it match themselves).
     */
    public List<Account> page(String search, String after, int limit) {
        // '!' escapes, not a backslash: JDBI's statement parser reads a backslash in a literal as its own escape.
        String pattern = search == null || search.isEmpty() ? null
                : "%" + search.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts WHERE id > :after AND (CAST(:p AS text) IS NULL "
                        + "OR lower(id) LIKE :p ESCAPE '!' OR lower(name) LIKE :p ESCAPE '!') ORDER BY id LIMIT :n")
                .bind("after", after == null ? "" : after).bind("p", pattern).bind("n", limit).map(ACCOUNT).list());
    }

    /**
     * Adds to the balance, once per reference: the reference is the account's own (scoped by its
     * id in the ledger), a repeat with the same amount answers as the first did and changes
     * nothing, and a repeat with another amount is refused.
     */
    public Account topUp(String accountId, BigDecimal amount, String reference, Instant now) {
        String booked = "top-up:" + accountId + ":" + reference;
        return jdbi.inTransaction(h -> {
            BigDecimal balance = lock(h, accountId).balance();
            Optional<BigDecimal> earlier = h.createQuery("SELECT amount FROM ledger_entries WHERE kind = 'TOP_UP' AND reference = :r")
                    .bind("r", booked).mapTo(BigDecimal.class).findOne();
            if (earlier.isPresent()) {
                if (earlier.get().compareTo(amount) != 0) {
                    throw new ProblemException("IdempotentParameterMismatch", "top-up " + reference + " was already made with amount "
                            + earlier.get().toPlainString() + ", not " + amount.toPlainString());
                }
                return find(h, accountId).orElseThrow();
            }
            if (balance.add(amount).compareTo(MAX_BALANCE) > 0) {
                throw new ProblemException("InvalidParameter.Amount", "a balance is at most " + MAX_BALANCE.toPlainString()
                        + "; this top-up of " + Rounding.shown(amount).toPlainString() + " would make it "
                        + Rounding.shown(balance.add(amount)).toPlainString());
            }
            ledger(h, accountId, "TOP_UP", amount, booked, now);
            Account after = h.createQuery("UPDATE accounts SET balance = balance + :a WHERE id = :id RETURNING *")
                    .bind("a", amount).bind("id", accountId).map(ACCOUNT).one();
            if (after.overdueSince() != null && after.balance().signum() >= 0) {
                debtCleared.cleared(h, accountId, now);
            }
            return find(h, accountId).orElseThrow();
        });
    }

    /** Books a balance change; the (kind, reference) pair is unique so a retried booking fails instead of doubling. */
    public static long ledger(Handle h, String accountId, String kind, BigDecimal amount, String reference, Instant at) {
        return h.createQuery("INSERT INTO ledger_entries (account_id, kind, amount, reference, at) VALUES (:a, :k, :amt, :r, :at) RETURNING id")
                .bind("a", accountId).bind("k", kind).bind("amt", amount).bind("r", reference).bind("at", ts(at))
                .mapTo(Long.class).one();
    }

    public void addRole(String accountId, String roleName, String serviceName, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO service_linked_roles (account_id, role_name, service_name, created_at) "
                        + "VALUES (:a, :r, :s, :now) ON CONFLICT DO NOTHING")
                .bind("a", accountId).bind("r", roleName).bind("s", serviceName).bind("now", ts(now)).execute());
    }

    public boolean removeRole(String accountId, String roleName) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM service_linked_roles WHERE account_id = :a AND role_name = :r")
                .bind("a", accountId).bind("r", roleName).execute() > 0);
    }

    /** When the account's service-linked role was created, if it exists. */
    public Optional<Instant> roleCreatedAt(String accountId, String roleName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT created_at FROM service_linked_roles WHERE account_id = :a AND role_name = :r")
                .bind("a", accountId).bind("r", roleName).mapTo(Timestamp.class).findOne().map(Timestamp::toInstant));
    }

    public List<String> roles(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT role_name FROM service_linked_roles WHERE account_id = :a ORDER BY role_name")
                .bind("a", accountId).mapTo(String.class).list());
    }

    public String addCoupon(String accountId, BigDecimal amount, Instant expiresAt, Instant now) {
        String id = "cpn-" + randomText(12).toLowerCase(java.util.Locale.ROOT);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO coupons (id, account_id, amount, remaining, expires_at, created_at) "
                        + "VALUES (:id, :a, :amt, :amt, :exp, :now)")
                .bind("id", id).bind("a", accountId).bind("amt", amount).bind("exp", expiresAt == null ? null : ts(expiresAt))
                .bind("now", ts(now)).execute());
        return id;
    }

    public BigDecimal ledgerSum(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = :a")
                .bind("a", accountId).mapTo(BigDecimal.class).one());
    }

    private String randomText(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return sb.toString();
    }

    public static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
