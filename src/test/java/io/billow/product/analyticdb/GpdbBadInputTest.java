package io.billow.product.analyticdb;

import com.aliyun.gpdb20160503.models.DeleteDBInstanceRequest;
import com.aliyun.gpdb20160503.models.DescribeDBInstanceAttributeRequest;
import com.aliyun.gpdb20160503.models.DescribeDBInstancesRequest;
import com.aliyun.gpdb20160503.models.PauseInstanceRequest;
import com.aliyun.gpdb20160503.models.ResumeInstanceRequest;
import com.aliyun.gpdb20160503.models.UpgradeDBInstanceRequest;
import com.aliyun.tea.TeaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.concurrent.Callable;

import static io.billow.product.analyticdb.GpdbStateRulesTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input through the official SDK: each refusal has its code and status, and writes nothing. */
class GpdbBadInputTest {

    @RegisterExtension
    static final GpdbServer SERVER = new GpdbServer(Instant.parse("2026-08-01T08:00:00Z"));

    @Test
    void createsOutsideTheSpecsBoundsAreRefusedAndBuyNothing() throws Exception {
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        assertRefused(t, "InvalidSegNodeNum", 400, () -> GpdbServer.create(t, GpdbServer.elastic("HighAvailability", "4C32G", 6)));
        assertRefused(t, "InvalidSegNodeNum", 400, () -> GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 514)));
        assertRefused(t, "InvalidDBInstanceStorage", 400, () -> GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2).setStorageSize(75L)));
        assertRefused(t, "InvalidDBInstanceStorage", 400, () -> GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2).setStorageSize(6050L)));
        assertRefused(t, "InvalidDBInstanceClass.NotFound", 404, () -> GpdbServer.create(t, GpdbServer.elastic("Basic", "3C12G", 2)));
        assertRefused(t, "InvalidParameter", 400, () -> GpdbServer.create(t, GpdbServer.elastic("Basic", "4C32G", 4)));
        assertRefused(t, "InvalidParameter", 400, () -> GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2).setPayType("Monthly")));
        assertRefused(t, "InvalidParameter", 400, () -> GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2).setEngine("mysql")));
        assertRefused(t, "MissingParameter", 400, () -> GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2).setSegNodeNum(null)));
        assertRefused(t, "InvalidRegionId.NotFound", 404, () -> GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2)
                .setRegionId("eu-central-1").setZoneId("eu-central-1a")));
    }

    @Test
    void anotherTenantsInstanceLooksExactlyLikeAMissingOne() throws Exception {
        GpdbServer.Tenant owner = SERVER.newTenant("1000");
        GpdbServer.Tenant other = SERVER.newTenant("1000");
        String id = GpdbServer.create(owner, GpdbServer.elastic("Basic", "4C16G", 2));
        String missing = "gp-bp1aaaaaaaaaaaaaaaaa";
        for (String target : new String[] {id, missing}) {
            TeaException seen = refused(() -> other.gpdb().describeDBInstanceAttribute(new DescribeDBInstanceAttributeRequest().setDBInstanceId(target)));
            assertThat(seen.getCode()).isEqualTo("InvalidDBInstanceId.NotFound");
            assertThat(seen.getStatusCode()).isEqualTo(404);
            assertThat(seen.getMessage()).contains("The specified instance " + target + " is not found.");
            for (Callable<?> call : new Callable<?>[] {
                () -> other.gpdb().pauseInstance(new PauseInstanceRequest().setDBInstanceId(target)),
                () -> other.gpdb().resumeInstance(new ResumeInstanceRequest().setDBInstanceId(target)),
                () -> other.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(target).setSegNodeNum("4")),
                () -> other.gpdb().deleteDBInstance(new DeleteDBInstanceRequest().setDBInstanceId(target))}) {
                TeaException e = refused(call);
                assertThat(e.getCode()).isEqualTo("InvalidDBInstanceId.NotFound");
                assertThat(e.getStatusCode()).isEqualTo(404);
            }
        }
        assertThat(other.gpdb().describeDBInstances(new DescribeDBInstancesRequest().setRegionId("cn-hangzhou")).getBody()
                .getTotalRecordCount()).isZero();
        assertThat(GpdbServer.attribute(owner, id).getDBInstanceStatus()).isEqualTo("Running");
        assertThat(GpdbServer.timeline(owner, id)).hasSize(1);
    }

    @Test
    void upgradesOffTheSpecsBoundsAreRefusedAndChangeNothing() throws Exception {
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        String id = GpdbServer.create(t, GpdbServer.elastic("HighAvailability", "4C32G", 4));
        Callable<?>[] bad = {
            () -> t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(id).setUpgradeType(0L).setSegNodeNum("6")),
            () -> t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(id).setUpgradeType(1L).setStorageSize("75")),
            () -> t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(id).setUpgradeType(1L).setInstanceSpec("9C9G")),
            () -> t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(id).setUpgradeType(1L).setInstanceSpec("4C16G")),
            () -> t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(id).setUpgradeType(3L))};
        String[] codes = {"InvalidSegNodeNum", "InvalidDBInstanceStorage", "InvalidDBInstanceClass.NotFound", "InvalidParameter",
            "InvalidParameter"};
        for (int n = 0; n < bad.length; n++) {
            TeaException e = refused(bad[n]);
            assertThat(e.getCode()).as(e.getMessage()).isEqualTo(codes[n]);
            assertThat(e.getStatusCode()).isEqualTo(codes[n].endsWith(".NotFound") ? 404 : 400);
        }
        assertThat(GpdbServer.attribute(t, id).getDBInstanceStatus()).isEqualTo("Running");
        assertThat(GpdbServer.timeline(t, id)).hasSize(1);
    }

    private static void assertRefused(GpdbServer.Tenant t, String code, int status, Callable<?> call) {
        TeaException e = refused(call);
        assertThat(e.getCode()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getStatusCode()).isEqualTo(status);
        assertThat(t.api().get("/api/v1/instances").body().get("instances")).as("nothing was created").isEmpty();
        assertThat(t.api().get("/api/v1/orders").body().get("orders")).as("nothing was ordered").isEmpty();
    }
}
