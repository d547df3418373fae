package io.billow.server;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs of the Alibaba-compatible API that used to end in a 500: each is now a 4xx in the RPC
 * error shape with a stable code, and nothing is written.
 */
class RpcInputRefusalTest {

    private final TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
    private final RawRpc rpc = RawRpc.of(t);

    @Test
    void aBillingCycleOutsideTheYears1970To9999IsRefused() {
        RawRpc.Answer far = rpc.call("2017-12-14", "QueryInstanceBill", Map.of("BillingCycle", "+999999999-12"));
        RawRpc.Answer before = rpc.call("2017-12-14", "QueryInstanceBill", Map.of("BillingCycle", "-999999999-01"));
        RawRpc.Answer early = rpc.call("2017-12-14", "QueryInstanceBill", Map.of("BillingCycle", "1969-12"));

        assertRefused(far, 400, "InvalidParameter");
        assertThat(far.body().get("Message").asText()).isEqualTo("The specified parameter \"BillingCycle\" is not valid. "
                + "The value \"+999999999-12\" is not a month within 1970-01..9999-12.");
        assertRefused(before, 400, "InvalidParameter");
        assertRefused(early, 400, "InvalidParameter");
        assertThat(rpc.call("2017-12-14", "QueryInstanceBill", Map.of("BillingCycle", "9999-12")).status()).isEqualTo(200);
    }

    @Test
    void anInfiniteCapacityInServerlessConfigurationIsRefused() {
        String id = ServerlessFlowTest.createPayg(t.api());
        Written written = Written.of(t, id);
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("DBInstanceId", id);
        spec.put("PayType", "Serverless");
        spec.put("DBInstanceClass", "pg.n2.serverless.2c");
        spec.put("ServerlessConfiguration", "{\"MinCapacity\":1e999,\"MaxCapacity\":2,\"AutoPause\":false,\"SwitchForce\":false}");

        RawRpc.Answer huge = rpc.call("2014-08-15", "ModifyDBInstanceSpec", spec);
        spec.put("ServerlessConfiguration", "{\"MinCapacity\":0.5,\"MaxCapacity\":-1e999,\"AutoPause\":false,\"SwitchForce\":false}");
        RawRpc.Answer negative = rpc.call("2014-08-15", "ModifyDBInstanceSpec", spec);

        assertRefused(huge, 400, "InvalidParameter");
        assertThat(huge.body().get("Message").asText()).isEqualTo("The specified parameter \"ServerlessConfiguration\" is not valid. "
                + "It holds the number 1E+999; a number has at most 30 digits before the point and 18 after it.");
        assertRefused(negative, 400, "InvalidParameter");
        assertThat(Written.of(t, id)).isEqualTo(written);
    }

    @Test
    void aTermOfTwoBillionYearsIsRefusedBeforeMultiplying() {
        Written written = Written.of(t, null);
        Map<String, String> create = new LinkedHashMap<>();
        create.put("RegionId", "cn-hangzhou");
        create.put("Engine", "PostgreSQL");
        create.put("EngineVersion", "16.0");
        create.put("DBInstanceClass", "pg.n2.medium.2c");
        create.put("DBInstanceStorage", "100");
        create.put("DBInstanceStorageType", "cloud_essd");
        create.put("PayType", "Prepaid");
        create.put("DBInstanceNetType", "Intranet");
        create.put("SecurityIPList", "127.0.0.1");
        create.put("Period", "Year");
        create.put("UsedTime", "2000000000");

        RawRpc.Answer years = rpc.call("2014-08-15", "CreateDBInstance", create);
        create.put("Period", "Month");
        create.put("UsedTime", "99999999999");
        RawRpc.Answer months = rpc.call("2014-08-15", "CreateDBInstance", create);
        RawRpc.Answer transform = rpc.call("2014-08-15", "TransformDBInstancePayType", Map.of("DBInstanceId", "pgm-none",
                "PayType", "Prepaid", "Period", "Year", "UsedTime", "2000000000"));

        assertRefused(years, 400, "InvalidParameter");
        assertThat(years.body().get("Message").asText()).isEqualTo("The specified parameter \"UsedTime\" is not valid. "
                + "The value \"2000000000\" is not an integer within 1..999.");
        assertRefused(months, 400, "InvalidParameter");
        assertRefused(transform, 400, "InvalidPayType.NotSupported");
        assertThat(Written.of(t, null)).isEqualTo(written);
    }

    @Test
    void aNulOrInvalidUtf8InAParameterIsRefused() {
        RawRpc.Answer nul = rpc.callRaw("RegionId=cn%00");
        RawRpc.Answer badUtf8 = rpc.callRaw("RegionId=cn%FF");
        RawRpc.Answer overlong = rpc.callRaw("RegionId=%C0%AF");

        assertRefused(nul, 400, "InvalidParameter");
        assertThat(nul.body().get("Message").asText()).isEqualTo("The query string holds a NUL character (%00).");
        assertRefused(badUtf8, 400, "InvalidParameter");
        assertThat(badUtf8.body().get("Message").asText()).isEqualTo("The query string is not valid UTF-8 once percent-decoded.");
        assertRefused(overlong, 400, "InvalidParameter");
    }

    static void assertRefused(RawRpc.Answer a, int status, String code) {
        assertThat(a.status()).as(a.body().toString()).isEqualTo(status);
        assertThat(a.code()).as(a.body().toString()).isEqualTo(code);
        assertThat(a.body().fieldNames()).toIterable().containsExactly("RequestId", "HostId", "Code", "Message", "Recommend");
    }
}
