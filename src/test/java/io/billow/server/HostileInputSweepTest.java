package io.billow.server;

import io.billow.cli.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** An action, the parameters that take it as far as it goes, and those to give hostile values one at a time. */
    private record Call(String version, String action, Map<String, String> base, List<String> varied) {
    }

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
        String payg = RocketMq4EditionTest.created(t.api().post("/api/v1/instances", RestApiTest.RDS));
        String prepaid = RocketMq4EditionTest.created(t.api().post("/api/v1/instances",
                RestApiTest.RDS.replace("PayAsYouGo", "Subscription").replace("}", ",\"months\":1}")));
        String doomed = RocketMq4EditionTest.created(t.api().post("/api/v1/instances", RestApiTest.RDS));
        String mq = RocketMq4EditionTest.created(t.api().post("/api/v1/instances", RocketMq4EditionTest.STANDARD));

        for (Call call : calls(payg, prepaid, doomed, mq)) {
            for (String parameter : call.varied()) {
                for (String value : RPC_VALUES) {
                    Map<String, String> p = new LinkedHashMap<>(call.base());
                    p.put(parameter, value);
                    call(rpc, call.version(), call.action(), p, parameter + "=" + shorten(value));
                }
            }
        }

        assertThat(serverErrors).isEmpty();
    }

    /** Every action the server registers; the instance deleted last. */
    private static List<Call> calls(String payg, String prepaid, String doomed, String mq) {
        Map<String, String> create = Map.of("RegionId", "cn-hangzhou", "Engine", "PostgreSQL", "EngineVersion", "16.0",
                "DBInstanceClass", "pg.n2.medium.2c", "DBInstanceStorage", "100", "DBInstanceStorageType", "cloud_essd",
                "PayType", "Prepaid", "Period", "Year", "UsedTime", "1");
        Map<String, String> serverless = Map.of("DBInstanceId", payg, "PayType", "Serverless", "DBInstanceClass", "pg.n2.serverless.2c",
                "ServerlessConfiguration", "{\"MinCapacity\":0.5,\"MaxCapacity\":4,\"AutoPause\":false,\"SwitchForce\":false}",
                "EffectiveTime", "ScheduleTime", "SwitchTime", "2026-03-01T00:00:00Z");
        String rds = "2014-08-15";
        String bss = "2017-12-14";
        String ons = "2019-02-14";
        return List.of(
                new Call(rds, "CreateDBInstance", create, List.of("RegionId", "ZoneId", "Engine", "EngineVersion", "DBInstanceClass",
                        "DBInstanceStorage", "DBInstanceStorageType", "PayType", "Period", "UsedTime", "Category", "ClientToken")),
                new Call(rds, "CreateDBInstance", Map.of("RegionId", "cn-hangzhou", "Engine", "PostgreSQL", "EngineVersion", "16.0",
                        "DBInstanceClass", "pg.n2.serverless.2c", "DBInstanceStorage", "100", "PayType", "Serverless",
                        "ServerlessConfig", "{\"MinCapacity\":0.5,\"MaxCapacity\":4}"), List.of("ServerlessConfig",
                        "ServerlessConfig.MinCapacity", "ServerlessConfig.MaxCapacity", "ServerlessConfig.AutoPause")),
                new Call(rds, "CreateReadOnlyDBInstance", Map.of("DBInstanceId", payg, "DBInstanceClass", "pg.n2.medium.2c"),
                        List.of("DBInstanceId", "DBInstanceClass", "DBInstanceStorage", "DBInstanceStorageType", "PayType", "ZoneId")),
                new Call(rds, "DescribeAvailableClasses", Map.of("RegionId", "cn-hangzhou", "Engine", "PostgreSQL"),
                        List.of("RegionId", "ZoneId", "Engine", "Category", "InstanceChargeType")),
                new Call(rds, "DescribeDBInstances", Map.of("RegionId", "cn-hangzhou"), List.of("RegionId", "DBInstanceId",
                        "DBInstanceStatus", "PageNumber", "PageSize", "PayType", "Category")),
                new Call(rds, "DescribeDBInstanceAttribute", Map.of("DBInstanceId", payg), List.of("DBInstanceId")),
                new Call(rds, "ModifyDBInstanceSSL", Map.of("DBInstanceId", payg, "SSLEnabled", "1"), List.of("DBInstanceId", "SSLEnabled")),
                new Call(rds, "ModifyDBInstanceTDE", Map.of("DBInstanceId", payg, "TDEStatus", "Enabled"), List.of("DBInstanceId", "TDEStatus")),
                new Call(rds, "ModifyDBInstanceSpec", serverless, List.of("DBInstanceId", "PayType", "Direction", "DBInstanceClass",
                        "ServerlessConfiguration", "ServerlessConfiguration.MinCapacity", "ServerlessConfiguration.MaxCapacity",
                        "ServerlessConfiguration.AutoPause", "EffectiveTime", "SwitchTime", "DBInstanceStorage", "DBInstanceStorageType",
                        "EngineVersion", "Category", "ZoneId", "ClientToken")),
                new Call(rds, "ModifyDBInstanceSpec", Map.of("DBInstanceId", payg, "DBInstanceClass", "pg.n2.medium.2c"),
                        List.of("DBInstanceClass", "DBInstanceStorage")),
                new Call(rds, "TransformDBInstancePayType", Map.of("DBInstanceId", prepaid, "PayType", "Postpaid"),
                        List.of("DBInstanceId", "PayType", "Period", "UsedTime")),
                new Call(rds, "CreateServiceLinkedRole", Map.of(), List.of("ServiceLinkedRole")),
                new Call(bss, "QueryAccountBalance", Map.of(), List.of("PageNum")),
                new Call(bss, "QueryInstanceBill", Map.of("BillingCycle", "2026-02"), List.of("BillingCycle", "InstanceID", "IsBillingItem",
                        "ProductCode", "SubscriptionType", "PageNum", "PageSize")),
                new Call(bss, "QueryOrders", Map.of(), List.of("CreateTimeStart", "CreateTimeEnd", "OrderType", "PaymentStatus",
                        "ProductCode", "PageNum", "PageSize")),
                new Call(bss, "GetOrderDetail", Map.of(), List.of("OrderId")),
                new Call(bss, "RenewInstance", Map.of("ProductCode", "rds", "InstanceId", prepaid, "RenewPeriod", "1"),
                        List.of("ProductCode", "InstanceId", "RenewPeriod", "SubscriptionType", "ClientToken")),
                new Call(bss, "SetRenewal", Map.of("ProductCode", "rds", "InstanceIDs", prepaid, "RenewalStatus", "AutoRenewal",
                        "RenewalPeriod", "1", "RenewalPeriodUnit", "M"), List.of("ProductCode", "InstanceIDs", "RenewalStatus",
                        "RenewalPeriod", "RenewalPeriodUnit", "SubscriptionType")),
                new Call(bss, "QueryAvailableInstances", Map.of("ProductCode", "rds"), List.of("ProductCode", "InstanceIDs",
                        "SubscriptionType", "RenewalStatus", "PageNum", "PageSize")),
                new Call(ons, "OnsInstanceCreate", Map.of("InstanceName", "sweep"), List.of("InstanceName", "Remark", "RegionId")),
                new Call(ons, "OnsInstanceBaseInfo", Map.of("InstanceId", mq), List.of("InstanceId")),
                new Call(ons, "OnsInstanceInServiceList", Map.of(), List.of("RegionId")),
                new Call(ons, "OnsInstanceUpdate", Map.of("InstanceId", mq, "InstanceName", "renamed"), List.of("InstanceId", "InstanceName",
                        "Remark")),
                new Call(ons, "OnsTopicCreate", Map.of("InstanceId", mq, "Topic", "sweep-topic", "MessageType", "0"),
                        List.of("InstanceId", "Topic", "MessageType", "Remark")),
                new Call(ons, "OnsTopicList", Map.of("InstanceId", mq), List.of("InstanceId", "Topic")),
                new Call(ons, "OnsTopicDelete", Map.of("InstanceId", mq, "Topic", "sweep-topic"), List.of("InstanceId", "Topic")),
                new Call(ons, "OnsGroupCreate", Map.of("InstanceId", mq, "GroupId", "GID_sweep"), List.of("InstanceId", "GroupId",
                        "GroupType", "Remark")),
                new Call(ons, "OnsGroupList", Map.of("InstanceId", mq), List.of("InstanceId", "GroupId", "GroupType")),
                new Call(ons, "OnsGroupDelete", Map.of("InstanceId", mq, "GroupId", "GID_sweep"), List.of("InstanceId", "GroupId")),
                new Call("2015-05-01", "CreateServiceLinkedRole", Map.of("ServiceName", "pgsql-onecs.rds.aliyuncs.com"),
                        List.of("ServiceName", "CustomSuffix")),
                new Call("2015-05-01", "GetRole", Map.of("RoleName", "AliyunServiceRoleForRdsPgsqlOnEcs"), List.of("RoleName")),
                new Call("2020-03-31", "DeleteServiceLinkedRole", Map.of("RoleName", "AliyunServiceRoleForRdsPgsqlOnEcs"), List.of("RoleName")),
                new Call("2020-03-31", "GetServiceLinkedRoleDeletionStatus", Map.of(), List.of("DeletionTaskId")),
                new Call(ons, "OnsInstanceDelete", Map.of("InstanceId", mq), List.of("InstanceId")),
                new Call(rds, "DeleteDBInstance", Map.of("DBInstanceId", doomed), List.of("DBInstanceId", "ClientToken")));
    }

    private void call(RawRpc rpc, String version, String action, Map<String, String> parameters, String what) {
        try {
            RawRpc.Answer a = rpc.call(version, action, parameters);
            if (a.status() >= 500) {
                serverErrors.add(action + " " + what + " → " + a.status() + " " + a.body());
            }
        } catch (IllegalStateException notJson) {
            serverErrors.add(action + " " + what + " → " + notJson.getMessage());
        }
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
