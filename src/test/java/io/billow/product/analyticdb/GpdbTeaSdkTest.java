package io.billow.product.analyticdb;

import com.aliyun.gpdb20160503.models.CreateDBInstanceResponseBody;
import com.aliyun.gpdb20160503.models.DeleteDBInstanceRequest;
import com.aliyun.gpdb20160503.models.DescribeDBInstancesRequest;
import com.aliyun.gpdb20160503.models.DescribeDBInstancesResponseBody;
import com.aliyun.gpdb20160503.models.PauseInstanceRequest;
import com.aliyun.gpdb20160503.models.UpgradeDBInstanceRequest;
import com.aliyun.gpdb20160503.models.UpgradeDBInstanceResponseBody;
import com.aliyun.tea.TeaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.billow.product.analyticdb.GpdbStateRulesTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** Every GPDB answer read by the SDK's own response models, and ClientToken and Prepaid as the real API has them. */
class GpdbTeaSdkTest {

    @RegisterExtension
    static final GpdbServer SERVER = new GpdbServer(Instant.parse("2026-09-01T08:00:00Z"));

    @Test
    void theSdksModelsReadEveryAnswer() throws Exception {
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        CreateDBInstanceResponseBody created = t.gpdb().createDBInstance(GpdbServer.elastic("HighAvailability", "4C32G", 8)
                .setDBInstanceDescription("warehouse")).getBody();
        assertThat(created.getRequestId()).isNotBlank();
        assertThat(created.getOrderId()).isNotBlank();
        String id = created.getDBInstanceId();
        assertThat(id).startsWith("gp-bp1");

        var a = GpdbServer.attribute(t, id);
        assertThat(List.of(a.getDBInstanceStatus(), a.getDBInstanceMode(), a.getDBInstanceCategory(), a.getPayType(), a.getEngine(),
                a.getEngineVersion(), a.getStorageType(), a.getZoneId(), a.getVpcId(), a.getDBInstanceDescription()))
                .containsExactly("Running", "StorageElastic", "HighAvailability", "Postpaid", "gpdb", "6.0", "cloud_essd", "cn-hangzhou-h",
                        "vpc-bp1test", "warehouse");
        assertThat(a.getSegNodeNum()).isEqualTo(8);
        assertThat(a.getStorageSize()).isEqualTo(50L);
        assertThat(a.getCpuCores()).isEqualTo(32);
        assertThat(a.getMemorySize()).isEqualTo(256L);
        assertThat(a.getExpireTime()).isEqualTo("2999-09-08T16:00:00Z");
        assertThat(a.getTags().getTag()).isEmpty();

        DescribeDBInstancesResponseBody listed = t.gpdb().describeDBInstances(new DescribeDBInstancesRequest().setRegionId("cn-hangzhou")
                .setDBInstanceStatuses(List.of("Running", "Paused")).setPageSize(30)).getBody();
        assertThat(listed.getTotalRecordCount()).isEqualTo(1);
        assertThat(listed.getPageRecordCount()).isEqualTo(1);
        var item = listed.getItems().getDBInstance().get(0);
        assertThat(List.of(item.getDBInstanceId(), item.getSegNodeNum(), item.getStorageSize(), item.getPayType(), item.getVSwitchId()))
                .containsExactly(id, "8", "50", "Postpaid", "vsw-bp1test");
        assertThat(t.gpdb().describeDBInstances(new DescribeDBInstancesRequest().setRegionId("cn-hangzhou")
                .setDBInstanceStatuses(List.of("Paused"))).getBody().getItems().getDBInstance()).isEmpty();

        UpgradeDBInstanceResponseBody upgraded = t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(id)
                .setUpgradeType(1L).setStorageSize("100")).getBody();
        assertThat(upgraded.getDBInstanceId()).isEqualTo(id);
        SERVER.clockTo(Instant.parse("2026-09-01T08:05:00Z"));
        assertThat(GpdbServer.attribute(t, id).getStorageSize()).isEqualTo(100L);
        var paused = t.gpdb().pauseInstance(new PauseInstanceRequest().setDBInstanceId(id)).getBody();
        assertThat(paused.getStatus()).isTrue();
        assertThat(paused.getDBInstanceId()).isEqualTo(id);
        SERVER.clockTo(Instant.parse("2026-09-01T08:15:00Z"));
        assertThat(t.gpdb().deleteDBInstance(new DeleteDBInstanceRequest().setDBInstanceId(id)).getBody().getRequestId()).isNotBlank();
    }

    @Test
    void aClientTokenMakesARetryAnswerTheFirstInstance() throws Exception {
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        String first = GpdbServer.create(t, GpdbServer.elastic("Basic", "2C8G", 2).setClientToken("create-1"));
        String again = GpdbServer.create(t, GpdbServer.elastic("Basic", "2C8G", 2).setClientToken("create-1"));
        assertThat(again).isEqualTo(first);
        assertThat(t.api().get("/api/v1/instances").body().get("instances")).hasSize(1);
        TeaException mismatch = refused(() -> GpdbServer.create(t, GpdbServer.elastic("Basic", "2C8G", 4).setClientToken("create-1")));
        assertThat(mismatch.getCode()).isEqualTo("IdempotentParameterMismatch");

        DeleteDBInstanceRequest delete = new DeleteDBInstanceRequest().setDBInstanceId(first).setClientToken("delete-1");
        t.gpdb().deleteDBInstance(delete);
        // The retry is answered as the first call was, not refused as a release of a released instance.
        assertThat(t.gpdb().deleteDBInstance(delete).getBody().getRequestId()).isNotBlank();
        assertThat(refused(() -> t.gpdb().deleteDBInstance(new DeleteDBInstanceRequest().setDBInstanceId(first))).getCode())
                .isEqualTo("InvalidDBInstanceId.NotFound");
    }

    @Test
    void aPrepaidInstanceIsBoughtForItsTermAndCannotPause() throws Exception {
        GpdbServer.Tenant t = SERVER.newTenant("5000");
        Instant now = SERVER.server().clock().now();
        String id = GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2).setPayType("Prepaid").setPeriod("Month").setUsedTime("1"));
        var a = GpdbServer.attribute(t, id);
        assertThat(a.getPayType()).isEqualTo("Prepaid");
        assertThat(a.getExpireTime()).isEqualTo(now.atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toString());
        TeaException e = refused(() -> t.gpdb().pauseInstance(new PauseInstanceRequest().setDBInstanceId(id)));
        assertThat(e.getCode()).isEqualTo("OperationDenied");
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(GpdbServer.attribute(t, id).getDBInstanceStatus()).isEqualTo("Running");
        TeaException broke = refused(() -> SERVER.newTenant("1").gpdb().createDBInstance(GpdbServer.elastic("Basic", "4C16G", 2)
                .setPayType("Prepaid").setPeriod("Month").setUsedTime("1")));
        assertThat(broke.getCode()).isEqualTo("InsufficientBalance");
    }
}
