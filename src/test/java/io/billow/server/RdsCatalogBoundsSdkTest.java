package io.billow.server;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.rds.model.v20140815.CreateDBInstanceRequest;
import com.aliyuncs.rds.model.v20140815.DescribeAvailableClassesRequest;
import com.aliyuncs.rds.model.v20140815.DescribeAvailableClassesResponse;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceSpecRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 12 part 2 through the official RDS SDK: the storage, zone, engine version and term bounds of
 * the catalog refuse what the real service refuses, with its codes and no write; and every storage
 * bound DescribeAvailableClasses reports is exactly the one creation enforces.
 */
class RdsCatalogBoundsSdkTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-03-02T00:00:00Z"));

    @Test
    void storageMissingOrOffTheEssdRangeIsRefusedAndCreatesNothing() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Sdk sdk = Sdk.of(t, SERVER);
        // The SDK keeps a parameter once set: the request without storage is built from scratch.
        CreateDBInstanceRequest none = new CreateDBInstanceRequest();
        none.setEngine("PostgreSQL");
        none.setEngineVersion("16.0");
        none.setDBInstanceClass("pg.n2.medium.2c");
        none.setDBInstanceStorageType("cloud_essd");
        none.setPayType("Postpaid");
        assertThat(refusal(sdk, none).getErrCode()).isEqualTo("MissingParameter");
        for (int gb : new int[] {0, 1, 5, 19, 22, 64_005, -20}) {
            CreateDBInstanceRequest r = RdsFixture.create();
            r.setDBInstanceStorage(gb);
            ClientException refused = refusal(sdk, r);
            assertThat(refused.getErrCode()).as(gb + " GB").isEqualTo("InvalidDBInstanceStorage");
            assertThat(refused.getErrMsg()).contains("20–64000 GB in steps of 5");
        }
        CreateDBInstanceRequest tape = RdsFixture.create();
        tape.setDBInstanceStorageType("tape");
        assertThat(refusal(sdk, tape).getErrCode()).isEqualTo("InvalidDBInstanceStorageType");
        assertThat(instances(t)).isZero();
        assertThat(orders(t)).isZero();

        CreateDBInstanceRequest smallest = RdsFixture.create();
        smallest.setDBInstanceStorage(20);
        String id = sdk.call(smallest).getDBInstanceId();
        assertThat(RdsFixture.describe(sdk, id).getDBInstanceStorage()).isEqualTo(20);
    }

    @Test
    void aZoneNoRegionHasAndEngineVersionsTheCatalogDoesNotOfferAreRefused() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Sdk sdk = Sdk.of(t, SERVER);
        for (String zone : new String[] {"cn-hangzhou-zz", "cn-shanghai-l", "mars-1a"}) {
            CreateDBInstanceRequest r = RdsFixture.create();
            r.setZoneId(zone);
            assertThat(refusal(sdk, r).getErrCode()).as(zone).isEqualTo("InvalidZoneId.NotFound");
        }
        for (String version : new String[] {"99.9", "9.4", "banana", "16"}) {
            CreateDBInstanceRequest r = RdsFixture.create();
            r.setEngineVersion(version);
            ClientException refused = refusal(sdk, r);
            assertThat(refused.getErrCode()).as(version).isEqualTo("InvalidEngineVersion.Malformed");
            assertThat(refused.getErrMsg()).contains("offers 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0");
        }
        assertThat(instances(t)).isZero();

        CreateDBInstanceRequest listed = RdsFixture.create();
        listed.setZoneId("cn-hangzhou-i");
        listed.setEngineVersion("14.0");
        var created = RdsFixture.describe(sdk, sdk.call(listed).getDBInstanceId());
        assertThat(created.getZoneId()).isEqualTo("cn-hangzhou-i");
        assertThat(created.getEngineVersion()).isEqualTo("14.0");
        assertThat(created.getCurrentKernelVersion()).as("the newest minor the catalog lists, not an invented one")
                .isEqualTo("rds_postgres_1400_20240830");
        var byDefault = RdsFixture.describe(sdk, RdsFixture.createInstance(sdk));
        assertThat(byDefault.getZoneId()).as("the region's first zone").isEqualTo("cn-hangzhou-h");

        DescribeAvailableClassesRequest inNoZone = new DescribeAvailableClassesRequest();
        inNoZone.setZoneId("cn-hangzhou-zz");
        assertThat(refusal(sdk, inNoZone).getErrCode()).as("asked as creation is refused").isEqualTo("InvalidZoneId.NotFound");
        DescribeAvailableClassesRequest oldVersion = new DescribeAvailableClassesRequest();
        oldVersion.setEngineVersion("9.4");
        assertThat(refusal(sdk, oldVersion).getErrCode()).isEqualTo("InvalidEngineVersion.Malformed");
    }

    @Test
    void termsTheProductDoesNotSellAndStorageChangesOffTheRangeAreRefused() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "100000");
        Sdk sdk = Sdk.of(t, SERVER);
        for (String[] term : new String[][] {{"Month", "10"}, {"Year", "6"}}) {
            CreateDBInstanceRequest r = RdsFixture.create();
            r.setPayType("Prepaid");
            r.setPeriod(term[0]);
            r.setUsedTime(term[1]);
            assertThat(refusal(sdk, r).getErrCode()).as(term[0] + " × " + term[1]).isEqualTo("InvalidPeriod");
        }
        String id = RdsFixture.createInstance(sdk);
        for (int gb : new int[] {101, 64_005, 95}) {
            ModifyDBInstanceSpecRequest grow = new ModifyDBInstanceSpecRequest();
            grow.setDBInstanceId(id);
            grow.setDBInstanceStorage(gb);
            assertThat(refusal(sdk, grow).getErrCode()).as(gb + " GB").isEqualTo("InvalidDBInstanceStorage");
        }
        assertThat(RdsFixture.describe(sdk, id).getDBInstanceStatus()).isEqualTo("Running");
        ModifyDBInstanceSpecRequest grow = new ModifyDBInstanceSpecRequest();
        grow.setDBInstanceId(id);
        grow.setDBInstanceStorage(105);
        sdk.call(grow);
        assertThat(RdsFixture.describe(sdk, id).getDBInstanceStatus()).isEqualTo("DBInstanceClassChanging");
    }

    /**
     * For every pay type and storage type, each class DescribeAvailableClasses lists is created at its
     * minimum and maximum and refused one GB outside them and off the step; each class it leaves out is
     * refused that storage type; and the catalog endpoint reports the same figures.
     */
    @Test
    void everyBoundDescribeAvailableClassesReportsIsTheOneCreationEnforces() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Sdk sdk = Sdk.of(t, SERVER);
        Map<String, JsonNode> catalog = catalogClasses();
        int checked = 0;
        for (String payType : new String[] {"Postpaid", "Serverless"}) {
            for (String type : new String[] {"cloud_essd", "general_essd", "cloud_ssd", "local_ssd"}) {
                DescribeAvailableClassesRequest ask = new DescribeAvailableClassesRequest();
                ask.setEngine("PostgreSQL");
                ask.setInstanceChargeType(payType);
                ask.setDBInstanceStorageType(type);
                List<String> listed = new ArrayList<>();
                for (DescribeAvailableClassesResponse.DBInstanceClass c : sdk.call(ask).getDBInstanceClasses()) {
                    listed.add(c.getDBInstanceClass());
                    DescribeAvailableClassesResponse.DBInstanceClass.DBInstanceStorageRange range = c.getDBInstanceStorageRange();
                    assertThat(catalogRange(catalog, c.getDBInstanceClass(), type, payType))
                            .containsExactly(range.getMinValue(), range.getMaxValue(), range.getStep());
                    assertThat(creates(sdk, c.getDBInstanceClass(), payType, type, range.getMinValue())).isNull();
                    assertThat(creates(sdk, c.getDBInstanceClass(), payType, type, range.getMaxValue())).isNull();
                    assertThat(creates(sdk, c.getDBInstanceClass(), payType, type, range.getMinValue() - 1)).isEqualTo("InvalidDBInstanceStorage");
                    assertThat(creates(sdk, c.getDBInstanceClass(), payType, type, range.getMaxValue() + 1)).isEqualTo("InvalidDBInstanceStorage");
                    if (range.getStep() > 1) {
                        assertThat(creates(sdk, c.getDBInstanceClass(), payType, type, range.getMinValue() + 1))
                                .isEqualTo("InvalidDBInstanceStorage");
                    }
                    checked++;
                }
                for (String cls : classesBilled(catalog, payType)) {
                    if (!listed.contains(cls)) {
                        assertThat(creates(sdk, cls, payType, type, 100)).as(cls + " on " + type).isEqualTo("InvalidDBInstanceStorageType");
                    }
                }
            }
        }
        // 8 pay-as-you-go classes on 4 types, 2 serverless classes on the 2 ESSD types.
        assertThat(checked).isEqualTo(8 * 4 + 2 * 2);
    }

    /** The native API's creation goes through the same bounds, with the same codes. */
    @Test
    void theNativeApiRefusesTheSameInstances() {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        String base = "{\"product\":\"rds-postgresql\",\"region\":\"cn-hangzhou\",\"edition\":\"HighAvailability\","
                + "\"instanceClass\":\"pg.n2.medium.2c\",\"billingMethod\":\"PayAsYouGo\"";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(base + "}", "MissingParameter");
        for (int gb : new int[] {0, 1, 5, 19}) {
            refused.put(base + ",\"storageGb\":" + gb + "}", "InvalidDBInstanceStorage");
        }
        refused.put(base + ",\"storageGb\":100,\"zoneId\":\"cn-hangzhou-zz\"}", "InvalidZoneId.NotFound");
        for (String version : new String[] {"99.9", "9.4", "banana"}) {
            refused.put(base + ",\"storageGb\":100,\"engineVersion\":\"" + version + "\"}", "InvalidEngineVersion.Malformed");
        }
        refused.forEach((body, code) -> {
            var r = t.api().post("/api/v1/instances", body);
            assertThat(r.status()).as(body).isEqualTo(code.endsWith(".NotFound") ? 404 : 400);
            assertThat(r.code()).as(body).isEqualTo(code);
        });
        assertThat(instances(t)).isZero();
        assertThat(orders(t)).isZero();
    }

    @Test
    void serverlessCapacityOutsideTheClassRangeTheCatalogReportsIsRefused() throws Exception {
        TestServer.Tenant t = SERVER.newTenant("USD", "1000");
        Sdk sdk = Sdk.of(t, SERVER);
        JsonNode capacity = catalogClasses().get("pg.n2.serverless.2c").get("capacity");
        assertThat(List.of(capacity.get("min").asText(), capacity.get("max").asText(), capacity.get("step").asText(),
                capacity.get("lowestMax").asText())).containsExactly("0.5", "14", "0.5", "1");
        for (double[] range : new double[][] {{0.25, 4}, {0.5, 14.5}, {0.5, 0.5}, {4, 2}, {0.5, 3.7}}) {
            assertThat(serverless(sdk, range[0], range[1])).as(range[0] + "–" + range[1]).isEqualTo("InvalidRCUValue");
        }
        assertThat(instances(t)).isZero();
        assertThat(serverless(sdk, 0.5, 14)).isNull();
        assertThat(serverless(sdk, 14, 14)).isNull();
    }

    private static String serverless(Sdk sdk, double min, double max) {
        CreateDBInstanceRequest r = RdsFixture.create();
        r.setDBInstanceClass("pg.n2.serverless.2c");
        r.setPayType("Serverless");
        r.setServerlessConfig(capacity(min, max));
        return code(sdk, r);
    }

    /** The error code of creating that instance, or null if it was created. */
    private static String creates(Sdk sdk, String cls, String payType, String type, int gb) {
        CreateDBInstanceRequest r = RdsFixture.create();
        r.setDBInstanceClass(cls);
        r.setPayType(payType);
        r.setDBInstanceStorageType(type);
        r.setDBInstanceStorage(gb);
        if (payType.equals("Serverless")) {
            r.setServerlessConfig(capacity(0.5, 8.0));
        }
        return code(sdk, r);
    }

    private static CreateDBInstanceRequest.ServerlessConfig capacity(double min, double max) {
        CreateDBInstanceRequest.ServerlessConfig config = new CreateDBInstanceRequest.ServerlessConfig();
        config.setMinCapacity(min);
        config.setMaxCapacity(max);
        config.setAutoPause(false);
        config.setSwitchForce(false);
        return config;
    }

    /** The error code of a request, or null if it was answered. */
    private static String code(Sdk sdk, com.aliyuncs.AcsRequest<?> request) {
        try {
            sdk.call(request);
            return null;
        } catch (ClientException e) {
            return e.getErrCode();
        }
    }

    private static Map<String, JsonNode> catalogClasses() {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode product : SERVER.operator().get("/api/v1/catalog").body().get("products")) {
            if (product.get("code").asText().equals("rds-postgresql")) {
                product.get("classes").forEach(c -> out.put(c.get("code").asText(), c));
            }
        }
        return out;
    }

    private static List<Integer> catalogRange(Map<String, JsonNode> catalog, String cls, String type, String payType) {
        String method = payType.equals("Postpaid") ? "PayAsYouGo" : payType;
        for (JsonNode s : catalog.get(cls).get("storage")) {
            if (s.get("storageType").asText().equals(type) && s.get("billingMethod").asText().equals(method)) {
                return List.of(s.get("minGb").asInt(), s.get("maxGb").asInt(), s.get("stepGb").asInt());
            }
        }
        return List.of();
    }

    private static List<String> classesBilled(Map<String, JsonNode> catalog, String payType) {
        return catalog.keySet().stream().filter(c -> c.contains("serverless") == payType.equals("Serverless")).toList();
    }

    private static ClientException refusal(Sdk sdk, com.aliyuncs.AcsRequest<?> request) {
        return catchThrowableOfType(ClientException.class, () -> sdk.call(request));
    }

    private static int instances(TestServer.Tenant t) {
        return t.api().get("/api/v1/instances").body().get("instances").size();
    }

    private static int orders(TestServer.Tenant t) {
        return t.api().get("/api/v1/orders").body().get("orders").size();
    }
}
