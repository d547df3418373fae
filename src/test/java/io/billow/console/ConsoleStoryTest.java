package io.billow.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a user drives it, in headless Chromium: an operator signs in and switches to a
 * tenant, converts an RDS instance to serverless after fixing what blocks it, watches the bills
 * and the chart as the clock moves, exports them, upgrades and unsubscribes RocketMQ, pauses a
 * warehouse, and upgrades a RocketMQ 5.x instance to Shared ({@link ConsoleFlowsStoryTest} has the
 * other flows). Full-page screenshots go to target/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleStoryTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-06-01T00:00:00Z"));

    private static Browser browser;

    @BeforeAll
    static void signInAsTheOperator() {
        browser = new Browser(SERVER.server().url());
        browser.open("");
        browser.type("#signin-key", TestServer.ADMIN_KEY);
        browser.click("#signin-submit");
        browser.find("#account-picker");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theOperatorSignsInAndSwitchesToATenant() throws Exception {
        TestServer.Tenant tenant = SERVER.newTenant("USD", "10000");
        browser.click("#signout");
        browser.find("#signin-key");
        browser.screenshots("sign-in");
        browser.type("#signin-key", "not-a-key");
        browser.click("#signin-submit");
        browser.waitText("#signin-error", "not valid");
        browser.type("#signin-key", TestServer.ADMIN_KEY);
        browser.click("#signin-submit");
        browser.pickAccount(tenant.accountId());
        browser.waitText("#main", "No instances match.");
        browser.find("#clock-hour");
        browser.screenshots("clock-controls");
    }

    @Test
    @Order(2)
    void anRdsInstanceIsConvertedToServerlessOnceItsSslViolationIsFixedAndItsBillsFollowTheClock() throws Exception {
        TestServer.Tenant tenant = world();
        browser.go("#/create");
        browser.choose("#create-product", "rds-postgresql");
        browser.choose("#create-edition", "HighAvailability");
        browser.choose("#create-class", "pg.n2.medium.2c");
        browser.type("#create-storage", "100");
        browser.screenshots("create");
        browser.click("#create-submit");
        browser.find("#h-basic");
        String rds = browser.text("h1");
        SERVER.operator().patch("/api/v1/instances/" + rds + "/attributes", "{\"sslEnabled\":true}");
        browser.go("#/instances");
        browser.go("#/instance/" + rds);
        browser.click("button[data-flow=switch]");
        browser.type("#flow-instanceClass", "pg.n2.serverless.2c");
        browser.type("#flow-minCapacity", "0.5");
        browser.type("#flow-maxCapacity", "4");
        browser.click("#flow-estimate-button");
        String ssl = browser.text(".violation[data-code=SSLInstanceNotSupportThisOperation]");
        assertThat(ssl).contains("Disable SSL encryption first").contains("How to fix: Turn SSL encryption off.");
        assertThat(browser.find("#flow-review").isEnabled()).as("nothing can be confirmed while it is blocked").isFalse();
        browser.screenshots("change-violations");

        browser.click("button[data-fix=SSLInstanceNotSupportThisOperation]");
        browser.until(d -> d.findElements(By.cssSelector(".violation[data-code=SSLInstanceNotSupportThisOperation]")).isEmpty());
        browser.click("button[data-fix='ServiceLinkedRole.NotExist']");
        browser.find("#flow-eligible");
        String hourly = browser.text("#estimate-hourly");
        JsonNode api = tenant.api().post("/api/v1/estimates", "{\"instanceId\":\"" + rds + "\",\"payType\":\"Serverless\","
                + "\"instanceClass\":\"pg.n2.serverless.2c\",\"minCapacity\":0.5,\"maxCapacity\":4}").body();
        assertThat(hourly).isEqualTo(api.get("hourlyBefore").asText() + " USD now → " + api.get("hourlyAfter").asText() + " USD after");
        browser.screenshots("change-estimate");
        browser.confirmChange();
        browser.waitText("#flow-progress", "");
        browser.clickAndWaitForPage("#clock-hour");
        browser.waitText("#billing-method", "Serverless");
        assertThat(browser.find("#h-basic + dl [data-status]").getText()).isEqualTo("Running");
        theBillLinesAndTheChartChangeAsTheClockAdvancesAndTheCsvHasTheApisFigures(tenant, rds);
    }

    private void theBillLinesAndTheChartChangeAsTheClockAdvancesAndTheCsvHasTheApisFigures(TestServer.Tenant tenant, String rds)
            throws Exception {
        String before = browser.find("#chart-summary").getAttribute("data-hours");
        browser.clickAndWaitForPage("#clock-hour");
        browser.until(d -> !before.equals(d.findElement(By.id("chart-summary")).getAttribute("data-hours")));
        browser.waitText("#bill-lines", "rcu");
        browser.screenshots("instance-details");

        String href = browser.find("#csv-export").getAttribute("href");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", browser.cookieHeader()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        String query = href.substring(href.indexOf('?') + 1);
        JsonNode bills = tenant.api().get("/api/v1/bills?" + query).body().get("bills");
        List<String> expected = new ArrayList<>();
        bills.forEach(b -> b.get("lines").forEach(l -> expected.add(b.get("periodStart").asText() + "," + l.get("item").asText() + ","
                + l.get("quantity").asText() + "," + l.get("amount").asText())));
        List<String> rows = csv.body().lines().skip(1).map(r -> r.split(",")).map(c -> c[0] + "," + c[3] + "," + c[6] + "," + c[10]).toList();
        assertThat(rows).isNotEmpty().containsExactlyElementsOf(expected);

        browser.go("#/bills");
        browser.find("#chart-summary");
        browser.waitText("#bill-lines", rds);
        browser.screenshots("bills");
        browser.go("#/orders");
        browser.waitText("#orders", "CONVERT");
        browser.screenshots("orders");
        browser.go("#/instances");
        browser.waitText("#instances", rds);
        browser.screenshots("instances");
    }

    @Test
    @Order(3)
    void aRocketMq4UpgradeIsPaidAndItsUnsubscriptionWarnsOfDataLossFirst() throws Exception {
        TestServer.Tenant tenant = world();
        String id = created(tenant, "{\"product\":\"rocketmq-4\",\"region\":\"cn-hangzhou\",\"edition\":\"Standard\","
                + "\"instanceClass\":\"standard\",\"billingMethod\":\"PayAsYouGo\"}");
        tenant.api().post("/api/v1/instances/" + id + "/topics", "{\"name\":\"orders\"}");
        browser.go("#/instance/" + id);
        browser.waitText("#topics", "orders");
        browser.click("button[data-flow=upgradeEdition]");
        browser.choose("#flow-edition", "EnterprisePlatinum");
        browser.type("#flow-instanceClass", "ep.tps.5k");
        browser.type("#flow-months", "1");
        browser.click("#flow-estimate-button");
        browser.waitText("#estimate-order", "3000.00 USD");
        browser.confirmChange();
        browser.clickAndWaitForPage("#clock-hour");
        browser.waitText("#billing-method", "Subscription");
        browser.waitText("#post-expiration", "DeleteResource");

        browser.click("button[data-flow=unsubscribe]");
        String warning = browser.text("#flow-data-loss");
        assertThat(warning).startsWith("Data loss:").contains("confirmDeleteResource");
        assertThat(browser.find("#flow-review").isEnabled()).isFalse();
        browser.click("#flow-confirm-delete");
        browser.find("#estimate-refund");
        browser.click("#flow-review");
        assertThat(browser.text("#confirm-warning")).contains("will be deleted");
        browser.screenshots("confirm-data-loss");
        assertThat(browser.find("#flow-confirm").isEnabled()).as("not before the warning is acknowledged").isFalse();
        browser.click("#flow-ack");
        browser.click("#flow-confirm");
        browser.until(d -> d.findElement(By.id("flow-progress")).getAttribute("data-settled"));
        assertThat(tenant.api().get("/api/v1/instances/" + id).body().get("releasedAt").isNull()).isFalse();
    }

    @Test
    @Order(4)
    void aPausedWarehouseStopsItsComputeLine() {
        String id = created(world(), "{\"product\":\"analyticdb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"ElasticStorage\","
                + "\"instanceClass\":\"4C16G\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":100}");
        SERVER.clockTo(nextHour().plusSeconds(60));
        browser.go("#/instance/" + id);
        browser.waitText("#bill-lines", "compute");
        browser.click("button[data-flow=pause]");
        browser.find("#flow-eligible");
        // 2 nodes × 0.18 + 100 GB × 0.00018 while running; storage alone once paused.
        assertThat(browser.text("#estimate-hourly")).isEqualTo("0.378000 USD now → 0.018000 USD after");
        browser.confirmChange();
        browser.clickAndWaitForPage("#clock-hour");
        browser.until(d -> "Paused".equals(d.findElement(By.cssSelector("#h-basic + dl [data-status]")).getAttribute("data-status")));
        browser.clickAndWaitForPage("#clock-hour");
        browser.find("#bill-lines");
        // Read in one script: the table may be rendered anew between two element lookups.
        @SuppressWarnings("unchecked")
        List<List<String>> rows = (List<List<String>>) browser.driver().executeScript("return [...document.querySelectorAll("
                + "'#bill-lines tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()))");
        String latestHour = rows.get(0).get(0);
        List<String> latestItems = rows.stream().filter(r -> r.get(0).equals(latestHour)).map(r -> r.get(2)).toList();
        assertThat(latestItems).as("the hour after the pause").contains("storage").doesNotContain("compute");
    }

    @Test
    @Order(5)
    void aRocketMq5UpgradeToSharedMarksTheOldEndpointAndItsDeletionStopsItsFee() throws Exception {
        String id = created(world(), "{\"product\":\"rocketmq-5\",\"region\":\"cn-hangzhou\",\"edition\":\"Standard\",\"instanceClass\":"
                + "\"serverless.standard\",\"billingMethod\":\"PayAsYouGo\"}");
        browser.go("#/instance/" + id);
        browser.click("button[data-flow=upgradeEdition]");
        browser.choose("#flow-edition", "Shared");
        browser.type("#flow-instanceClass", "shared.s1");
        browser.click("#flow-estimate-button");
        assertThat(browser.waitText("#flow-warning", "To Be Unpublished")).startsWith("Read before confirming:");
        browser.confirmChange();
        browser.until(d -> d.findElement(By.id("flow-progress")).getAttribute("data-settled"));
        browser.waitText("#endpoints", "To Be Unpublished");
        browser.screenshots("endpoints");
        browser.click("button[data-endpoint]");
        browser.click("#flow-confirm");
        browser.until(d -> d.findElements(By.cssSelector("button[data-endpoint]")).isEmpty());
        assertThat(browser.text("#endpoints")).contains("Deleted");
    }

    /** An account of this test's own, shown in the console by the operator's picker. */
    private static TestServer.Tenant world() {
        TestServer.Tenant tenant = SERVER.newTenant("USD", "10000");
        browser.pickAccount(tenant.accountId());
        return tenant;
    }

    private static String created(TestServer.Tenant tenant, String body) {
        var r = tenant.api().post("/api/v1/instances", body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().get("instanceId").asText();
    }

    private static Instant nextHour() {
        return Instant.ofEpochSecond((SERVER.now().getEpochSecond() / 3600 + 1) * 3600);
    }
}
