package io.billow.server;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.rds.model.v20140815.DescribeDBInstanceAttributeResponse;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceSpecRequest;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceSpecResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    @Test
    void aSecondSwitchWithin24HoursOfTheFirstCompletingIsRefusedAndAllowedAtThe24thHour() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        Sdk sdk = Sdk.of(t);
        String id = RdsFixture.createInstance(sdk);
        RdsFixture.createRoles(sdk);
        sdk.call(RdsFixture.toServerless(id, 0.5, 8));
        RdsFixture.advance(60);
        Instant completed = RdsFixture.now();
        assertThat(RdsFixture.describe(sdk, id).getPayType()).isEqualTo("Serverless");

        RdsFixture.advance(86_399);
        ClientException early = catchThrowableOfType(ClientException.class, () -> sdk.call(backToPayAsYouGo(id)));
        assertThat(early.getErrCode()).isEqualTo("OperationDenied.DurationLimit");
        assertThat(RdsFixture.describe(sdk, id).getPayType()).isEqualTo("Serverless");

        RdsFixture.advance(1);
        assertThat(RdsFixture.now()).isEqualTo(completed.plusSeconds(86_400));
        assertThat(sdk.call(backToPayAsYouGo(id)).getOrderId()).isPositive();
        RdsFixture.advance(60);
        assertThat(RdsFixture.describe(sdk, id).getPayType()).isEqualTo("Postpaid");
        assertThat(RdsFixture.describe(sdk, id).getDBInstanceClass()).isEqualTo("pg.n2.medium.2c");
    }

    @Test
    void aServerlessInstanceAskedForServerlessAgainGetsItsNewRangeAtOnce() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        Sdk sdk = Sdk.of(t);
        String id = RdsFixture.createInstance(sdk);
        RdsFixture.createRoles(sdk);
        sdk.call(RdsFixture.toServerless(id, 0.5, 8));
        RdsFixture.advance(60);
        long orders = RdsFixture.count("orders", t.accountId());

        ModifyDBInstanceSpecRequest wider = RdsFixture.toServerless(id, 2, 12);
        wider.setPayType(null);
        wider.setDirection("Serverless");
        sdk.call(wider);

        DescribeDBInstanceAttributeResponse.DBInstanceAttribute after = RdsFixture.describe(sdk, id);
        assertThat(after.getServerlessConfig().getScaleMin()).isEqualTo(2.0);
        assertThat(after.getServerlessConfig().getScaleMax()).isEqualTo(12.0);
        assertThat(after.getDBInstanceStatus()).isEqualTo("Running");
        assertThat(RdsFixture.count("orders", t.accountId())).isEqualTo(orders);
    }

    @Test
    void theSameClientTokenAnswersTheSameOrderAndWithOtherParametersIsAMismatch() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        Sdk sdk = Sdk.of(t);
        String id = RdsFixture.createInstance(sdk);
        RdsFixture.createRoles(sdk);
        ModifyDBInstanceSpecRequest request = RdsFixture.toServerless(id, 0.5, 8);
        // The RDS SDK's ModifyDBInstanceSpecRequest has no ClientToken setter (domain.md §4).
        request.putQueryParameter("ClientToken", "switch-" + id);

        long first = sdk.call(request).getOrderId();
        long again = sdk.call(request).getOrderId();
        ModifyDBInstanceSpecRequest other = RdsFixture.toServerless(id, 0.5, 12);
        other.putQueryParameter("ClientToken", "switch-" + id);
        ClientException mismatch = catchThrowableOfType(ClientException.class, () -> sdk.call(other));

        assertThat(again).isEqualTo(first);
        assertThat(mismatch.getErrCode()).isEqualTo("IdempotentParameterMismatch");
        assertThat(t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders"))
                .filteredOn(o -> o.get("type").asText().equals("CONVERT")).hasSize(1);
    }

    @Test
    void of32ConcurrentSwitchesExactlyOneIsAccepted() throws Exception {
        TestServer.Tenant t = TestServer.newTenant("USD", "1000", "UTC");
        Sdk sdk = Sdk.of(t);
        String id = RdsFixture.createInstance(sdk);
        RdsFixture.createRoles(sdk);
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int n = 0; n < callers; n++) {
            Sdk own = Sdk.of(t);
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    return "accepted " + own.call(RdsFixture.toServerless(id, 0.5, 8)).getOrderId();
                } catch (ClientException refused) {
                    return refused.getErrCode();
                }
            }));
        }
        start.countDown();
        List<String> answers = new ArrayList<>();
        for (Future<String> f : outcomes) {
            answers.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(answers).filteredOn(a -> a.startsWith("accepted")).hasSize(1);
        assertThat(answers).filteredOn(a -> !a.startsWith("accepted")).hasSize(callers - 1).containsOnly("IncorrectDBInstanceState");
        assertThat(t.api().get("/api/v1/orders?instanceId=" + id).body().get("orders"))
                .filteredOn(o -> o.get("type").asText().equals("CONVERT")).hasSize(1);
    }

    private static ModifyDBInstanceSpecRequest backToPayAsYouGo(String id) {
        ModifyDBInstanceSpecRequest r = new ModifyDBInstanceSpecRequest();
        r.setDBInstanceId(id);
        r.setPayType("Postpaid");
        r.setDBInstanceClass("pg.n2.medium.2c");
        return r;
    }
}
