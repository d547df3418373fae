package io.billow.console;

import io.billow.account.KeyComparison;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-ins, held on the server: the browser keeps only an opaque id in an
 * HTTP-only cookie, so a script on the page never sees a key. Each session has its own CSRF
 * token, required on every change. Bounded, and idle sessions expire, by the wall clock.
 */
final class ConsoleSessions {

    static final int MAX_SESSIONS = 10_000;
    static final Duration IDLE = Duration.ofHours(8);

    /**
     * One signed-in browser.
     *
     * @param token         what the native API is called with: the operator key or AccessKeyId:AccessKeySecret
     * @param operator      signed in with the operator key, who may act on any account
     * @param accountId     the account it acts on; empty for an operator looking at all accounts
     */
    record Session(String id, String csrf, String token, boolean operator, Optional<String> accountId, Instant lastSeen) {

        Session actingAs(Optional<String> account) {
            return new Session(id, csrf, token, operator, account, lastSeen);
        }

        boolean csrfMatches(String sent) {
            return sent != null && KeyComparison.matches(sent, csrf);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    Session open(String token, boolean operator, Optional<String> accountId, Instant now) {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> s.lastSeen().plus(IDLE).isBefore(now));
        }
        if (sessions.size() >= MAX_SESSIONS) {
            throw new IllegalStateException("too many console sessions");
        }
        Session s = new Session(randomId(), randomId(), token, operator, accountId, now);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session of a cookie value; touching it keeps it alive. */
    Optional<Session> find(String id, Instant now) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (s.lastSeen().plus(IDLE).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.csrf(), s.token(), s.operator(), s.accountId(), now);
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    void replace(Session s) {
        sessions.put(s.id(), s);
    }

    void close(String id) {
        sessions.remove(id);
    }

    private static String randomId() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
