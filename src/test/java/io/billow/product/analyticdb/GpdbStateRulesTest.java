package io.billow.product.analyticdb;

import com.aliyun.gpdb20160503.models.DeleteDBInstanceRequest;
import com.aliyun.gpdb20160503.models.PauseInstanceRequest;
import com.aliyun.gpdb20160503.models.ResumeInstanceRequest;
import com.aliyun.gpdb20160503.models.UpgradeDBInstanceRequest;
import com.aliyun.tea.TeaException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Pause needs Running, resume needs Paused, an upgrade needs Running, and nothing goes through while
 * an operation is in flight; while Paused only a resume or a release does. Every refusal is
 * IncorrectDBInstanceState with HTTP 400, and leaves the instance's state and timeline as they were.
 */
class GpdbStateRulesTest {

    private static final Instant START = Instant.parse("2026-07-01T08:00:00Z");

    @RegisterExtension
    static final GpdbServer SERVER = new GpdbServer(START);

    @Test
    void everyWrongStateIsRefusedAndChangesNothing() throws Exception {
        GpdbServer.Tenant t = SERVER.newTenant("1000");
        String x = GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2));
        String y = GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2));
        String z = GpdbServer.create(t, GpdbServer.elastic("Basic", "4C16G", 2));

        refusedInState(t, x, "Running", () -> resume(t, x));
        pause(t, x);
        pause(t, z);
        t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(y).setSegNodeNum("4"));
        refusedInState(t, x, "Pausing", () -> pause(t, x));
        refusedInState(t, x, "Pausing", () -> resume(t, x));
        refusedInState(t, x, "Pausing", () -> t.gpdb().deleteDBInstance(new DeleteDBInstanceRequest().setDBInstanceId(x)));
        refusedInState(t, y, "DBInstanceClassChanging", () -> pause(t, y));
        refusedInState(t, y, "DBInstanceClassChanging", () -> resume(t, y));

        SERVER.clockTo(START.plusSeconds(600));
        refusedInState(t, x, "Paused", () -> pause(t, x));
        refusedInState(t, x, "Paused", () -> t.gpdb().upgradeDBInstance(new UpgradeDBInstanceRequest().setDBInstanceId(x).setSegNodeNum("4")));
        assertThat(GpdbServer.attribute(t, y).getSegNodeNum()).isEqualTo(4);

        // While Paused a release is allowed, and the instance is gone from then on.
        t.gpdb().deleteDBInstance(new DeleteDBInstanceRequest().setDBInstanceId(z));
        TeaException gone = refused(() -> GpdbServer.attribute(t, z));
        assertThat(gone.getCode()).isEqualTo("InvalidDBInstanceId.NotFound");
        assertThat(gone.getStatusCode()).isEqualTo(404);

        resume(t, x);
        refusedInState(t, x, "Resuming", () -> pause(t, x));
        refusedInState(t, x, "Resuming", () -> resume(t, x));
        SERVER.clockTo(START.plusSeconds(1200));
        assertThat(GpdbServer.attribute(t, x).getDBInstanceStatus()).isEqualTo("Running");
    }

    private static void refusedInState(GpdbServer.Tenant t, String id, String state, Callable<?> call) throws Exception {
        assertThat(GpdbServer.attribute(t, id).getDBInstanceStatus()).isEqualTo(state);
        JsonNode before = GpdbServer.timeline(t, id);
        TeaException e = refused(call);
        assertThat(e.getCode()).as(e.getMessage()).isEqualTo("IncorrectDBInstanceState");
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains(id).contains(stateOfSeed(state));
        assertThat(GpdbServer.attribute(t, id).getDBInstanceStatus()).isEqualTo(state);
        assertThat(GpdbServer.timeline(t, id)).isEqualTo(before);
    }

    /** The engine's message names the seed's state; the GPDB API reports the real API's name. */
    private static String stateOfSeed(String apiState) {
        return switch (apiState) {
            case "Resuming" -> "Starting";
            case "DBInstanceClassChanging" -> "Scaling";
            default -> apiState;
        };
    }

    static TeaException refused(Callable<?> call) {
        TeaException e = catchThrowableOfType(TeaException.class, call::call);
        assertThat(e).as("the call was refused").isNotNull();
        return e;
    }

    private static Object pause(GpdbServer.Tenant t, String id) throws Exception {
        return t.gpdb().pauseInstance(new PauseInstanceRequest().setDBInstanceId(id)).getBody();
    }

    private static Object resume(GpdbServer.Tenant t, String id) throws Exception {
        return t.gpdb().resumeInstance(new ResumeInstanceRequest().setDBInstanceId(id)).getBody();
    }
}
