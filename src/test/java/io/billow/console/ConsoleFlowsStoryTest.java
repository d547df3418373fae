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
import org.openqa.selenium.support.ui.Select;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More of the console's flows in headless Chromium, each test with an account and instance of its
 * own, shown by the operator through the account picker: a serverless RDS instance back to
 * pay-as-you-go, a serverless range and policy change, PolarDB node changes with their fee or
 * refund, the picker's search (and its absence for a tenant), and the API page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleFlowsStoryTest {

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
        browser.confirmChange();
        browser.clickAndWaitForPage("#clock-hour");
        browser.waitText("#billing-method", "Pay-as-you-go");
        browser.go("#/orders");
        browser.waitText("#orders", "CONVERT");
        assertThat(w.tenant().api().get("/api/v1/instances/" + w.id()).body().get("instanceClass").asText()).isEqualTo("pg.n2.medium.2c");
    }

    @Test
    @Order(2)
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
        browser.confirmChange();
        browser.until(d -> d.findElement(By.id("flow-progress")).getAttribute("data-settled"));
        JsonNode attributes = w.tenant().api().get("/api/v1/instances/" + w.id()).body().get("attributes");
        assertThat(attributes.get("minCapacity").asText()).isEqualTo("4");
        assertThat(attributes.get("maxCapacity").asText()).isEqualTo("8");
        assertThat(attributes.get("autoPause").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
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
        browser.confirmChange();
        browser.clickAndWaitForPage("#clock-hour");
        browser.go("#/orders");
        browser.waitText("#orders", "UPGRADE");
        assertThat(browser.text("#orders")).contains("600.00");
    }

    @Test
    @Order(4)
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
    @Order(5)
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
        browser.pickAccount(own.accountId());
        browser.go("#/instance/" + id);
        return new World(own, id);
    }

    private static String created(TestServer.Tenant owner, String body) {
        var r = owner.api().post("/api/v1/instances", body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().get("instanceId").asText();
    }
}
