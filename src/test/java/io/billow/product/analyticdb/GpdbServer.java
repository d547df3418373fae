package io.billow.product.analyticdb;

import com.aliyun.gpdb20160503.Client;
import com.aliyun.gpdb20160503.models.CreateDBInstanceRequest;
import com.aliyun.gpdb20160503.models.DescribeDBInstanceAttributeRequest;
import com.aliyun.gpdb20160503.models.DescribeDBInstanceAttributeResponseBody;
import com.fasterxml.jackson.databind.JsonNode;
import io.billow.cli.ApiClient;
import io.billow.server.BillowServer;
import io.billow.server.TestServer;
import io.billow.store.ThrowAwayDirectory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A test class's own Billow with a simulated clock from {@code start}, so that settlement hours
 * and operation completions fall exactly where a test puts them, and the official GPDB client
 * (V3 signature, its default) pointed at it. {@code @RegisterExtension static final GpdbServer SERVER = ...}.
 */
final class GpdbServer implements BeforeAllCallback, AfterAllCallback {

    record Tenant(String accountId, ApiClient api, Client gpdb) {
    }

    private final Instant start;
    private Path dir;
    private BillowServer server;

    GpdbServer(Instant start) {
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("billow-gpdb-");
        server = BillowServer.start(new BillowServer.Options("127.0.0.1", 0, dir, null, true, start, null, TestServer.ADMIN_KEY, 1000));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
        ThrowAwayDirectory.delete(dir);
    }

    BillowServer server() {
        return server;
    }

    /** Moves the clock forward to {@code at}, finishing operations and settling hours on the way. */
    void clockTo(Instant at) {
        ApiClient.Response r = new ApiClient(server.url(), TestServer.ADMIN_KEY).post("/api/v1/clock", "{\"to\":\"" + at + "\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("the clock did not move to " + at + ": " + r.body());
        }
    }

    Tenant newTenant(String balance) throws Exception {
        ApiClient.Response r = new ApiClient(server.url(), TestServer.ADMIN_KEY).post("/api/v1/accounts",
                "{\"name\":\"t\",\"currency\":\"USD\",\"balance\":" + balance + ",\"settlementZone\":\"UTC\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("cannot create a tenant: " + r.body());
        }
        String key = r.body().get("accessKeyId").asText();
        String secret = r.body().get("accessKeySecret").asText();
        Client gpdb = new Client(new com.aliyun.teaopenapi.models.Config().setAccessKeyId(key).setAccessKeySecret(secret)
                .setEndpoint("127.0.0.1:" + server.port()).setProtocol("HTTP").setRegionId("cn-hangzhou"));
        return new Tenant(r.body().get("accountId").asText(), new ApiClient(server.url(), key + ":" + secret), gpdb);
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
