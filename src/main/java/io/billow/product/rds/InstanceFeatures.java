package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcResult;
import io.billow.change.InstanceChanges;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import org.jdbi.v3.core.Jdbi;

/**
 * The features that block a serverless switch and that the RDS API turns on and off:
 * SSL (ModifyDBInstanceSSL) and encryption (ModifyDBInstanceTDE).
 */
final class InstanceFeatures {

    private final Jdbi jdbi;
    private final InstanceChanges changes;

    InstanceFeatures(Jdbi jdbi, InstanceChanges changes) {
        this.jdbi = jdbi;
        this.changes = changes;
    }

    /** SSLEnabled 1 turns SSL on, 0 off. */
    RpcResult modifySsl(RpcCall call) {
        String enabled = call.parameters().required("SSLEnabled");
        if (!enabled.equals("0") && !enabled.equals("1")) {
            throw new RpcFailure(RpcError.invalidParameter("SSLEnabled", "It must be 0 (disable) or 1 (enable)."));
        }
        return set(call, RpcResult.newObject().put(RdsAttributes.SSL, enabled.equals("1")));
    }

    /** TDEStatus Enabled. Encryption, once on, cannot be turned off on RDS PostgreSQL: Disabled is refused. */
    RpcResult modifyTde(RpcCall call) {
        String status = call.parameters().required("TDEStatus");
        if (!status.equals("Enabled")) {
            throw new RpcFailure(RpcError.invalidParameter("TDEStatus", "Only Enabled is accepted: encryption cannot be turned off."));
        }
        return set(call, RpcResult.newObject().put(RdsAttributes.DISK_ENCRYPTION, true));
    }

    private RpcResult set(RpcCall call, ObjectNode patch) {
        String id = call.parameters().required("DBInstanceId");
        jdbi.useTransaction(h -> {
            Instance i = InstanceStore.lock(h, call.accountId(), id);
            if (i.isReleased() || !i.product().equals(RdsActions.PRODUCT)) {
                throw InstanceStore.notFound(id);
            }
            changes.setAttributes(id, patch);
        });
        return RpcResult.empty();
    }
}
