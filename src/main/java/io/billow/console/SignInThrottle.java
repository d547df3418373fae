package io.billow.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address: after {@link #MAX_FAILURES} in {@link #WINDOW}, that
 * address waits out the window, so keys cannot be guessed at HTTP speed. Bounded in addresses.
 */
final class SignInThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** How long the address must wait before trying again; zero if it may try now. */
    Duration waitFor(String address, Instant now) {
        Deque<Instant> recent = failures.get(address);
        if (recent == null) {
            return Duration.ZERO;
        }
        synchronized (recent) {
            recent.removeIf(at -> at.plus(WINDOW).isBefore(now));
            if (recent.size() < MAX_FAILURES) {
                return Duration.ZERO;
            }
            return Duration.between(now, recent.peekFirst().plus(WINDOW)).plusSeconds(1);
        }
    }

    void failed(String address, Instant now) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.entrySet().removeIf(e -> e.getValue().isEmpty() || e.getValue().peekLast().plus(WINDOW).isBefore(now));
        }
        Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(now);
            while (recent.size() > MAX_FAILURES) {
                recent.removeFirst();
            }
        }
    }

    void succeeded(String address) {
        failures.remove(address);
    }
}
