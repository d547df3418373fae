package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BoundedNonceStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(15);

    @Test
    void a_nonce_is_new_once_per_key() {
        BoundedNonceStore store = BoundedNonceStore.forTolerance(10, TOLERANCE);

        assertThat(store.firstUse("ak1", "n", T0)).isTrue();
        assertThat(store.firstUse("ak1", "n", T0)).isFalse();
        assertThat(store.firstUse("ak2", "n", T0)).isTrue();
    }

    @Test
    void forgets_only_nonces_that_are_certainly_expired() {
        BoundedNonceStore store = BoundedNonceStore.forTolerance(10, TOLERANCE);
        store.firstUse("ak", "old", T0);

        // An expiry of T0 + 30 min may be recorded as early as T0: "old" may still be live.
        store.firstUse("ak", "a", T0.plus(Duration.ofMinutes(30)));
        assertThat(store.size()).isEqualTo(2);

        // An expiry past T0 + 30 min is recorded after T0: "old" is gone for good.
        store.firstUse("ak", "b", T0.plus(Duration.ofMinutes(30)).plusSeconds(1));
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.firstUse("ak", "a", T0)).isFalse();
    }

    @Test
    void refuses_to_grow_past_its_capacity_rather_than_forget_a_live_nonce() {
        BoundedNonceStore store = BoundedNonceStore.forTolerance(2, TOLERANCE);
        store.firstUse("ak", "1", T0);
        store.firstUse("ak", "2", T0);

        assertThatThrownBy(() -> store.firstUse("ak", "3", T0)).isInstanceOf(IllegalStateException.class);
        assertThat(store.firstUse("ak", "1", T0)).isFalse();
        assertThat(store.firstUse("ak", "3", T0.plus(Duration.ofHours(1)))).isTrue();
    }
}
