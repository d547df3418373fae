package io.billow.server;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.rds.model.v20140815.CreateDBInstanceRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeRequest;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeResponse;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceSpecRequest;

import java.time.Instant;
import java.util.Map;

/** RDS PostgreSQL instances and serverless switches through the SDK, for the server's RPC tests. */
final class RdsFixture {

    static final String RAM = "2015-05-01";

    private RdsFixture() {
    }

    /** A High-availability pay-as-you-go instance (2 cores, 100 GB PL1 ESSD, PostgreSQL 16) that meets every prerequisite. */
    static CreateDBInstanceRequest create() {
        CreateDBInstanceRequest r = new CreateDBInstanceRequest();
        r.setEngine("PostgreSQL");
        r.setEngineVersion("16.0");
        r.setDBInstanceClass("pg.n2.medium.2c");
        r.setDBInstanceStorage(100);
        r.setDBInstanceStorageType("cloud_essd");
        r.setPayType("Postpaid");
        r.setDBInstanceNetType("Intranet");
        r.setSecurityIPList("127.0.0.1");
        return r;
    }

    static String createInstance(Sdk sdk) throws ClientException {
        return sdk.call(create()).getDBInstanceId();
    }

    /** Both roles of seed 000, created the way the RAM console's API does. */
    static void createRoles(Sdk sdk) throws ClientException {
        sdk.common(RAM, "CreateServiceLinkedRole", Map.of("ServiceName", "pgsql-onecs.rds.aliyuncs.com"));
        sdk.common(RAM, "CreateServiceLinkedRole", Map.of("ServiceName", "rdsproxy-onecs.rds.aliyuncs.com"));
    }

    /** The request of seed 000's API reference: PayType Serverless, the edition's serverless class, a full configuration. */
    static ModifyDBInstanceSpecRequest toServerless(String id, double min, double max) {
        ModifyDBInstanceSpecRequest r = new ModifyDBInstanceSpecRequest();
        r.setDBInstanceId(id);
        r.setPayType("Serverless");
        r.setDBInstanceClass("pg.n2.serverless.2c");
        ModifyDBInstanceSpecRequest.ServerlessConfiguration c = new ModifyDBInstanceSpecRequest.ServerlessConfiguration();
        c.setMinCapacity(min);
        c.setMaxCapacity(max);
        c.setAutoPause(false);
        c.setSwitchForce(false);
        r.setServerlessConfiguration(c);
        return r;
    }

    static DescribeDBInstanceAttributeResponse.DBInstanceAttribute describe(Sdk sdk, String id) throws ClientException {
        DescribeDBInstanceAttributeRequest r = new DescribeDBInstanceAttributeRequest();
        r.setDBInstanceId(id);
        return sdk.call(r).getItems().get(0);
    }

    static Instant now() {
        return Instant.parse(TestServer.operator().get("/api/v1/clock").body().get("now").asText());
    }

    static void advance(long seconds) {
        TestServer.operator().post("/api/v1/clock", "{\"advanceSeconds\":" + seconds + "}");
    }

    static long count(String table, String accountId) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE account_id = :a")
                .bind("a", accountId).mapTo(Long.class).one());
    }
}
