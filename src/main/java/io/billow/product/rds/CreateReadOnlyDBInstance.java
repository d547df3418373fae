package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.eligibility.CreateInstance;
import io.billow.change.InstanceChanges;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import io.billow.problem.ProblemException;
import org.jdbi.v3.core.Handle;

/**
 * CreateReadOnlyDBInstance, minimal: a pay-as-you-go instance of the requested class, billed as
 * any instance of it (the catalog has no read-only classes of its own), recorded as a read-only
 * instance of its primary; the primary counts it, which blocks its serverless switch
 * ({@code InstanceHasReadOnlyInstanceNotSupportThisOperation}) until it is deleted.
 */
final class CreateReadOnlyDBInstance implements RpcAction {

    private final Catalog catalog;
    private final InstanceChanges changes;
    private final ClientTokens<Handle> tokens;

    CreateReadOnlyDBInstance(Catalog catalog, InstanceChanges changes, ClientTokens<Handle> tokens) {
        this.catalog = catalog;
        this.changes = changes;
        this.tokens = tokens;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        RpcParameters p = call.parameters();
        String primaryId = p.required("DBInstanceId");
        String instanceClass = p.required("DBInstanceClass");
        BillingMethod method = RdsPayTypes.parse("PayType", p.optional("PayType").orElse("Postpaid"));
        if (method != BillingMethod.PAY_AS_YOU_GO) {
            throw new RpcFailure(RpcError.of("InvalidPayType.NotSupported", 400,
                    "This Billow server creates pay-as-you-go (Postpaid) read-only instances only."));
        }
        String edition = catalog.product(RdsActions.PRODUCT).flatMap(pr -> pr.instanceClass(instanceClass)).flatMap(c -> c.edition())
                .orElseThrow(() -> new ProblemException("InvalidDBInstanceClass.NotFound", "unknown instance class '" + instanceClass + "'"));
        return call.idempotent(tokens, h -> {
            Instance primary = InstanceStore.lock(h, call.accountId(), primaryId);
            if (primary.isReleased() || !primary.product().equals(RdsActions.PRODUCT)) {
                throw InstanceStore.notFound(primaryId);
            }
            if (InstanceView.isReadOnly(primary)) {
                throw new ProblemException("InvalidDBInstanceId.NotSupported", "a read-only instance cannot have read-only instances");
            }
            InstanceChanges.Created created = changes.create(call.accountId(), new CreateInstance(RdsActions.PRODUCT, primary.region(),
                    p.optional("ZoneId").orElse(primary.zoneId()), edition, instanceClass, method.name(),
                    p.optionalInt("DBInstanceStorage").orElse(primary.storageGb()),
                    p.optional("DBInstanceStorageType").orElse(primary.storageType()), null, null, null,
                    primary.attributes().path(RdsAttributes.ENGINE_VERSION).asText(null)));
            Instance readOnly = created.instance();
            changes.setAttributes(readOnly.id(), RpcResult.newObject().put(RdsAttributes.ROLE, "ReadOnly")
                    .put(InstanceView.MASTER_ID, primaryId));
            ObjectNode patch = RpcResult.newObject().put(RdsAttributes.READ_ONLY_INSTANCES,
                    primary.attributes().path(RdsAttributes.READ_ONLY_INSTANCES).asInt(0) + 1);
            ArrayNode ids = patch.putArray(InstanceView.READ_ONLY_IDS);
            primary.attributes().path(InstanceView.READ_ONLY_IDS).forEach(ids::add);
            ids.add(readOnly.id());
            changes.setAttributes(primaryId, patch);
            return RpcResult.newObject().put("DBInstanceId", readOnly.id()).put("OrderId", created.order().id())
                    .put("ConnectionString", InstanceView.connectionString(readOnly)).put("Port", "5432");
        });
    }
}
