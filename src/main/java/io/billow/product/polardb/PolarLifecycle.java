package io.billow.product.polardb;

import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.api.rpc.RpcTerms;
import io.billow.catalog.BillingMethod;
import io.billow.change.InstanceChanges;
import io.billow.clock.BillowClock;
import io.billow.instance.InstanceStore;
import io.billow.subscription.PayTypeChanges;
import io.billow.subscription.Terms;
import org.jdbi.v3.core.Handle;

/**
 * DeleteDBCluster (a pay-as-you-go cluster: billing stops at this second) and
 * TransformDBClusterPayType both ways: Postpaid → Prepaid buys the term now, Prepaid → Postpaid
 * refunds the cash still unused (alibaba-apis.md §5.1). A subscription cluster is not deleted
 * outright: it becomes pay-as-you-go first, or its whole refund is asked of the operator.
 */
final class PolarLifecycle {

    private final InstanceChanges changes;
    private final PayTypeChanges payTypes;
    private final PolarClusters clusters;
    private final BillowClock clock;
    private final ClientTokens<Handle> tokens;

    PolarLifecycle(InstanceChanges changes, PayTypeChanges payTypes, PolarClusters clusters, BillowClock clock, ClientTokens<Handle> tokens) {
        this.changes = changes;
        this.payTypes = payTypes;
        this.clusters = clusters;
        this.clock = clock;
        this.tokens = tokens;
    }

    RpcResult delete(RpcCall call) {
        String id = call.parameters().required("DBClusterId");
        return call.idempotent(tokens, h -> {
            PolarClusters.Seen s = clusters.require(h, call.accountId(), id);
            if (s.instance().method() == BillingMethod.SUBSCRIPTION) {
                throw new RpcFailure(RpcError.of("OperationDenied.PayType", 403, "The cluster " + id + " is Prepaid: transform it to Postpaid"
                        + " first (TransformDBClusterPayType, which refunds the unused term), or ask for a whole-cluster refund"
                        + " (POST /api/v1/instances/" + id + "/refund-requests)."));
            }
            changes.release(call.accountId(), id);
            return RpcResult.newObject();
        });
    }

    RpcResult transformPayType(RpcCall call) {
        RpcParameters p = call.parameters();
        String id = p.required("DBClusterId");
        String region = clusters.region(p.required("RegionId"));
        String payType = p.required("PayType");
        Integer months = switch (payType) {
            case "Prepaid" -> RpcTerms.months(p);
            case "Postpaid" -> null;
            default -> throw new RpcFailure(RpcError.invalidParameter("PayType", "It must be Postpaid or Prepaid."));
        };
        return call.idempotent(tokens, h -> {
            PolarClusters.Seen s = clusters.require(h, call.accountId(), id);
            if (!s.instance().region().equals(region)) {
                throw InstanceStore.notFound(id);
            }
            PayTypeChanges.Switched done = months == null ? payTypes.toPayAsYouGo(h, call.accountId(), id, clock.now())
                    : payTypes.toSubscription(h, call.accountId(), id, months, clock.now());
            var out = RpcResult.newObject().put("DBClusterId", id).put("OrderId", done.order().id()).put("ChargeType", payType)
                    .put("ExpiredTime", done.instance().attributes().path(Terms.EXPIRES_AT).asText(""));
            if (months == null) {
                // Billow's: the SDK ignores it, a reader sees what came back.
                out.put("RefundAmount", done.order().cashPaid().negate().toPlainString()).put("Currency", done.order().currency());
            }
            return out;
        });
    }
}
