package io.billow.product.analyticdb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.change.InstanceChanges;
import io.billow.instance.Instance;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * DeleteDBInstance, PauseInstance, ResumeInstance and UpgradeDBInstance. The engine holds the
 * state rules (pause needs Running, resume needs Paused, an upgrade needs Running, nothing while an
 * operation is in flight) and refuses with IncorrectDBInstanceState; so while Paused only a resume
 * or a release gets through. This class checks what is particular to the GPDB API first, on an
 * instance the caller can see, so another tenant's id is refused as not found before anything else.
 */
final class GpdbLifecycle {

    /** UpgradeDBInstance's UpgradeType: 0 changes the node count, 1 the node spec and storage. */
    private static final long NODE_COUNT = 0;
    private static final long NODE_SPEC = 1;

    private final InstanceChanges changes;
    private final GpdbInstances instances;
    private final ClientTokens<Handle> tokens;

    GpdbLifecycle(InstanceChanges changes, GpdbInstances instances, ClientTokens<Handle> tokens) {
        this.changes = changes;
        this.instances = instances;
        this.tokens = tokens;
    }

    /** Billing stops at this second; a retry under the same ClientToken answers the same, not "not found". */
    RpcResult delete(RpcCall call) {
        String id = call.parameters().required("DBInstanceId");
        return call.idempotent(tokens, h -> {
            instances.require(h, call.accountId(), id);
            changes.release(call.accountId(), id);
            return RpcResult.newObject();
        });
    }

    RpcResult pause(RpcCall call) {
        Instance i = payAsYouGo(call, "pause");
        changes.pause(call.accountId(), i.id());
        return switched(i.id());
    }

    RpcResult resume(RpcCall call) {
        Instance i = payAsYouGo(call, "resume");
        changes.resume(call.accountId(), i.id());
        return switched(i.id());
    }

    /** A node-count or node-spec change of a pay-as-you-go instance: billed at the old spec until it completes. */
    RpcResult upgrade(RpcCall call) {
        RpcParameters p = call.parameters();
        GpdbInstances.Seen s = instances.require(call.accountId(), p.required("DBInstanceId"));
        Instance i = s.instance();
        long type = p.optionalLong("UpgradeType").orElse(NODE_COUNT);
        Optional<Integer> nodes = p.optionalInt("SegNodeNum");
        Optional<String> spec = p.optional("InstanceSpec");
        Optional<Integer> storage = p.optionalInt("StorageSize");
        if (type == NODE_COUNT) {
            if (nodes.isEmpty()) {
                throw new RpcFailure(RpcError.missingParameter("SegNodeNum"));
            }
            unchanged("InstanceSpec", spec, i.instanceClass(), type);
            unchanged("StorageSize", storage, i.storageGb(), type);
            changes.modifySpec(call.accountId(), i.id(), null, null, nodes.get());
        } else if (type == NODE_SPEC) {
            if (spec.isEmpty() && storage.isEmpty()) {
                throw new RpcFailure(RpcError.missingParameter("InstanceSpec"));
            }
            unchanged("SegNodeNum", nodes, Math.toIntExact(s.nodes()), type);
            spec.ifPresent(target -> sameCategory(i, target));
            changes.modifySpec(call.accountId(), i.id(), spec.orElse(i.instanceClass()), storage.orElse(null));
        } else {
            throw new RpcFailure(RpcError.invalidParameter("UpgradeType", "This Billow server changes the node count (0) and the node"
                    + " spec and storage (1), not " + type + "."));
        }
        return RpcResult.of(RpcResult.newObject().put("DBInstanceId", i.id()).put("OrderId", ""));
    }

    /** Pause and resume are for pay-as-you-go instances only (elastic storage or serverless), as the real API documents. */
    private Instance payAsYouGo(RpcCall call, String what) {
        Instance i = instances.require(call.accountId(), call.parameters().required("DBInstanceId")).instance();
        if (i.method() == BillingMethod.SUBSCRIPTION) {
            throw new RpcFailure(RpcError.of("OperationDenied", 403, "Only pay-as-you-go (Postpaid) instances can " + what + "; "
                    + i.id() + " is Prepaid."));
        }
        return i;
    }

    /** Basic and High-availability specs differ in their node steps, so a spec change stays within its category. */
    private void sameCategory(Instance i, String target) {
        String category = i.attributes().path(GpdbView.CATEGORY).asText("");
        if (instances.instanceClass(target).isPresent() && !GpdbCreate.category(target).equals(category)) {
            throw new RpcFailure(RpcError.invalidParameter("InstanceSpec", target + " is not a " + category + " spec."));
        }
    }

    private static <T> void unchanged(String name, Optional<T> asked, T current, long type) {
        if (asked.isPresent() && !asked.get().equals(current)) {
            throw new RpcFailure(RpcError.invalidParameter(name, "UpgradeType " + type + " cannot change it: leave it out or send the"
                    + " current value " + current + "."));
        }
    }

    private static RpcResult switched(String id) {
        ObjectNode out = RpcResult.newObject().put("DBInstanceId", id).put("Status", true);
        return RpcResult.of(out);
    }
}
