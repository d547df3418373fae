package io.billow.api;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.time.Duration;

/**
 * The limits on what the web server takes on: per-account request rates, requests handled at
 * once and waiting, and how long a request may wait. Past them a request is refused clearly (429
 * with Retry-After, 503 or 408, in the JSON error shapes), and the server never sticks.
 * The defaults are far above what one client or the test suite sends.
 */
public record RequestLimits(double ratePerSecond, int rateBurst, Duration requestTimeout, int maxConcurrentRequests,
                            int maxQueuedRequests) {

    public static final RequestLimits DEFAULT = new RequestLimits(1_000, 10_000, Duration.ofSeconds(30), 64, 1_000);

    public RequestLimits {
        if (!(ratePerSecond > 0) || rateBurst < 1 || requestTimeout.isNegative() || requestTimeout.isZero()
                || maxConcurrentRequests < 1 || maxQueuedRequests < 0) {
            throw new IllegalArgumentException("limits must be positive: rate " + ratePerSecond + ", burst " + rateBurst
                    + ", timeout " + requestTimeout + ", concurrent " + maxConcurrentRequests + ", queued " + maxQueuedRequests);
        }
    }

    /** Whether {@code failure} is a read that timed out (a body that stopped arriving), by its causes. */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    public RequestRates rates() {
        return new RequestRates(ratePerSecond, rateBurst, System::nanoTime);
    }

    /**
     * Bounds the thread pool, lets {@code maxConcurrentRequests} run and {@code maxQueuedRequests}
     * wait (without a thread) for at most the timeout; beyond, 503. A connection idle for longer
     * than the timeout (a body that stops arriving) is closed with 408.
     */
    public void install(JavalinConfig config) {
        // Selectors and acceptors take a few threads of their own; the rest serve requests.
        config.jetty.threadPool = new QueuedThreadPool(maxConcurrentRequests + 16, 8);
        config.jetty.timeoutStatus = 408;
        config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(requestTimeout.toMillis()));
        config.jetty.modifyServletContextHandler(context -> {
            QoSHandler qos = new QoSHandler();
            qos.setMaxRequestCount(maxConcurrentRequests);
            qos.setMaxSuspendedRequestCount(maxQueuedRequests);
            qos.setMaxSuspend(requestTimeout);
            context.insertHandler(qos);
        });
    }
}
