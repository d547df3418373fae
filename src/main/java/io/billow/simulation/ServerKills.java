package io.billow.simulation;

import io.billow.cli.ApiClient;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Crashes: the server is killed with SIGKILL while a clock advance settles hours of usage, and
 * restarted on the same data directory; the advance is then finished on the new process.
 */
final class ServerKills {

    private final ServeProcess serve;
    private int kills;

    ServerKills(ServeProcess serve) {
        this.serve = serve;
    }

    int kills() {
        return kills;
    }

    /** Moves the clock {@code step.amount()} seconds, killing the server somewhere during the move. */
    ApiClient.Response killDuringAdvance(ApiClient operator, Step step) {
        Instant target = now(operator).plusSeconds(step.amount());
        CompletableFuture<ApiClient.Response> advancing = CompletableFuture.supplyAsync(() ->
                operator.post("/api/v1/clock", "{\"to\":\"" + target + "\"}"));
        try {
            // Where the kill lands is the one thing the seed does not decide: the invariants must hold wherever it does.
            Thread.sleep(5 + 15L * step.variant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        serve.kill();
        kills++;
        try {
            advancing.get(30, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // the server died under the request, or had just answered it
        }
        serve.restart();
        return finish(operator, target);
    }

    /** After a restart: the clock goes on to where the killed advance was going. */
    private static ApiClient.Response finish(ApiClient operator, Instant target) {
        if (now(operator).isBefore(target)) {
            return operator.post("/api/v1/clock", "{\"to\":\"" + target + "\"}");
        }
        return operator.get("/api/v1/clock");
    }

    static Instant now(ApiClient operator) {
        return Instant.parse(operator.get("/api/v1/clock").body().get("now").asText());
    }
}
