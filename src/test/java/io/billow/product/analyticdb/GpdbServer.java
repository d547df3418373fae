package io.billow.product.analyticdb;

import com.aliyun.gpdb20160503.Client;
import com.aliyun.gpdb20160503.models.CreateDBInstanceRequest;
import com.aliyun.gpdb20160503.models.DescribeDBInstanceAttributeRequest;
import com.aliyun.gpdb20160503.models.DescribeDBInstanceAttributeResponseBody;
import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.server.BillowServer;
import io.billow.server.OwnServer;
import io.billow.server.TestServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Instant;

/**
 * A test class's own Billow with a simulated clock from {@code start}, so that settlement hours
 * and operation completions fall exactly where a test puts them, and the official GPDB client
 * (V3 signature, its default) pointed at it. {@code @RegisterExtension static final GpdbServer SERVER = ...}.
 */
final class GpdbServer implements BeforeAllCallback, AfterAllCallback {

    record Tenant(String accountId, ApiClient api, Client gpdb) {
    }

    private final OwnServer own;

    GpdbServer(Instant start) {
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

    BillowServer server() {
        return own.server();
    }

    /** Moves the clock forward to {@code at}, finishing operations and settling hours on the way. */
    void clockTo(Instant at) {
        own.clockTo(at);
    }

    /** A tenant with the official GPDB client (V3, its default signature) signed in as it. */
    Tenant newTenant(String balance) throws Exception {
        TestServer.Tenant t = own.newTenant("USD", balance);
        Client gpdb = new Client(new com.aliyun.teaopenapi.models.Config().setAccessKeyId(t.accessKeyId())
                .setAccessKeySecret(t.accessKeySecret()).setEndpoint("127.0.0.1:" + own.server().port()).setProtocol("HTTP")
                .setRegionId("cn-hangzhou"));
        return new Tenant(t.accountId(), t.api(), gpdb);
    }

    /** An elastic storage, pay-as-you-go create request: spec × nodes, 50 GB. */
    static CreateDBInstanceRequest elastic(String category, String spec, int nodes) {
        return new CreateDBInstanceRequest().setRegionId("cn-hangzhou").setZoneId("cn-hangzhou-h").setEngine("gpdb").setEngineVersion("6.0")
                .setDBInstanceMode("StorageElastic").setDBInstanceCategory(category).setInstanceSpec(spec)
                .setSegNodeNum(String.valueOf(nodes)).setStorageSize(50L).setSegStorageType("cloud_essd").setPayType("Postpaid")
                .setVPCId("vpc-bp1test").setVSwitchId("vsw-bp1test").setInstanceNetworkType("VPC").setSecurityIPList("127.0.0.1");
    }

    static String create(Tenant t, CreateDBInstanceRequest request) throws Exception {
        return t.gpdb().createDBInstance(request).getBody().getDBInstanceId();
    }

    static DescribeDBInstanceAttributeResponseBody.DescribeDBInstanceAttributeResponseBodyItemsDBInstanceAttribute attribute(Tenant t, String id)
            throws Exception {
        return t.gpdb().describeDBInstanceAttribute(new DescribeDBInstanceAttributeRequest().setDBInstanceId(id)).getBody().getItems()
                .getDBInstanceAttribute().get(0);
    }

    /** The instance's timeline through the native API: a refused call must leave it as it was. */
    static JsonNode timeline(Tenant t, String id) {
        return t.api().get("/api/v1/instances/" + id + "/timeline").body().get("events");
    }

    static JsonNode bills(Tenant t, String id) {
        return t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills");
    }
}
