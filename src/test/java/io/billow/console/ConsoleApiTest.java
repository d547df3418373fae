package io.billow.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's server side without a browser: sessions, CSRF, the sign-in throttle, the CSV export and the list's speed. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleApiTest {

    private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    static final String RDS = "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"HighAvailability\","
            + "\"instanceClass\":\"pg.n2.medium.2c\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":100}";

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(START);

    private ConsoleHttp browser() {
        return new ConsoleHttp(SERVER.server().url());
    }

    @Test
    @Order(1)
    void theConsolePageIsServedAtTheRootBesideTheRpcApiAndNothingElseIsVisibleWithoutSigningIn() {
        ConsoleHttp b = browser();
        ConsoleHttp.Answer page = b.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<main id=\"main\"");
        assertThat(b.header(page, "Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'");
        assertThat(b.get("/?Action=DescribeRegions&Version=2014-08-15").body()).as("an RPC call to / is still the RPC API's")
                .doesNotContain("<main");
        assertThat(b.get("/console/api/v1/instances").status()).isEqualTo(401);
        assertThat(b.get("/console/instances").status()).isEqualTo(401);
        assertThat(b.get("/console/vendor/uplot.js").status()).isEqualTo(200);
        assertThat(b.get("/console/vendor/anything.js").status()).isEqualTo(404);
        assertThat(b.get("/console/assets/..%2Fdb%2Fmigration%2FV1__baseline.sql").status()).isEqualTo(404);
        assertThat(b.get("/api/docs").body()).contains("swagger");
    }

    @Test
    @Order(2)
    void aSessionIsAnHttpOnlySameSiteCookieAndEveryChangeNeedsItsCsrfToken() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        ConsoleHttp b = browser();
        ConsoleHttp.Answer in = b.signIn(t.accessKeyId() + ":" + t.accessKeySecret());
        assertThat(in.status()).isEqualTo(200);
        assertThat(b.header(in, "Set-Cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(in.body()).doesNotContain(t.accessKeySecret());
        assertThat(in.json().get("accountId").asText()).isEqualTo(t.accountId());

        ConsoleHttp.Answer forged = b.forged("POST", "/console/api/v1/instances", RDS);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(b.get("/console/api/v1/instances").json().get("instances")).as("the forged request created nothing").isEmpty();
        ConsoleHttp.Answer made = b.change("POST", "/console/api/v1/instances", RDS);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().get("accountId").asText()).isEqualTo(t.accountId());
        assertThat(b.forged("DELETE", "/console/session", null).status()).isEqualTo(403);
        assertThat(b.change("DELETE", "/console/session", null).status()).isEqualTo(200);
        assertThat(b.get("/console/api/v1/instances").status()).as("signed out").isEqualTo(401);
    }

    @Test
    @Order(3)
    void theOperatorSwitchesToAnAccountAndSeesAndCreatesAsIt() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        TestServer.Tenant other = SERVER.newTenant("USD", "100");
        other.api().post("/api/v1/instances", RDS);
        ConsoleHttp b = browser();
        assertThat(b.signIn(TestServer.ADMIN_KEY).json().get("operator").asBoolean()).isTrue();
        assertThat(b.change("PUT", "/console/session/account", "{\"accountId\":\"" + t.accountId() + "\"}").status()).isEqualTo(200);
        ConsoleHttp.Answer made = b.change("POST", "/console/api/v1/instances", RDS);
        assertThat(made.json().get("accountId").asText()).isEqualTo(t.accountId());
        assertThat(b.get("/console/instances").json().get("total").asInt()).isEqualTo(1);
        assertThat(b.get("/console/api/v1/instances").json().get("instances")).hasSize(1);
    }

    @Test
    @Order(4)
    void theCsvExportHasTheApisFiguresLineByLine() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        String id = t.api().post("/api/v1/instances", RDS).body().get("instanceId").asText();
        Instant from = Instant.ofEpochSecond(SERVER.now().getEpochSecond() / 3600 * 3600);
        SERVER.clockTo(from.plusSeconds(3 * 3600 + 5));
        ConsoleHttp b = browser();
        b.signIn(t.accessKeyId() + ":" + t.accessKeySecret());
        String query = "instanceId=" + id + "&from=" + from + "&to=" + from.plusSeconds(3 * 3600);
        JsonNode api = t.api().get("/api/v1/bills?" + query).body().get("bills");
        ConsoleHttp.Answer csv = b.get("/console/bills.csv?" + query);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(b.header(csv, "Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> expected = new ArrayList<>();
        for (JsonNode bill : api) {
            for (JsonNode l : bill.get("lines")) {
                expected.add(bill.get("periodStart").asText() + " " + l.get("item").asText() + " " + l.get("quantity").asText() + " "
                        + l.get("unitPrice").asText() + " " + l.get("amount").asText() + " " + bill.get("payable").asText());
            }
        }
        List<String> rows = csv.body().lines().skip(1).map(r -> r.split(",")).map(c -> c[0] + " " + c[3] + " " + c[6] + " " + c[8] + " "
                + c[10] + " " + c[12]).toList();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        assertThat(rows).containsExactlyElementsOf(expected);
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo(String.join(",", BillCsv.HEADER));
    }

    @Test
    @Order(5)
    void aPageOfAnAccountWithTenThousandInstancesAnswersWithinASecond() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        SERVER.server().jdbi().useHandle(h -> h.createUpdate("INSERT INTO instances (id, account_id, product, region, zone_id, edition, "
                        + "instance_class, billing_method, status, storage_gb, storage_type, created_at) SELECT 'pgm-bulk' || lpad(n::text, 5, '0'), "
                        + ":a, 'rds-postgresql', 'cn-hangzhou', 'cn-hangzhou-i', 'HighAvailability', 'pg.n2.medium.2c', 'PAY_AS_YOU_GO', "
                        + "CASE WHEN n % 10 = 0 THEN 'DBInstanceClassChanging' ELSE 'Running' END, 100, 'cloud_essd', now() "
                        + "FROM generate_series(1, 10000) n").bind("a", t.accountId()).execute());
        ConsoleHttp b = browser();
        b.signIn(t.accessKeyId() + ":" + t.accessKeySecret());
        b.get("/console/instances?page=0&size=20");
        List<Long> millis = new ArrayList<>();
        for (String q : new String[]{"page=0", "page=499", "page=250&status=DBInstanceClassChanging", "q=bulk0999", "product=rds-postgresql&page=100"}) {
            long t0 = System.nanoTime();
            ConsoleHttp.Answer a = b.get("/console/instances?size=20&" + q);
            millis.add((System.nanoTime() - t0) / 1_000_000);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
        }
        System.out.println("10,000-instance list pages, ms: " + millis);
        assertThat(b.get("/console/instances?size=20&page=0").json().get("total").asInt()).isEqualTo(10_000);
        assertThat(b.get("/console/instances?size=20&q=bulk0999").json().get("total").asInt()).isEqualTo(10);
        assertThat(b.get("/console/instances?status=DBInstanceClassChanging").json().get("total").asInt()).isEqualTo(1000);
        assertThat(millis.stream().sorted().toList().get(2)).as("the median page, ms").isLessThan(1000);
    }

    @Test
    @Order(6)
    void failedSignInsFromOneAddressAreThrottled() {
        ConsoleHttp b = browser();
        for (int n = 0; n < SignInThrottle.MAX_FAILURES; n++) {
            assertThat(b.signIn("nobody:wrong").status()).isEqualTo(401);
        }
        ConsoleHttp.Answer blocked = b.signIn(TestServer.ADMIN_KEY);
        assertThat(blocked.status()).as("even the right key waits out the window").isEqualTo(429);
        assertThat(Integer.parseInt(b.header(blocked, "Retry-After").orElseThrow())).isBetween(1, 61);
    }
}
