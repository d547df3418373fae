package io.billow.product.polardb;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A test class's own Billow with a simulated clock from {@code start}, and the PolarDB API
 * called through the generic Tea client as each tenant. {@code @RegisterExtension static final PolarServer SERVER = ...}.
 */
final class PolarServer implements BeforeAllCallback, AfterAllCallback {

    record Tenant(String accountId, ApiClient api, PolarClient polar) {

        BigDecimal balance() {
            return new BigDecimal(api.get("/api/v1/accounts/" + accountId).body().get("balance").asText());
        }

        JsonNode orders(String clusterId) {
            return api.get("/api/v1/orders?instanceId=" + clusterId).body().get("orders");
        }

        /** The cluster's order of that id, as the native API shows it. */
        JsonNode order(String clusterId, String orderId) {
            for (JsonNode o : orders(clusterId)) {
                if (o.get("orderId").asText().equals(orderId)) {
                    return o;
                }
            }
            throw new AssertionError("no order " + orderId + " of " + clusterId + " in " + orders(clusterId));
        }

        JsonNode instance(String clusterId) {
            return api.get("/api/v1/instances/" + clusterId).body();
        }
    }

    private final OwnServer own;

    PolarServer(Instant start) {
        this.own = new OwnServer(start);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        own.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        own.afterAll(context);
    }

    void clockTo(Instant at) {
        own.clockTo(at);
    }

    ApiClient operator() {
        return own.operator();
    }

    int port() {
        return own.server().port();
    }

    Tenant newTenant(String balance) throws Exception {
        TestServer.Tenant t = own.newTenant("USD", balance);
        return new Tenant(t.accountId(), t.api(), new PolarClient(t.accessKeyId(), t.accessKeySecret(), own.server().port()));
    }
}
