package io.billow.server;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeResponse;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceSpecResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Seed 000 end to end through the official SDK: a switch, its billing split, and the 24-hour limit. */
class RdsServerlessSwitchSdkTest {

    @Test
    void aSwitchToServerlessBillsPayAsYouGoUpToTheSwitchSecondAndServerlessAfterIt() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        Sdk sdk = Sdk.of(t);
        String id = RdsFixture.createInstance(sdk);
        RdsFixture.createRoles(sdk);
        RdsFixture.advance(1800);
        Instant requested = RdsFixture.now();

        ModifyDBInstanceSpecResponse switched = sdk.call(RdsFixture.toServerless(id, 0.5, 8));

        assertThat(switched.getOrderId()).isPositive();
        assertThat(RdsFixture.describe(sdk, id).getDBInstanceStatus()).isEqualTo("DBInstanceClassChanging");
        RdsFixture.advance(60);
        Instant switchedAt = requested.plusSeconds(60);
        DescribeDBInstanceAttributeResponse.DBInstanceAttribute after = RdsFixture.describe(sdk, id);
        assertThat(after.getPayType()).isEqualTo("Serverless");
        assertThat(after.getDBInstanceStatus()).isEqualTo("Running");
        assertThat(after.getDBInstanceClass()).isEqualTo("pg.n2.serverless.2c");
        assertThat(after.getServerlessConfig().getScaleMin()).isEqualTo(0.5);
        assertThat(after.getServerlessConfig().getScaleMax()).isEqualTo(8.0);

        RdsFixture.advance(2 * 3600);
        JsonNode bills = t.api().get("/api/v1/bills?instanceId=" + id).body().get("bills");
        long payAsYouGoSeconds = 0;
        long serverlessSeconds = 0;
        for (JsonNode bill : bills) {
            for (JsonNode line : bill.get("lines")) {
                Instant start = Instant.parse(bill.get("periodStart").asText());
                if (line.get("item").asText().equals("compute")) {
                    payAsYouGoSeconds += new BigDecimal(line.get("quantity").asText()).longValueExact();
                    assertThat(start).isBefore(switchedAt);
                }
                if (line.get("item").asText().equals("serverless_storage")) {
                    // 100 GB, twice for High-availability
                    serverlessSeconds += new BigDecimal(line.get("quantity").asText()).longValueExact() / 200;
                    assertThat(Instant.parse(bill.get("periodEnd").asText())).isAfter(switchedAt);
                }
            }
        }
        Instant created = Instant.parse(t.api().get("/api/v1/instances/" + id).body().get("createdAt").asText());
        Instant settledTo = Instant.parse(bills.get(bills.size() - 1).get("periodEnd").asText());
        assertThat(payAsYouGoSeconds).isEqualTo(switchedAt.getEpochSecond() - created.getEpochSecond());
        assertThat(serverlessSeconds).isEqualTo(settledTo.getEpochSecond() - switchedAt.getEpochSecond());
    }
}
