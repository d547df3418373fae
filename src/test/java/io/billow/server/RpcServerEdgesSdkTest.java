package io.billow.server;

import com.aliyuncs.bssopenapi.model.v20171214.QueryAccountBalanceRequest;
import com.aliyuncs.bssopenapi.model.v20171214.QueryAccountBalanceResponse;
import com.aliyuncs.bssopenapi.model.v20171214.QueryInstanceBillRequest;
import com.aliyuncs.bssopenapi.model.v20171214.QueryInstanceBillResponse;
import com.aliyuncs.bssopenapi.model.v20171214.QueryOrdersRequest;
import com.aliyuncs.bssopenapi.model.v20171214.QueryOrdersResponse;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.ram.model.v20150501.GetRoleRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstancesRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstancesResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.billow.api.rpc.SignatureV2;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The RPC API of the real server: who may call, roles, listings, and BSS figures equal to the native API's. */
class RpcServerEdgesSdkTest {

    private final TestServer.Tenant tenant = TestServer.newTenant("USD", "500", "UTC");
    private final Sdk sdk = Sdk.of(tenant);

    private static DescribeDBInstanceAttributeRequest describe(String id) {
        DescribeDBInstanceAttributeRequest r = new DescribeDBInstanceAttributeRequest();
        r.setDBInstanceId(id);
        return r;
    }

    @Test
    void aWrongSecretIsRefusedAsASignatureMismatch() {
        ClientException e = catchThrowableOfType(ClientException.class,
                () -> Sdk.withKey(tenant.accessKeyId(), "not-the-secret").call(new DescribeDBInstancesRequest()));
        // The SDK names a mismatch on an identical string to sign as a wrong secret.
        assertThat(e.getErrCode()).isIn("SDK.InvalidAccessKeySecret", "SignatureDoesNotMatch");
    }

    @Test
    void anUnknownAccessKeyIsNotFound() {
        ClientException e = catchThrowableOfType(ClientException.class,
                () -> Sdk.withKey("LTAIunknownkey000000000", "whatever").call(new DescribeDBInstancesRequest()));
        assertThat(e.getErrCode()).isEqualTo("InvalidAccessKeyId.NotFound");
    }

    @Test
    void anotherTenantsInstanceAnswersLikeAnUnknownOne() throws Exception {
        String id = RdsFixture.createInstance(sdk);
        Sdk stranger = Sdk.of(TestServer.newTenant("USD", "100", "UTC"));

        ClientException other = catchThrowableOfType(ClientException.class, () -> stranger.call(describe(id)));
        ClientException unknown = catchThrowableOfType(ClientException.class, () -> stranger.call(describe("pgm-doesnotexist")));

        assertThat(other.getErrCode()).isEqualTo("InvalidDBInstanceId.NotFound").isEqualTo(unknown.getErrCode());
        assertThat(stranger.call(new DescribeDBInstancesRequest()).getItems()).isEmpty();
        assertThat(sdk.call(describe(id)).getItems().get(0).getDBInstanceId()).isEqualTo(id);
    }

    @Test
    void anExpiredTimestampAndAReplayedNonceAreRefused() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String nonce = UUID.randomUUID().toString();

        JsonNode expired = signedGet(now.minusSeconds(16 * 60), UUID.randomUUID().toString());
        JsonNode first = signedGet(now, nonce);
        JsonNode replay = signedGet(now, nonce);

        assertThat(expired.get("Code").asText()).isEqualTo("InvalidTimeStamp.Expired");
        assertThat(first.has("Items")).isTrue();
        assertThat(replay.get("Code").asText()).isEqualTo("SignatureNonceUsed");
    }

    /** A V2 GET of DescribeDBInstances signed by hand, as the SDK would but with the timestamp and nonce chosen. */
    private JsonNode signedGet(Instant timestamp, String nonce) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", "DescribeDBInstances");
        p.put("Version", "2014-08-15");
        p.put("RegionId", "cn-hangzhou");
        p.put("Format", "JSON");
        p.put("AccessKeyId", tenant.accessKeyId());
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", nonce);
        p.put("Timestamp", timestamp.toString());
        p.put("Signature", SignatureV2.sign(tenant.accessKeySecret(), SignatureV2.stringToSign("GET", p)));
        String query = p.entrySet().stream().map(e -> io.billow.api.rpc.PercentEncoding.encode(e.getKey()) + "="
                + io.billow.api.rpc.PercentEncoding.encode(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TestServer.get().url() + "/?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    @Test
    void rolesCreatedThroughRamAreSeenByGetRoleAndDeletedThroughResourceManager() throws Exception {
        RdsFixture.createRoles(sdk);
        GetRoleRequest get = new GetRoleRequest();
        get.setRoleName("AliyunServiceRoleForRdsPgsqlOnEcs");
        assertThat(sdk.call(get).getRole().getArn()).endsWith(":role/aliyun-service-role/aliyunserviceroleforrdspgsqlonecs");

        JsonNode deleted = sdk.common("2020-03-31", "DeleteServiceLinkedRole", Map.of("RoleName", "AliyunServiceRoleForRdsPgsqlOnEcs"));
        JsonNode status = sdk.common("2020-03-31", "GetServiceLinkedRoleDeletionStatus",
                Map.of("DeletionTaskId", deleted.get("DeletionTaskId").asText()));
        ClientException gone = catchThrowableOfType(ClientException.class, () -> sdk.call(get));

        assertThat(status.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(gone.getErrCode()).isEqualTo("EntityNotExist.Role");
        assertThat(sdk.common("2020-03-31", "CreateServiceLinkedRole", Map.of("ServiceName", "pgsql-onecs.rds.aliyuncs.com"))
                .get("Role").get("RoleName").asText()).isEqualTo("AliyunServiceRoleForRdsPgsqlOnEcs");
    }

    @Test
    void describeDBInstancesPagesTheCallersInstances() throws Exception {
        String a = RdsFixture.createInstance(sdk);
        String b = RdsFixture.createInstance(sdk);
        String c = RdsFixture.createInstance(sdk);
        DescribeDBInstancesRequest page = new DescribeDBInstancesRequest();
        page.setPageSize(2);
        page.setPageNumber(2);

        DescribeDBInstancesResponse second = sdk.call(page);

        assertThat(second.getTotalRecordCount()).isEqualTo(3);
        assertThat(second.getPageRecordCount()).isEqualTo(1);
        assertThat(second.getItems()).extracting(DescribeDBInstancesResponse.DBInstance::getDBInstanceId).isSubsetOf(a, b, c);
        assertThat(second.getItems().get(0).getPayType()).isEqualTo("Postpaid");
    }

    @Test
    void describeDBInstancesFiltersBeforeItPages() throws Exception {
        String a = RdsFixture.createInstance(sdk);
        String b = RdsFixture.createInstance(sdk);
        RdsFixture.createInstance(sdk);
        DescribeDBInstancesRequest two = new DescribeDBInstancesRequest();
        two.setDBInstanceId(a + "," + b);
        two.setPageSize(1);
        DescribeDBInstancesRequest prepaid = new DescribeDBInstancesRequest();
        prepaid.setPayType("Prepaid");
        DescribeDBInstancesRequest postpaid = new DescribeDBInstancesRequest();
        postpaid.setPayType("Postpaid");
        postpaid.setPageNumber(5);

        DescribeDBInstancesResponse firstOfTwo = sdk.call(two);

        assertThat(firstOfTwo.getTotalRecordCount()).isEqualTo(2);
        assertThat(firstOfTwo.getItems()).extracting(DescribeDBInstancesResponse.DBInstance::getDBInstanceId).containsExactly(
                a.compareTo(b) < 0 ? a : b);
        assertThat(sdk.call(prepaid).getTotalRecordCount()).isZero();
        DescribeDBInstancesResponse pastTheEnd = sdk.call(postpaid);
        assertThat(pastTheEnd.getItems()).isEmpty();
        assertThat(pastTheEnd.getTotalRecordCount()).isEqualTo(3);
    }

    @Test
    void bssBalanceBillsAndOrdersAreTheNativeApisFigures() throws Exception {
        String id = RdsFixture.createInstance(sdk);
        RdsFixture.advance(3 * 3600);

        QueryAccountBalanceResponse balance = sdk.call(new QueryAccountBalanceRequest());
        JsonNode account = tenant.api().get("/api/v1/accounts/" + tenant.accountId()).body();
        assertThat(new BigDecimal(balance.getData().getAvailableAmount()))
                .isEqualByComparingTo(new BigDecimal(account.get("balance").asText()).setScale(2, RoundingMode.DOWN));
        assertThat(balance.getData().getCurrency()).isEqualTo("USD");

        JsonNode bills = tenant.api().get("/api/v1/bills?instanceId=" + id).body().get("bills");
        assertThat(bills.size()).isGreaterThanOrEqualTo(3);
        YearMonth cycle = YearMonth.from(Instant.parse(bills.get(0).get("periodStart").asText()).atOffset(ZoneOffset.UTC));
        QueryInstanceBillRequest request = new QueryInstanceBillRequest();
        request.setBillingCycle(cycle.toString());
        request.setPageSize(300);
        request.putQueryParameter("InstanceID", id);
        QueryInstanceBillResponse.Data data = sdk.call(request).getData();
        BigDecimal native_ = BigDecimal.ZERO;
        for (JsonNode bill : bills) {
            if (YearMonth.from(Instant.parse(bill.get("periodStart").asText()).atOffset(ZoneOffset.UTC)).equals(cycle)) {
                native_ = native_.add(new BigDecimal(bill.get("payable").asText()));
            }
        }
        BigDecimal rpc = data.getItems().stream().map(i -> new BigDecimal(Float.toString(i.getPretaxAmount())).setScale(2, RoundingMode.HALF_UP))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(rpc).isEqualByComparingTo(native_);
        assertThat(data.getItems()).allSatisfy(i -> {
            assertThat(i.getInstanceID()).isEqualTo(id);
            assertThat(i.getProductCode()).isEqualTo("rds");
        });

        QueryOrdersResponse.Data orders = sdk.call(new QueryOrdersRequest()).getData();
        assertThat(orders.getTotalCount()).isEqualTo(tenant.api().get("/api/v1/orders").body().get("orders").size());
        assertThat(orders.getOrderList().get(0).getOrderType()).isEqualTo("New");
    }
}
