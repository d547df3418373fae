package io.billow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.server.BillowServer;
import io.billow.store.ThrowAwayDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code billow demo}: a scripted story on a fresh temporary database with a simulated clock,
 * told through the real HTTP API: create instances of several products, pause and resume a
 * warehouse, scale a cluster, switch a database to serverless, release one, and print each
 * hour's bills and the total.
 */
@Command(name = "demo", description = "Run a scripted story on a throw-away database and print the bills.")
public final class DemoCommand implements Callable<Integer> {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @Option(names = "--hours", defaultValue = "6", description = "Hours of simulated time (default ${DEFAULT-VALUE}).")
    int hours;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("billow-demo-");
        System.out.println("Starting Billow on a temporary database in " + dir + " with a simulated clock at " + START + "...");
        try (BillowServer server = BillowServer.start(new BillowServer.Options("127.0.0.1", 0, dir, null, true, START, null,
                "demo-operator-key", 1000))) {
            ApiClient operator = new ApiClient(server.url(), "demo-operator-key");
            JsonNode account = must(operator.post("/api/v1/accounts",
                    "{\"name\":\"demo\",\"currency\":\"USD\",\"balance\":10000,\"settlementZone\":\"UTC\"}"));
            ApiClient tenant = operator.as(account.get("accessKeyId").asText() + ":" + account.get("accessKeySecret").asText());
            String accountId = account.get("accountId").asText();
            for (String role : new String[]{"AliyunServiceRoleForRdsPgsqlOnEcs", "AliyunServiceRoleForRDSProxyOnEcs"}) {
                must(tenant.post("/api/v1/accounts/" + accountId + "/service-linked-roles", "{\"roleName\":\"" + role + "\"}"));
            }
            DemoStory story = new DemoStory(operator, tenant);
            story.play(hours);
            JsonNode bills = must(tenant.get("/api/v1/bills?limit=10000")).path("bills");
            System.out.println();
            System.out.print(BillTable.of(bills));
            story.untilSubscriptionExpires();
            story.untilRocketMqDowngrades();
            BigDecimal total = BigDecimal.ZERO;
            JsonNode month = must(tenant.get("/api/v1/bills?limit=10000")).path("bills");
            for (JsonNode b : month) {
                total = total.add(new BigDecimal(b.path("payable").asText()));
            }
            System.out.println("Over the whole run: " + month.size() + " hourly bills, " + total.toPlainString() + " USD payable, "
                    + must(tenant.get("/api/v1/orders")).path("orders").size() + " orders");
            JsonNode after = must(tenant.get("/api/v1/accounts/" + accountId));
            System.out.println("Balance: 10000.00 → " + new BigDecimal(after.path("balance").asText()).setScale(2, RoundingMode.DOWN)
                    .toPlainString() + " USD (the subscriptions' 600.00 and 3000.00 were paid up front)");
        } finally {
            // The demo's database is throw-away: gone once the server has stopped.
            ThrowAwayDirectory.deleteQuietly(dir, "the demo's temporary database", System.err);
        }
        return 0;
    }

    static JsonNode must(ApiClient.Response r) {
        if (r.status() >= 400) {
            throw new IllegalStateException(r.body().path("code").asText() + ": " + r.body().path("message").asText());
        }
        return r.body();
    }
}
