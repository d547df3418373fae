package io.billow.server;

import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the native API and every action of the RPC API, each field or parameter given
 * values a client can send and no handler expects (null, NUL, huge and tiny numbers, instants at
 * the ends of the ISO range, wrong types): no answer may be a 5xx. On its own server, as some of
 * the values are valid and move its clock or change its provisioner.
 */
class HostileInputSweepTest {

    @RegisterExtension
    static final OwnServer SERVER = new OwnServer(Instant.parse("2026-02-02T00:00:00Z"));

    /** JSON values, as written into a body. */
    private static final List<String> JSON_VALUES = List.of("null", "\"\"", "\"\\u0000\"", "\"" + "x".repeat(5000) + "\"", "-1", "0",
            "1.5", "1e999", "-1e999", "1e-999", "99999999999999999999", "\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"",
            "true", "[]", "{}", "[null]", "{\"a\":null}", "\"1e3\"", "\"NaN\"", "\"2026-02-30T00:00:00Z\"", "2147483648");

    /** RPC parameter values, as decoded strings. */
    private static final List<String> RPC_VALUES = List.of("", "\u0000", "x".repeat(5000), "-1", "0", "1.5", "1e999", "2000000000",
            "99999999999999999999", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "9999-12", "+999999999-12", "true",
            "{\"MinCapacity\":1e999}", "[1,2]", "{}", "NaN", "Year", "Prepaid", "Serverless", "𝄞", "%00", "a,b,c,,");

    private static final List<String> RPC_PARAMETERS = List.of("BillingCycle", "Category", "CreateTimeEnd", "CreateTimeStart", "CustomSuffix",
            "DBInstanceClass", "DBInstanceId", "DBInstanceStatus", "DBInstanceStorage", "DBInstanceStorageType", "DeletionTaskId", "Direction",
            "EffectiveTime", "Engine", "EngineVersion", "GroupId", "GroupType", "InstanceChargeType", "InstanceID", "InstanceIDs", "InstanceId",
            "InstanceName", "IsBillingItem", "MessageType", "OrderId", "OrderType", "PageNum", "PageNumber", "PageSize", "PayType",
            "PaymentStatus", "Period", "ProductCode", "RegionId", "Remark", "RenewPeriod", "RenewalPeriod", "RenewalPeriodUnit",
            "RenewalStatus", "RoleName", "SSLEnabled", "ServiceLinkedRole", "ServiceName", "SubscriptionType", "SwitchTime", "TDEStatus",
            "Topic", "UsedTime", "ZoneId", "ServerlessConfiguration", "ServerlessConfiguration.MinCapacity",
            "ServerlessConfiguration.MaxCapacity", "ServerlessConfiguration.AutoPause", "ClientToken", "InstanceType");

    private static final Map<String, List<String>> RPC_ACTIONS = Map.of(
            "2014-08-15", List.of("CreateDBInstance", "CreateReadOnlyDBInstance", "DeleteDBInstance", "DescribeAvailableClasses",
                    "DescribeDBInstanceAttribute", "DescribeDBInstances", "ModifyDBInstanceSSL", "ModifyDBInstanceSpec", "ModifyDBInstanceTDE",
                    "TransformDBInstancePayType", "CreateServiceLinkedRole"),
            "2017-12-14", List.of("GetOrderDetail", "QueryAccountBalance", "QueryAvailableInstances", "QueryInstanceBill", "QueryOrders",
                    "RenewInstance", "SetRenewal"),
            "2019-02-14", List.of("OnsGroupCreate", "OnsGroupDelete", "OnsGroupList", "OnsInstanceBaseInfo", "OnsInstanceCreate",
                    "OnsInstanceDelete", "OnsInstanceInServiceList", "OnsInstanceUpdate", "OnsTopicCreate", "OnsTopicDelete", "OnsTopicList"),
            "2015-05-01", List.of("CreateServiceLinkedRole", "GetRole", "DeleteServiceLinkedRole"),
            "2020-03-31", List.of("GetServiceLinkedRoleDeletionStatus"));

    private final List<String> serverErrors = new ArrayList<>();

    @Test
    void noFieldOfAnyNativeRouteAnswersA5xx() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100000");
        ApiClient op = SERVER.operator();
        String rds = RocketMq4EditionTest.created(t.api().post("/api/v1/instances", RestApiTest.RDS));
        String mq = RocketMq4EditionTest.created(t.api().post("/api/v1/instances", RocketMq4EditionTest.STANDARD));
        String account = "/api/v1/accounts/" + t.accountId();

        sweep(op, "POST", "/api/v1/accounts", "{\"name\":\"n\",\"currency\":\"USD\",\"balance\":1,\"settlementZone\":\"UTC\"}");
        sweep(op, "POST", account + "/top-ups", "{\"amount\":1,\"reference\":\"r1\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}");
        sweep(op, "POST", account + "/coupons", "{\"amount\":1,\"expiresAt\":\"2027-01-01T00:00:00Z\"}");
        sweep(t.api(), "POST", account + "/service-linked-roles", "{\"roleName\":\"R\",\"serviceName\":\"s\"}");
        sweep(t.api(), "POST", "/api/v1/instances", RestApiTest.RDS.replace("}", ",\"zoneId\":\"cn-hangzhou-h\",\"storageType\":"
                + "\"cloud_essd\",\"months\":1,\"minCapacity\":0.5,\"maxCapacity\":4,\"engineVersion\":\"16.0\"}"));
        sweep(op, "PATCH", "/api/v1/instances/" + rds + "/attributes", "{\"engine\":\"PostgreSQL\",\"engineVersion\":\"16.0\","
                + "\"minorVersion\":\"rds_postgres_1600_20240830\",\"readOnlyInstances\":0,\"role\":\"Primary\",\"proxyEnabled\":false,"
                + "\"sslEnabled\":false,\"diskEncryptionEnabled\":false,\"pgBouncerEnabled\":false,\"maintainTime\":\"18:00Z-22:00Z\"}");
        for (String id : new String[] {rds, mq}) {
            sweep(t.api(), "POST", "/api/v1/instances/" + id + "/changes", "{\"action\":\"modifySpec\",\"instanceClass\":\"pg.n2.medium.2c\","
                    + "\"storageGb\":100,\"months\":1,\"postExpirationAction\":\"Release\",\"enabled\":true,\"confirmDeleteResource\":true}");
            sweep(t.api(), "POST", "/api/v1/instances/" + id + "/usage", "{\"eventId\":\"e1\",\"at\":\"2026-02-01T23:00:00Z\",\"rcu\":1,"
                    + "\"connections\":1,\"counts\":{\"api_calls\":1},\"levels\":{\"rcu\":1}}");
            sweep(t.api(), "POST", "/api/v1/estimates", "{\"instanceId\":\"" + id + "\",\"payType\":\"Serverless\",\"minCapacity\":0.5,"
                    + "\"maxCapacity\":4,\"autoPause\":false,\"switchForce\":false,\"effectiveTime\":\"Immediate\","
                    + "\"switchTime\":\"2026-03-01T00:00:00Z\",\"rcuProfile\":[1]}");
            sweep(t.api(), "POST", "/api/v1/instances/" + id + "/switch", ServerlessFlowTest.SWITCH.replace("}",
                    ",\"effectiveTime\":\"ScheduleTime\",\"switchTime\":\"2026-03-01T00:00:00Z\"}"));
        }
        sweep(t.api(), "POST", "/api/v1/instances/" + mq + "/topics", "{\"name\":\"topic-a\",\"attributes\":{\"messageType\":0,\"remark\":\"r\"}}");
        sweep(t.api(), "POST", "/api/v1/instances/" + mq + "/groups", "{\"name\":\"GID_a\",\"attributes\":{\"groupType\":\"tcp\"}}");
        sweep(t.api(), "POST", "/api/v1/webhooks", "{\"url\":\"https://hooks.example.com/x\"}");
        sweep(op, "PUT", "/api/v1/provisioner", "{\"durations\":{\"CONVERT\":0},\"capacity\":[{\"product\":\"rds-postgresql\","
                + "\"zoneId\":\"cn-hangzhou-h\",\"billingMethod\":\"Serverless\",\"instances\":100}],\"failNext\":{\"CONVERT\":0}}");
        sweep(op, "POST", "/api/v1/clock", "{\"advanceSeconds\":1}");
        sweep(op, "POST", "/api/v1/clock", "{\"to\":\"2026-02-02T00:00:00Z\"}");
        for (String path : new String[] {"/api/v1/bills", "/api/v1/orders", "/api/v1/events", "/api/v1/instances", "/api/v1/webhooks"}) {
            for (String parameter : new String[] {"accountId", "instanceId", "from", "to", "limit", "after"}) {
                for (String value : new String[] {"-1", "1.5", "1e999", "99999999999999999999", "%2B999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z", "%F0%9D%84%9E", "x%27%3B--", ""}) {
                    check(() -> op.get(path + "?" + parameter + "=" + value), "GET " + path + "?" + parameter + "=" + value);
                }
            }
        }
        for (String id : new String[] {"%E2%82%AC", "..", "x".repeat(3000), "pgm-%27", rds + "%20"}) {
            check(() -> t.api().get("/api/v1/instances/" + id), "GET instance " + id);
            check(() -> t.api().get("/api/v1/instances/" + id + "/timeline"), "GET timeline " + id);
            check(() -> t.api().delete("/api/v1/webhooks/" + id), "DELETE webhook " + id);
            check(() -> op.get("/api/v1/accounts/" + id), "GET account " + id);
        }

        assertThat(serverErrors).isEmpty();
    }

    @Test
    void noParameterOfAnyRpcActionAnswersA5xx() {
        TestServer.Tenant t = SERVER.newTenant("USD", "100000");
        RawRpc rpc = new RawRpc(SERVER.server().url(), t);
        String rds = RocketMq4EditionTest.created(t.api().post("/api/v1/instances", RestApiTest.RDS));
        SplittableRandom random = new SplittableRandom(20260202L);
        RPC_ACTIONS.forEach((version, actions) -> {
            for (String action : actions) {
                for (String parameter : RPC_PARAMETERS) {
                    // Every parameter once with a hostile value, on a base that is otherwise plausible.
                    String value = RPC_VALUES.get(random.nextInt(RPC_VALUES.size()));
                    Map<String, String> p = base(rds);
                    p.put(parameter, value);
                    String what = action + " " + parameter + "=" + shorten(value);
                    try {
                        RawRpc.Answer a = rpc.call(version, action, p);
                        if (a.status() >= 500) {
                            serverErrors.add(what + " → " + a.status() + " " + a.body());
                        }
                    } catch (IllegalStateException notJson) {
                        serverErrors.add(what + " → " + notJson.getMessage());
                    }
                }
            }
        });

        assertThat(serverErrors).isEmpty();
    }

    private static Map<String, String> base(String instanceId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("RegionId", "cn-hangzhou");
        p.put("DBInstanceId", instanceId);
        p.put("InstanceId", instanceId);
        p.put("ProductCode", "rds");
        p.put("PayType", "Postpaid");
        p.put("Engine", "PostgreSQL");
        p.put("EngineVersion", "16.0");
        p.put("DBInstanceClass", "pg.n2.medium.2c");
        p.put("DBInstanceStorage", "100");
        p.put("DBInstanceStorageType", "cloud_essd");
        p.put("BillingCycle", "2026-02");
        return p;
    }

    /** The body with each of its top-level fields given each hostile value in turn, and the body left out or null. */
    private void sweep(ApiClient client, String method, String path, String validBody) {
        var fields = new ArrayList<String>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(validBody).fieldNames().forEachRemaining(fields::add);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(validBody, e);
        }
        for (String field : fields) {
            for (String value : JSON_VALUES) {
                String body = withField(validBody, field, value);
                check(() -> client.send(method, path, body), method + " " + path + " " + field + "=" + shorten(value));
            }
        }
        check(() -> client.send(method, path, null), method + " " + path + " without a body");
        check(() -> client.send(method, path, "null"), method + " " + path + " null");
    }

    private static String withField(String body, String field, String value) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(body);
            tree.remove(field);
            String rest = tree.toString();
            return "{\"" + field + "\":" + value + (rest.equals("{}") ? "}" : "," + rest.substring(1));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(body, e);
        }
    }

    /** Records a 5xx, or an answer that is not JSON at all. */
    private void check(java.util.function.Supplier<ApiClient.Response> call, String what) {
        try {
            ApiClient.Response r = call.get();
            if (r.status() >= 500) {
                serverErrors.add(what + " → " + r.status() + " " + r.body());
            }
        } catch (IllegalStateException notJson) {
            serverErrors.add(what + " → " + notJson.getMessage());
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
