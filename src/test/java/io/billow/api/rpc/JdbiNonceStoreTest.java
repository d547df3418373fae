package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Needs a PostgreSQL: see {@link TestDatabase}. */
class JdbiNonceStoreTest {

    private static final Instant T0 = Instant.parse("2031-03-01T08:00:00Z");

    private final AtomicReference<Instant> clock = new AtomicReference<>(T0);
    private Jdbi jdbi;
    private JdbiNonceStore nonces;

    @BeforeEach
    void setUp() {
        jdbi = TestDatabase.freshSchema();
        nonces = new JdbiNonceStore(jdbi, clock::get, 1_000);
    }

    @Test
    void a_nonce_is_used_once_per_key() {
        Instant expiry = T0.plus(Duration.ofMinutes(15));

        assertThat(nonces.firstUse("LTAIa", "n-1", expiry)).isTrue();
        assertThat(nonces.firstUse("LTAIa", "n-1", expiry)).isFalse();
        assertThat(nonces.firstUse("LTAIb", "n-1", expiry)).isTrue();
    }

    @Test
    void an_expired_nonce_may_come_back_with_a_new_request() {
        nonces.firstUse("LTAIa", "n-1", T0.plus(Duration.ofMinutes(15)));
        clock.set(T0.plus(Duration.ofMinutes(16)));

        assertThat(nonces.firstUse("LTAIa", "n-1", T0.plus(Duration.ofMinutes(31)))).isTrue();
        assertThat(nonces.firstUse("LTAIa", "n-1", T0.plus(Duration.ofMinutes(31)))).isFalse();
    }

    @Test
    void purging_removes_only_expired_nonces() {
        nonces.firstUse("LTAIa", "old", T0.plus(Duration.ofMinutes(1)));
        nonces.firstUse("LTAIa", "live", T0.plus(Duration.ofMinutes(30)));
        clock.set(T0.plus(Duration.ofMinutes(2)));

        assertThat(nonces.purgeExpired()).isEqualTo(1);
        assertThat(nonces.firstUse("LTAIa", "live", T0.plus(Duration.ofMinutes(30)))).isFalse();
    }

    @Test
    void every_nth_record_purges() {
        JdbiNonceStore purgingOften = new JdbiNonceStore(jdbi, clock::get, 2);
        purgingOften.firstUse("LTAIa", "old", T0.plus(Duration.ofMinutes(1)));
        clock.set(T0.plus(Duration.ofMinutes(2)));
        purgingOften.firstUse("LTAIa", "new", T0.plus(Duration.ofMinutes(17)));

        List<String> left = jdbi.withHandle(handle -> handle.createQuery("SELECT nonce FROM signature_nonces")
                .mapTo(String.class).list());
        assertThat(left).containsExactly("new");
    }
}
