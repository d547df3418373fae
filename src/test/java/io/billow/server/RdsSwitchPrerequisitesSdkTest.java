package io.billow.server;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.rds.model.v20140815.CreateDBInstanceRequest;
import com.aliyuncs.rds.model.v20140815.CreateReadOnlyDBInstanceRequest;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceSSLRequest;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceSpecRequest;
import com.aliyuncs.rds.model.v20140815.ModifyDBInstanceTDERequest;
import io.billow.order.OrderStatus;
import io.billow.order.OrderStore;
import io.billow.order.OrderType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each prerequisite of domain.md §4, broken the way a user would break it (through an RDS action
 * where one exists, else reported by the operator as a deployment would), refuses the switch
 * with its own code and changes nothing: no order, no event, the same status and pay type.
 */
class RdsSwitchPrerequisitesSdkTest {

    private final TestServer.Tenant tenant = TestServer.newTenant("USD", "1000", "UTC");
    private final Sdk sdk = Sdk.of(tenant);

    private String eligible() throws ClientException {
        RdsFixture.createRoles(sdk);
        return RdsFixture.createInstance(sdk);
    }

    private String eligible(CreateDBInstanceRequest request) throws ClientException {
        RdsFixture.createRoles(sdk);
        return sdk.call(request).getDBInstanceId();
    }

    private void report(String id, String attributes) {
        assertThat(TestServer.operator().patch("/api/v1/instances/" + id + "/attributes", attributes).status()).isEqualTo(200);
    }

    /** Sends the request and checks its code, and that neither orders, events, status nor pay type moved. */
    private void refused(String id, AcsRequest<?> request, String code) throws ClientException {
        long orders = RdsFixture.count("orders", tenant.accountId());
        long events = RdsFixture.count("events", tenant.accountId());
        var before = RdsFixture.describe(sdk, id);

        ClientException error = catchThrowableOfType(ClientException.class, () -> sdk.call(request));

        assertThat(error).as("the switch must be refused").isNotNull();
        assertThat(error.getErrCode()).isEqualTo(code);
        var after = RdsFixture.describe(sdk, id);
        assertThat(after.getDBInstanceStatus()).isEqualTo(before.getDBInstanceStatus());
        assertThat(after.getPayType()).isEqualTo(before.getPayType());
        assertThat(RdsFixture.count("orders", tenant.accountId())).isEqualTo(orders);
        assertThat(RdsFixture.count("events", tenant.accountId())).isEqualTo(events);
    }

    private void refused(String id, String code) throws ClientException {
        refused(id, RdsFixture.toServerless(id, 0.5, 8), code);
    }

    @Test
    void anotherTenantsInstanceIsNotFound() throws Exception {
        String id = eligible();
        Sdk stranger = Sdk.of(TestServer.newTenant("USD", "100", "UTC"));
        long orders = RdsFixture.count("orders", tenant.accountId());

        ClientException error = catchThrowableOfType(ClientException.class, () -> stranger.call(RdsFixture.toServerless(id, 0.5, 8)));

        assertThat(error.getErrCode()).isEqualTo("InvalidDBInstanceId.NotFound");
        assertThat(RdsFixture.describe(sdk, id).getPayType()).isEqualTo("Postpaid");
        assertThat(RdsFixture.count("orders", tenant.accountId())).isEqualTo(orders);
    }

    @Test
    void anInstanceChangingClassIsInTheWrongState() throws Exception {
        String id = eligible();
        ModifyDBInstanceSpecRequest bigger = new ModifyDBInstanceSpecRequest();
        bigger.setDBInstanceId(id);
        bigger.setDBInstanceClass("pg.n4.large.2c");
        sdk.call(bigger);

        refused(id, "IncorrectDBInstanceState");
    }

    @Test
    void postgresql13IsNotSupported() throws Exception {
        CreateDBInstanceRequest old = RdsFixture.create();
        old.setEngineVersion("13.0");
        refused(eligible(old), "EngineNotSupported");
    }

    @Test
    void theClusterEditionHasNoServerlessForm() throws Exception {
        CreateDBInstanceRequest cluster = RdsFixture.create();
        cluster.setDBInstanceClass("pg.n2.medium.2c.cluster");
        refused(eligible(cluster), "InvalidTargetCategory");
    }

    @Test
    void aSubscriptionMustBecomePayAsYouGoFirst() throws Exception {
        CreateDBInstanceRequest prepaid = RdsFixture.create();
        prepaid.setPayType("Prepaid");
        prepaid.setPeriod("Month");
        prepaid.setUsedTime("1");
        refused(eligible(prepaid), "InvalidPayType.NotSupported");
    }

    @Test
    void standardSsdStorageIsNotSupported() throws Exception {
        CreateDBInstanceRequest ssd = RdsFixture.create();
        ssd.setDBInstanceStorageType("cloud_ssd");
        refused(eligible(ssd), "InvalidDBInstanceStorageType");
    }

    @Test
    void aMinorVersionBefore20231030IsNotSupported() throws Exception {
        String id = eligible();
        report(id, "{\"minorVersion\":\"rds_postgres_1600_20230830\"}");
        refused(id, "MinorVersionNotSupport");
    }

    @Test
    void aBabelfishMinorVersionIsNotSupported() throws Exception {
        String id = eligible();
        report(id, "{\"minorVersion\":\"rds_postgres_1600_20240830_babelfish\"}");
        refused(id, "MinorVersionNotSupport");
    }

    @Test
    void aPrimaryWithAReadOnlyInstanceCannotSwitch() throws Exception {
        String id = eligible();
        CreateReadOnlyDBInstanceRequest readOnly = new CreateReadOnlyDBInstanceRequest();
        readOnly.setDBInstanceId(id);
        readOnly.setDBInstanceClass("pg.n2.medium.2c");
        readOnly.setDBInstanceStorage(100);
        readOnly.setPayType("Postpaid");
        readOnly.setZoneId("cn-hangzhou-h");
        readOnly.setEngineVersion("16.0");
        String readOnlyId = sdk.call(readOnly).getDBInstanceId();
        assertThat(RdsFixture.describe(sdk, id).getReadOnlyDBInstanceIds()).extracting(r -> r.getDBInstanceId()).containsExactly(readOnlyId);

        refused(id, "InstanceHasReadOnlyInstanceNotSupportThisOperation");
    }

    @Test
    void theDatabaseProxyMustBeDisabled() throws Exception {
        String id = eligible();
        report(id, "{\"proxyEnabled\":true}");
        refused(id, "MaxscaleNotSupport");
    }

    @Test
    void sslMustBeDisabled() throws Exception {
        String id = eligible();
        ModifyDBInstanceSSLRequest ssl = new ModifyDBInstanceSSLRequest();
        ssl.setDBInstanceId(id);
        ssl.setSSLEnabled(1);
        ssl.setConnectionString(id + ".pg.rds.aliyuncs.com");
        sdk.call(ssl);
        refused(id, "SSLInstanceNotSupportThisOperation");
    }

    @Test
    void encryptionMustBeDisabled() throws Exception {
        String id = eligible();
        ModifyDBInstanceTDERequest tde = new ModifyDBInstanceTDERequest();
        tde.setDBInstanceId(id);
        tde.setTDEStatus("Enabled");
        sdk.call(tde);
        refused(id, "BYOKInstanceNotSupportThisOperation");
    }

    @Test
    void pgBouncerMustBeDisabled() throws Exception {
        String id = eligible();
        report(id, "{\"pgBouncerEnabled\":true}");
        refused(id, "PgBouncerNotSupportThisOperation");
    }

    @Test
    void bothServiceLinkedRolesMustExist() throws Exception {
        String id = RdsFixture.createInstance(sdk);
        sdk.common(RdsFixture.RAM, "CreateServiceLinkedRole", Map.of("ServiceName", "pgsql-onecs.rds.aliyuncs.com"));
        refused(id, "ServiceLinkedRole.NotExist");
    }

    @Test
    void maxCapacityBelowTheCurrentCoresIsRefused() throws Exception {
        String id = eligible();
        refused(id, RdsFixture.toServerless(id, 0.5, 1), "InvalidRCUValue");
    }

    @Test
    void aCapacityOffTheHalfStepIsRefused() throws Exception {
        String id = eligible();
        refused(id, RdsFixture.toServerless(id, 0.5, 8.3), "InvalidRCUValue");
    }

    @Test
    void theBasicServerlessClassDoesNotFitAHighAvailabilityInstance() throws Exception {
        String id = eligible();
        ModifyDBInstanceSpecRequest request = RdsFixture.toServerless(id, 0.5, 8);
        request.setDBInstanceClass("pg.n2.serverless.1c");
        refused(id, request, "IncorrectTargetClasscode");
    }

    @Test
    void anUnpaidOrderBlocksTheSwitch() throws Exception {
        String id = eligible();
        // No RDS action leaves an order unpaid; the operator's billing system would.
        TestServer.get().jdbi().useHandle(h -> OrderStore.insert(h, tenant.accountId(), id, OrderType.RENEW, OrderStatus.CREATED, "USD",
                BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "an unpaid renewal", io.billow.event.EventLog.payload(),
                RdsFixture.now()));
        refused(id, "OperationDenied.OrderUnPaid");
    }

    @Test
    void aZoneWithoutServerlessCapacityRefusesTheSwitch() throws Exception {
        TestServer.operator().put("/api/v1/provisioner", "{\"capacity\":[{\"product\":\"rds-postgresql\",\"zoneId\":\"cn-hangzhou-j\","
                + "\"billingMethod\":\"Serverless\",\"instances\":0}]}");
        CreateDBInstanceRequest inFullZone = RdsFixture.create();
        inFullZone.setZoneId("cn-hangzhou-j");
        refused(eligible(inFullZone), "InsufficientResourceCapacity");
    }

    @Test
    void severalBrokenRulesAnswerTheFirstInTableOrder() throws Exception {
        String id = eligible();
        report(id, "{\"pgBouncerEnabled\":true,\"proxyEnabled\":true}");
        refused(id, RdsFixture.toServerless(id, 0.5, 1), "MaxscaleNotSupport");
    }

    @Test
    void storageCannotChangeDuringTheSwitch() throws Exception {
        String id = eligible();
        ModifyDBInstanceSpecRequest request = RdsFixture.toServerless(id, 0.5, 8);
        request.setDBInstanceStorage(200);
        refused(id, request, "InvalidParameter");
        request.setDBInstanceStorage(100);
        assertThat(sdk.call(request).getOrderId()).isPositive();
    }
}
