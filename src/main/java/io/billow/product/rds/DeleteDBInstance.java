package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcResult;
import io.billow.change.InstanceChanges;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.ProblemException;
import org.jdbi.v3.core.Handle;

/**
 * DeleteDBInstance: billing stops at this second. Releasing a read-only instance takes it off
 * its primary, which may then switch to serverless again.
 */
final class DeleteDBInstance implements RpcAction {

    private final InstanceChanges changes;
    private final ClientTokens<Handle> tokens;

    DeleteDBInstance(InstanceChanges changes, ClientTokens<Handle> tokens) {
        this.changes = changes;
        this.tokens = tokens;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        String id = call.parameters().required("DBInstanceId");
        return call.idempotent(tokens, h -> {
            Instance i = InstanceStore.get(h, call.accountId(), id);
            if (!i.isReleased() && i.product().equals(RdsActions.PRODUCT) && RdsNetwork.deletionProtected(i.attributes())) {
                throw new ProblemException("OperationDenied.DeletionProtection", "Instance " + id + " has deletion protection on: "
                        + "turn it off before deleting the instance.");
            }
            Instance released = changes.release(call.accountId(), id);
            if (InstanceView.isReadOnly(released) && released.attributes().hasNonNull(InstanceView.MASTER_ID)) {
                detach(h, released.attributes().get(InstanceView.MASTER_ID).asText(), id);
            }
            return RpcResult.newObject();
        });
    }

    private void detach(Handle h, String primaryId, String readOnlyId) {
        Instance primary = InstanceStore.lock(h, null, primaryId);
        ArrayNode kept = RpcResult.newObject().putArray(InstanceView.READ_ONLY_IDS);
        primary.attributes().path(InstanceView.READ_ONLY_IDS).forEach(n -> {
            if (!n.asText().equals(readOnlyId)) {
                kept.add(n.asText());
            }
        });
        ObjectNode patch = RpcResult.newObject().put(RdsAttributes.READ_ONLY_INSTANCES,
                Math.max(0, primary.attributes().path(RdsAttributes.READ_ONLY_INSTANCES).asInt(0) - 1));
        patch.set(InstanceView.READ_ONLY_IDS, kept);
        changes.setAttributes(primaryId, patch);
    }
}
