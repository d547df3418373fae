package io.billow.product.rds;

import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.change.SubscriptionToPayAsYouGo;
import org.jdbi.v3.core.Handle;

/**
 * TransformDBInstancePayType to Postpaid: a subscription becomes pay-as-you-go with the unused
 * term refunded on the cash paid, the step before a serverless switch. The other direction
 * (buying a term for a pay-as-you-go instance) is not offered yet and is refused as such.
 */
final class TransformDBInstancePayType implements RpcAction {

    private final SubscriptionToPayAsYouGo payTypes;
    private final ClientTokens<Handle> tokens;

    TransformDBInstancePayType(SubscriptionToPayAsYouGo payTypes, ClientTokens<Handle> tokens) {
        this.payTypes = payTypes;
        this.tokens = tokens;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        String id = call.parameters().required("DBInstanceId");
        BillingMethod target = RdsPayTypes.parse("PayType", call.parameters().required("PayType"));
        if (target != BillingMethod.PAY_AS_YOU_GO) {
            throw new RpcFailure(RpcError.of("InvalidPayType.NotSupported", 400,
                    "This Billow server transforms subscription instances to Postpaid only."));
        }
        return call.idempotent(tokens, h -> {
            SubscriptionToPayAsYouGo.Transformed t = payTypes.apply(call.accountId(), id);
            // RefundAmount is Billow's: the SDK ignores it, a reader sees what came back.
            return RpcResult.newObject().put("DBInstanceId", id).put("OrderId", t.refund().id()).put("ChargeType", "Postpaid")
                    .put("RefundAmount", t.refund().cashPaid().negate().toPlainString()).put("Currency", t.refund().currency());
        });
    }
}
