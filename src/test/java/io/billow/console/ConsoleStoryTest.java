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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

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
 * warehouse, upgrades a RocketMQ 5.x instance to Shared, takes a serverless instance back to
 * pay-as-you-go, changes a serverless range and policy, adds and removes PolarDB nodes, and finds
 * an account in the picker. The later tests each have an account of their own on the class's one
 * server. Full-page screenshots go to target/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleStoryTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-06-01T00:00:00Z"));

    private static Browser browser;
    private static TestServer.Tenant tenant;
    private static String rds;

    @BeforeAll
    static void openBrowser() {
        browser = new Browser(SERVER.server().url());
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
        tenant = SERVER.newTenant("USD", "10000");
        browser.open("");
        browser.find("#signin-key");
        browser.screenshots("sign-in");
        browser.type("#signin-key", "not-a-key");
        browser.click("#signin-submit");
        browser.waitText("#signin-error", "not valid");
        browser.type("#signin-key", TestServer.ADMIN_KEY);
        browser.click("#signin-submit");
        pick(tenant.accountId());
        browser.waitText("#main", "No instances match.");
        browser.find("#clock-hour");
        browser.screenshots("clock-controls");
    }

    @Test
    @Order(2)
    void anRdsInstanceIsCreatedAndConvertedToServerlessOnceItsSslViolationIsFixed() throws Exception {
        browser.go("#/create");
        browser.choose("#create-product", "rds-postgresql");
        browser.choose("#create-edition", "HighAvailability");
        browser.choose("#create-class", "pg.n2.medium.2c");
        browser.type("#create-storage", "100");
        browser.screenshots("create");
        browser.click("#create-submit");
        browser.find("#h-basic");
        rds = browser.text("h1");
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
        confirm();
        browser.waitText("#flow-progress", "");
        browser.clickAndWaitForPage("#clock-hour");
        browser.waitText("#billing-method", "Serverless");
        assertThat(browser.find("#h-basic + dl [data-status]").getText()).isEqualTo("Running");
    }

    @Test
    @Order(3)
    void theBillLinesAndTheChartChangeAsTheClockAdvancesAndTheCsvHasTheApisFigures() throws Exception {
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
    @Order(4)
    void aRocketMq4UpgradeIsPaidAndItsUnsubscriptionWarnsOfDataLossFirst() throws Exception {
        String id = created("{\"product\":\"rocketmq-4\",\"region\":\"cn-hangzhou\",\"edition\":\"Standard\","
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
        confirm();
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
    @Order(5)
    void aPausedWarehouseStopsItsComputeLine() {
        String id = created("{\"product\":\"analyticdb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"ElasticStorage\","
                + "\"instanceClass\":\"4C16G\",\"billingMethod\":\"PayAsYouGo\",\"storageGb\":100}");
        SERVER.clockTo(nextHour().plusSeconds(60));
        browser.go("#/instance/" + id);
        browser.waitText("#bill-lines", "compute");
        browser.click("button[data-flow=pause]");
        browser.find("#flow-eligible");
        confirm();
        browser.clickAndWaitForPage("#clock-hour");
        browser.until(d -> "Paused".equals(d.findElement(By.cssSelector("#h-basic + dl [data-status]")).getAttribute("data-status")));
        browser.clickAndWaitForPage("#clock-hour");
        browser.find("#bill-lines");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#bill-lines tbody tr"));
        String latestHour = rows.get(0).findElements(By.tagName("td")).get(0).getText();
        List<String> latestItems = rows.stream().filter(r -> r.findElements(By.tagName("td")).get(0).getText().equals(latestHour))
                .map(r -> r.findElements(By.tagName("td")).get(2).getText()).toList();
        assertThat(latestItems).as("the hour after the pause").contains("storage").doesNotContain("compute");
    }

    @Test
    @Order(6)
    void aRocketMq5UpgradeToSharedMarksTheOldEndpointAndItsDeletionStopsItsFee() throws Exception {
        String id = created("{\"product\":\"rocketmq-5\",\"region\":\"cn-hangzhou\",\"edition\":\"Standard\",\"instanceClass\":"
                + "\"serverless.standard\",\"billingMethod\":\"PayAsYouGo\"}");
        browser.go("#/instance/" + id);
        browser.click("button[data-flow=upgradeEdition]");
        browser.choose("#flow-edition", "Shared");
        browser.type("#flow-instanceClass", "shared.s1");
        browser.click("#flow-estimate-button");
        assertThat(browser.waitText("#flow-warning", "To Be Unpublished")).startsWith("Read before confirming:");
        confirm();
        browser.until(d -> d.findElement(By.id("flow-progress")).getAttribute("data-settled"));
        browser.waitText("#endpoints", "To Be Unpublished");
        browser.screenshots("endpoints");
        browser.click("button[data-endpoint]");
        browser.click("#flow-confirm");
        browser.until(d -> d.findElements(By.cssSelector("button[data-endpoint]")).isEmpty());
        assertThat(browser.text("#endpoints")).contains("Deleted");
    }

    @Test
    @Order(7)
    void aServerlessRdsInstanceGoesBackToPayAsYouGoAfterItsEstimate() throws Exception {
        World w = shown(SERVERLESS_RDS);
        browser.waitText("button[data-flow=switch]", "Change to Pay-as-you-go");
        browser.click("button[data-flow=switch]");
        browser.type("#flow-instanceClass", "pg.n2.medium.2c");
        browser.click("#flow-estimate-button");
        browser.find("#flow-eligible");
        // 0.5 RCU on the HA pair at 0.12 per RCU-hour, 0.16 with its storage, against the class's 0.16 plus 100 GB × 0.0002.
        assertThat(browser.text("#estimate-hourly")).isEqualTo("0.160000 USD now → 0.180000 USD after");
        assertThat(browser.text("#estimate-order")).isEqualTo("0.00 USD");
        confirm();
        browser.clickAndWaitForPage("#clock-hour");
        browser.waitText("#billing-method", "Pay-as-you-go");
        browser.go("#/orders");
        browser.waitText("#orders", "CONVERT");
        assertThat(w.tenant().api().get("/api/v1/instances/" + w.id()).body().get("instanceClass").asText()).isEqualTo("pg.n2.medium.2c");
    }

    @Test
    @Order(8)
    void aServerlessRangeShowsItsViolationAndFixThenItsNewRangeAndPolicyApply() throws Exception {
        World w = shown(SERVERLESS_RDS);
        browser.click("button[data-flow=serverlessSettings]");
        assertThat(browser.find("#flow-minCapacity").getAttribute("value")).isEqualTo("0.5");
        browser.type("#flow-minCapacity", "4");
        browser.type("#flow-maxCapacity", "2");
        String v = browser.text(".violation[data-code=InvalidRCUValue]");
        assertThat(v).contains("MinCapacity 4 is greater than MaxCapacity 2").contains("How to fix: Give a Minimum RCU no greater than the Maximum RCU");
        assertThat(browser.find("#flow-review").isEnabled()).isFalse();
        browser.type("#flow-maxCapacity", "8");
        browser.click("#flow-autoPause");
        browser.find("#flow-eligible");
        // 4 RCU × 2 nodes × 0.12 + the pair's storage 0.04 (as 0.16 at 0.5 RCU).
        assertThat(browser.text("#estimate-hourly")).isEqualTo("0.160000 USD now → 1.000000 USD after");
        browser.screenshots("change-form");
        confirm();
        browser.until(d -> d.findElement(By.id("flow-progress")).getAttribute("data-settled"));
        JsonNode attributes = w.tenant().api().get("/api/v1/instances/" + w.id()).body().get("attributes");
        assertThat(attributes.get("minCapacity").asText()).isEqualTo("4");
        assertThat(attributes.get("maxCapacity").asText()).isEqualTo("8");
        assertThat(attributes.get("autoPause").asBoolean()).isTrue();
    }

    @Test
    @Order(9)
    void aPolarDbNodeChangeShowsItsFeeOrRefundFirstAndItsOrderAfter() {
        shown("{\"product\":\"polardb-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"Enterprise\","
                + "\"instanceClass\":\"polar.pg.x4.medium\",\"billingMethod\":\"Subscription\",\"storageGb\":100,\"months\":1,\"nodeCount\":2}");
        browser.click("button[data-flow=modifySpec]");
        // A node of polar.pg.x4.medium is 600 USD a month, and the whole month is left: one more is 600.00 to pay...
        browser.type("#flow-nodeCount", "3");
        browser.waitText("#estimate-order", "600.00 USD");
        // ...and one fewer 600.00 back.
        browser.type("#flow-nodeCount", "1");
        browser.waitText("#estimate-refund", "600.00 USD");
        browser.type("#flow-nodeCount", "3");
        browser.waitText("#estimate-order", "600.00 USD");
        confirm();
        browser.clickAndWaitForPage("#clock-hour");
        browser.go("#/orders");
        browser.waitText("#orders", "UPGRADE");
        assertThat(browser.text("#orders")).contains("600.00");
    }

    @Test
    @Order(10)
    void theOperatorFindsAnAccountByNameInThePickerAndATenantHasNoPicker() throws Exception {
        var made = SERVER.operator().post("/api/v1/accounts", "{\"name\":\"Picker Test Co\",\"currency\":\"USD\",\"balance\":5}").body();
        String id = made.get("accountId").asText();
        browser.go("#/instances");
        browser.type("#account-search", "picker test");
        browser.until(d -> id.equals(new Select(d.findElement(By.id("account-picker"))).getFirstSelectedOption().getAttribute("value")));
        assertThat(browser.text("#account-picker option:checked")).isEqualTo("Picker Test Co · " + id);
        browser.screenshots("account-picker");
        browser.click("#switch-submit");
        browser.waitText("#who-account", id);

        browser.click("#signout");
        browser.type("#signin-key", made.get("accessKeyId").asText() + ":" + made.get("accessKeySecret").asText());
        browser.click("#signin-submit");
        browser.waitText("#who-account", "Account " + id);
        assertThat(browser.present("#switch-form")).isFalse();
        assertThat(browser.present("#account-picker")).isFalse();
        Object status = browser.driver().executeAsyncScript("const done = arguments[0];"
                + "fetch('/console/api/v1/accounts', {credentials: 'same-origin'}).then(r => done(r.status));");
        assertThat(status).as("the account list through a tenant's session").isEqualTo(403L);
    }

    @Test
    @Order(11)
    void theApiDocsPageShowsTheAccountListAndTheConsolesOwnRoutes() {
        browser.driver().get(SERVER.server().url() + "/api/docs");
        String page = browser.waitText("#swagger", "/console/session/account");
        assertThat(page).contains("List accounts, paged and searchable").contains("/console/api/v1/{path}").contains("Sign in to the console");
    }

    private static final String SERVERLESS_RDS = "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"HighAvailability\","
            + "\"instanceClass\":\"pg.n2.serverless.2c\",\"billingMethod\":\"Serverless\",\"storageGb\":100,\"minCapacity\":0.5,\"maxCapacity\":4}";

    /** A test's own account and instance. */
    private record World(TestServer.Tenant tenant, String id) {
    }

    /** A new account with one instance, shown by the operator through the picker, its details page open. */
    private static World shown(String instance) {
        TestServer.Tenant own = SERVER.newTenant("USD", "5000");
        String id = created(own, instance);
        pick(own.accountId());
        browser.go("#/instance/" + id);
        return new World(own, id);
    }

    /** The operator shows an account through the picker: searched by its id, chosen, switched to. */
    private static void pick(String accountId) {
        browser.type("#account-search", accountId);
        browser.until(d -> accountId.equals(new Select(d.findElement(By.id("account-picker"))).getFirstSelectedOption().getAttribute("value"))
                && d.findElements(By.cssSelector("#account-picker option")).size() == 2);
        browser.click("#switch-submit");
        browser.waitText("#who-account", accountId);
    }

    /** Review, acknowledge a warning if there is one, confirm. */
    private static void confirm() {
        browser.click("#flow-review");
        browser.find("#flow-confirmation");
        if (browser.present("#flow-ack")) {
            browser.click("#flow-ack");
        }
        browser.click("#flow-confirm");
        browser.find("#flow-progress");
    }

    private static String created(String body) {
        return created(tenant, body);
    }

    private static String created(TestServer.Tenant owner, String body) {
        var r = owner.api().post("/api/v1/instances", body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().get("instanceId").asText();
    }

    private static Instant nextHour() {
        return Instant.ofEpochSecond((SERVER.now().getEpochSecond() / 3600 + 1) * 3600);
    }
}
