package io.billow.server;

import io.billow.cli.ApiClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One Billow server (embedded PostgreSQL, simulated clock, random port) shared by the tests of
 * a JVM, because starting PostgreSQL takes seconds. Tests isolate themselves by creating their
 * own accounts. Stopped by a shutdown hook.
 */
public final class TestServer {

    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    public static final String ADMIN_KEY = "test-operator-key";

    private static BillowServer server;

    private TestServer() {
    }

    public static synchronized BillowServer get() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("billow-test-");
                server = BillowServer.start(new BillowServer.Options("127.0.0.1", 0, dir, null, true, START, null, ADMIN_KEY, 1000));
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    public static ApiClient operator() {
        return new ApiClient(get().url(), ADMIN_KEY);
    }

    /** A new account: returns a client authenticated as it, and its id in {@link ApiClient#as}. */
    public static Tenant newTenant(String currency, String balance, String zone) {
        ApiClient.Response r = operator().post("/api/v1/accounts", "{\"name\":\"t\",\"currency\":\"" + currency + "\",\"balance\":" + balance
                + ",\"settlementZone\":\"" + zone + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("cannot create a tenant: " + r.body());
        }
        String token = r.body().get("accessKeyId").asText() + ":" + r.body().get("accessKeySecret").asText();
        return new Tenant(r.body().get("accountId").asText(), new ApiClient(get().url(), token),
                r.body().get("accessKeyId").asText(), r.body().get("accessKeySecret").asText());
    }

    /** An account, a native client signed in as it, and its AccessKey pair for the RPC API. */
    public record Tenant(String accountId, ApiClient api, String accessKeyId, String accessKeySecret) {
    }
}
