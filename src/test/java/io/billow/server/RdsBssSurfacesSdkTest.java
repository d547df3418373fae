package io.billow.server;

import com.aliyuncs.bssopenapi.model.v20171214.QueryInstanceBillRequest;
import com.aliyuncs.bssopenapi.model.v20171214.QueryInstanceBillResponse;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.rds.model.v20140815.CreateDBInstanceRequest;
import com.aliyuncs.rds.model.v20140815.DeleteDBInstanceRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeResponse;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstancesRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstancesResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 12 part 5 through the official RDS and BSS SDKs: QueryInstanceBill by month, day and
 * billing item with the seconds actually billed and the round-down carry apart; what creation was
 * given, read back; the missing service-linked roles named with their ServiceNames; every
 * Recommend link answering; one name per billing method on each surface.
 */
class RdsBssSurfacesSdkTest {

    private static final String BSS = "2017-12-14";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-05-31T23:00:00Z"));

    /**
     * A Basic pg.n2.small.1 (0.04 USD an hour) with 20 GB of ESSD (0.0002 USD per GB-hour) from
     * 00:30 on June 1 to 01:00 on June 2: 0.044 an hour, 0.022 for the first half hour.
     */
    @Test
    void queryInstanceBillHonoursGranularityAndSaysWhatWasBilled() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "100");
        Sdk sdk = Sdk.of(t, SERVER);
        SERVER.clockTo(Instant.parse("2026-06-01T00:30:00Z"));
        CreateDBInstanceRequest create = RdsFixture.create();
        create.setDBInstanceClass("pg.n2.small.1");
        create.setDBInstanceStorage(20);
        String id = sdk.call(create).getDBInstanceId();
        SERVER.clockTo(Instant.parse("2026-06-02T01:00:00Z"));

        QueryInstanceBillRequest monthly = new QueryInstanceBillRequest();
        monthly.setBillingCycle("2026-06");
        monthly.setGranularity("MONTHLY");
        List<QueryInstanceBillResponse.Data.Item> rows = sdk.call(monthly).getData().getItems();
        assertThat(rows).hasSize(1);
        QueryInstanceBillResponse.Data.Item month = rows.get(0);
        assertThat(month.getInstanceID()).isEqualTo(id);
        assertThat(month.getServicePeriod()).as("1,800 s + 24 × 3,600 s").isEqualTo("88200");
        assertThat(month.getServicePeriodUnit()).isEqualTo("Second");
        assertThat(decimal(month.getPretaxGrossAmount())).isEqualByComparingTo("1.078");
        assertThat(decimal(month.getPaymentAmount())).as("rounded down once for the month").isEqualByComparingTo("1.07");
        assertThat(decimal(month.getCashAmount())).isEqualByComparingTo("1.07");
        assertThat(decimal(month.getPretaxAmount())).isEqualByComparingTo("1.07");
        assertThat(month.getInvoiceDiscount()).isZero();
        assertThat(month.getOutstandingAmount()).isZero();
        assertThat(month.getProductName()).isEqualTo("ApsaraDB RDS for PostgreSQL");
        assertThat(month.getProductCode()).isEqualTo("rds");
        assertThat(month.getSubscriptionType()).isEqualTo("PayAsYouGo");
        assertThat(raw(sdk, Map.of("BillingCycle", "2026-06")).get(0).get("RoundDownDiscount").asText())
                .as("the carry in its own field, and MONTHLY is the default").isEqualTo("0.008000");

        Map<String, JsonNode> items = new HashMap<>();
        raw(sdk, Map.of("BillingCycle", "2026-06", "Granularity", "MONTHLY", "IsBillingItem", "true"))
                .forEach(r -> items.put(r.get("BillingItem").asText(), r));
        assertThat(items.keySet()).containsExactlyInAnyOrder("compute", "storage");
        assertThat(items.get("compute").get("PretaxGrossAmount").decimalValue()).isEqualByComparingTo("0.98");
        assertThat(items.get("compute").get("ServicePeriod").asText()).isEqualTo("88200");
        assertThat(items.get("compute").get("Usage").asText()).isEqualTo("88200");
        assertThat(items.get("compute").get("ListPrice").asText()).isEqualTo("0.04");
        assertThat(items.get("storage").get("PretaxGrossAmount").decimalValue()).isEqualByComparingTo("0.098");
        assertThat(items.get("storage").get("Usage").asText()).as("20 GB × 88,200 s").isEqualTo("1764000");

        List<JsonNode> first = raw(sdk, Map.of("BillingCycle", "2026-06", "Granularity", "DAILY", "BillingDate", "2026-06-01"));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).get("BillingDate").asText()).isEqualTo("2026-06-01");
        assertThat(first.get(0).get("ServicePeriod").asText()).as("1,800 s + 23 × 3,600 s").isEqualTo("84600");
        assertThat(first.get(0).get("PretaxGrossAmount").decimalValue()).isEqualByComparingTo("1.034");
        assertThat(first.get(0).get("PaymentAmount").decimalValue()).isEqualByComparingTo("1.03");
        JsonNode second = raw(sdk, Map.of("BillingCycle", "2026-06", "Granularity", "DAILY", "BillingDate", "2026-06-02")).get(0);
        assertThat(second.get("ServicePeriod").asText()).isEqualTo("3600");
        assertThat(second.get("PaymentAmount").decimalValue()).as("1.07 for the month less 1.03 on the first day").isEqualByComparingTo("0.04");

        List<JsonNode> hours = raw(sdk, Map.of("BillingCycle", "2026-06", "Granularity", "HOURLY", "PageSize", "300"));
        assertThat(hours).hasSize(25);
        assertThat(hours).allSatisfy(h -> assertThat(h.get("InvoiceDiscount").decimalValue()).isEqualByComparingTo("0"));
        assertThat(hours.get(0).get("ServicePeriod").asText()).as("created at half past").isEqualTo("1800");
        assertThat(hours.stream().map(h -> h.get("PaymentAmount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1.07");

        assertThat(rawError(sdk, Map.of("BillingCycle", "2026-06", "Granularity", "DAILY"))).isEqualTo("MissingParameter");
        assertThat(rawError(sdk, Map.of("BillingCycle", "2026-06", "Granularity", "DAILY", "BillingDate", "2026-07-01")))
                .isEqualTo("InvalidParameter");
        assertThat(rawError(sdk, Map.of("BillingCycle", "2026-06", "Granularity", "WEEKLY"))).isEqualTo("InvalidParameter");
    }

    @Test
    void theInstanceReadsBackWhatCreationWasGiven() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Sdk sdk = Sdk.of(t, SERVER);
        CreateDBInstanceRequest create = RdsFixture.create();
        create.setZoneId("cn-hangzhou-i");
        create.setZoneIdSlave1("cn-hangzhou-k");
        create.setSecurityIPList("10.0.0.0/8,192.168.1.1");
        create.setDBInstanceNetType("Internet");
        create.setDeletionProtection(true);
        String id = sdk.call(create).getDBInstanceId();

        DescribeDBInstancesRequest list = new DescribeDBInstancesRequest();
        DescribeDBInstancesResponse.DBInstance listed = sdk.call(list).getItems().get(0);
        assertThat(listed.getConnectionString()).isEqualTo(id + ".pg.rds.aliyuncs.com");
        assertThat(listed.getDBInstanceNetType()).isEqualTo("Internet");
        assertThat(listed.getPayType()).isEqualTo("Postpaid");
        DescribeDBInstanceAttributeResponse.DBInstanceAttribute a = RdsFixture.describe(sdk, id);
        assertThat(a.getSecurityIPList()).isEqualTo("10.0.0.0/8,192.168.1.1");
        assertThat(a.getDBInstanceNetType()).isEqualTo("Internet");
        assertThat(a.getDeletionProtection()).isTrue();
        assertThat(a.getSlaveZones()).extracting(DescribeDBInstanceAttributeResponse.DBInstanceAttribute.SlaveZone::getZoneId)
                .containsExactly("cn-hangzhou-k");
        assertThat(a.getConnectionString()).isEqualTo(id + ".pg.rds.aliyuncs.com");

        DeleteDBInstanceRequest delete = new DeleteDBInstanceRequest();
        delete.setDBInstanceId(id);
        assertThat(refusal(sdk, delete).getErrCode()).isEqualTo("OperationDenied.DeletionProtection");
        assertThat(RdsFixture.describe(sdk, id).getDBInstanceStatus()).isEqualTo("Running");

        var sameZone = RdsFixture.describe(sdk, RdsFixture.createInstance(sdk));
        assertThat(sameZone.getSlaveZones()).extracting(DescribeDBInstanceAttributeResponse.DBInstanceAttribute.SlaveZone::getZoneId)
                .as("no ZoneIdSlave1: the secondary is in the primary's zone").containsExactly("cn-hangzhou-h");
        assertThat(sameZone.getDeletionProtection()).isFalse();

        CreateDBInstanceRequest basic = RdsFixture.create();
        basic.setDBInstanceClass("pg.n2.small.1");
        basic.setZoneIdSlave1("cn-hangzhou-k");
        assertThat(refusal(sdk, basic).getErrCode()).isEqualTo("InvalidParameter");
        CreateDBInstanceRequest badIps = RdsFixture.create();
        badIps.setSecurityIPList("10.0.0.0/8,everyone");
        assertThat(refusal(sdk, badIps).getErrCode()).isEqualTo("InvalidSecurityIPList.Malformed");
        CreateDBInstanceRequest badNet = RdsFixture.create();
        badNet.setDBInstanceNetType("Public");
        assertThat(refusal(sdk, badNet).getErrCode()).isEqualTo("InvalidParameter");
        CreateDBInstanceRequest badSlave = RdsFixture.create();
        badSlave.setZoneIdSlave1("cn-shanghai-l");
        assertThat(refusal(sdk, badSlave).getErrCode()).isEqualTo("InvalidZoneId.NotFound");
        assertThat(t.api().get("/api/v1/instances").body().get("instances").size()).isEqualTo(2);
    }

    @Test
    void serviceLinkedRoleNotExistNamesEveryMissingRoleAndTheServiceNameThatCreatesIt() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Sdk sdk = Sdk.of(t, SERVER);
        String id = RdsFixture.createInstance(sdk);
        ClientException both = refusal(sdk, RdsFixture.toServerless(id, 0.5, 8));
        assertThat(both.getErrCode()).isEqualTo("ServiceLinkedRole.NotExist");
        assertThat(both.getErrMsg()).contains("AliyunServiceRoleForRDSProxyOnEcs (CreateServiceLinkedRole with ServiceName "
                + "rdsproxy-onecs.rds.aliyuncs.com)", "AliyunServiceRoleForRdsPgsqlOnEcs (CreateServiceLinkedRole with ServiceName "
                + "pgsql-onecs.rds.aliyuncs.com)");
        sdk.common(RdsFixture.RAM, "CreateServiceLinkedRole", Map.of("ServiceName", "pgsql-onecs.rds.aliyuncs.com"));
        ClientException one = refusal(sdk, RdsFixture.toServerless(id, 0.5, 8));
        assertThat(one.getErrMsg()).contains("AliyunServiceRoleForRDSProxyOnEcs").doesNotContain("AliyunServiceRoleForRdsPgsqlOnEcs");
    }

    @Test
    void everyRecommendLinkAnswersWithTheCodeAndTheRequestExplained() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        RawRpc rpc = new RawRpc(SERVER.server().url(), t);
        RawRpc.Answer refused = rpc.call("2014-08-15", "CreateDBInstance", Map.of("RegionId", "cn-hangzhou", "Engine", "PostgreSQL",
                "EngineVersion", "16.0", "DBInstanceClass", "pg.n2.medium.2c", "PayType", "Postpaid", "DBInstanceStorage", "19"));
        assertThat(refused.code()).isEqualTo("InvalidDBInstanceStorage");
        String link = refused.body().get("Recommend").asText();
        assertThat(link).startsWith("http://127.0.0.1:" + SERVER.server().port() + "/api/v1/diagnosis?Code=InvalidDBInstanceStorage&RequestId=");
        JsonNode diagnosis = get(link);
        assertThat(diagnosis.get("code").asText()).isEqualTo("InvalidDBInstanceStorage");
        assertThat(diagnosis.get("explanation").asText()).isNotBlank();
        JsonNode request = diagnosis.get("request");
        assertThat(request.get("action").asText()).isEqualTo("CreateDBInstance");
        assertThat(request.get("version").asText()).isEqualTo("2014-08-15");
        assertThat(request.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(request.get("message").asText()).contains("not 19 GB");
        assertThat(request.get("queryParameters")).extracting(JsonNode::asText).contains("DBInstanceStorage", "AccessKeyId")
                .doesNotContain("Signature");

        RawRpc.Answer missing = rpc.call("2014-08-15", "DescribeDBInstanceAttribute", Map.of());
        assertThat(missing.code()).isEqualTo("MissingParameter");
        JsonNode forgotten = get(missing.body().get("Recommend").asText().replaceAll("RequestId=[^&]*", "RequestId=not-kept"));
        assertThat(forgotten.get("explanation").asText()).contains("parameter the action requires");
        assertThat(forgotten.get("request").isNull()).isTrue();
        HttpResponse<String> noCode = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SERVER.server().url()
                + "/api/v1/diagnosis")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noCode.body()).get("code").asText()).isEqualTo("MissingParameter");
        // A Recommend that is not a link is advice in words, never a path that leads nowhere.
        RawRpc.Answer unknown = rpc.call("2014-08-15", "NoSuchAction", Map.of());
        assertThat(unknown.body().get("Recommend").asText()).doesNotStartWith("/");
    }

    @Test
    void eachSurfaceNamesABillingMethodOneWay() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Sdk sdk = Sdk.of(t, SERVER);
        String id = RdsFixture.createInstance(sdk);
        JsonNode instance = t.api().get("/api/v1/instances/" + id).body();
        assertThat(instance.get("billingMethod").asText()).as("the native API's name, as it is asked").isEqualTo("PayAsYouGo");
        SERVER.clockTo(SERVER.now().plusSeconds(3600));
        for (JsonNode bill : t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills")) {
            bill.get("lines").forEach(l -> assertThat(l.get("billingMethod").asText()).isEqualTo("PayAsYouGo"));
        }
        assertThat(t.api().get("/api/v1/events?instanceId=" + id).body().get("events").get(0).get("data").get("billingMethod").asText())
                .isEqualTo("PayAsYouGo");
        assertThat(RdsFixture.describe(sdk, id).getPayType()).as("the RDS API's PayType").isEqualTo("Postpaid");
    }

    private static BigDecimal decimal(Float f) {
        return new BigDecimal(Float.toString(f));
    }

    /** QueryInstanceBill's rows as the core SDK receives them, with the fields the BSS model leaves out. */
    private static List<JsonNode> raw(Sdk sdk, Map<String, String> parameters) throws ClientException {
        JsonNode items = sdk.common(BSS, "QueryInstanceBill", parameters).get("Data").get("Items").get("Item");
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).toList();
    }

    private static String rawError(Sdk sdk, Map<String, String> parameters) {
        return catchThrowableOfType(ClientException.class, () -> sdk.common(BSS, "QueryInstanceBill", parameters)).getErrCode();
    }

    private static ClientException refusal(Sdk sdk, com.aliyuncs.AcsRequest<?> request) {
        return catchThrowableOfType(ClientException.class, () -> sdk.call(request));
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
