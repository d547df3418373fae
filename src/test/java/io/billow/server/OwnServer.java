package io.billow.server;

import io.billow.cli.ApiClient;
import io.billow.store.ThrowAwayDirectory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A test class's own Billow (embedded PostgreSQL, simulated clock from {@code start}): for tests
 * that move the clock by weeks, so that no other test's instances are settled on the way and no
 * other test's clock is moved. {@code @RegisterExtension static final OwnServer SERVER = ...}.
 */
public final class OwnServer implements BeforeAllCallback, AfterAllCallback {

    private final Instant start;
    private final boolean allowLocalWebhooks;
    private Path dir;
    private BillowServer server;

    public OwnServer(Instant start) {
        this(start, false);
    }

    /** @param allowLocalWebhooks for tests whose webhook receiver listens on this machine */
    public OwnServer(Instant start, boolean allowLocalWebhooks) {
        this.start = start;
        this.allowLocalWebhooks = allowLocalWebhooks;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("billow-own-");
        server = BillowServer.start(new BillowServer.Options("127.0.0.1", 0, dir, null, true, start, null, TestServer.ADMIN_KEY, 1000,
                allowLocalWebhooks));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
        ThrowAwayDirectory.delete(dir);
    }

    public BillowServer server() {
        return server;
    }

    public ApiClient operator() {
        return new ApiClient(server.url(), TestServer.ADMIN_KEY);
    }

    public Instant now() {
        return server.clock().now();
    }

    /** Moves the clock to {@code at}, running everything due on the way. */
    public void clockTo(Instant at) {
        ApiClient.Response r = operator().post("/api/v1/clock", "{\"to\":\"" + at + "\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("the clock did not move to " + at + ": " + r.body());
        }
    }

    public TestServer.Tenant newTenant(String currency, String balance) {
        ApiClient.Response r = operator().post("/api/v1/accounts", "{\"name\":\"t\",\"currency\":\"" + currency + "\",\"balance\":" + balance
                + ",\"settlementZone\":\"UTC\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("cannot create a tenant: " + r.body());
        }
        String key = r.body().get("accessKeyId").asText();
        String secret = r.body().get("accessKeySecret").asText();
        return new TestServer.Tenant(r.body().get("accountId").asText(), new ApiClient(server.url(), key + ":" + secret), key, secret);
    }
}
