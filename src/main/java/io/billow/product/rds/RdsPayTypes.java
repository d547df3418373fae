package io.billow.product.rds;

import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.catalog.BillingMethod;

/** The RDS PayType values and the billing methods they name. */
final class RdsPayTypes {

    private RdsPayTypes() {
    }

    /** Postpaid, Prepaid or Serverless; the catalog spellings are accepted too, as BillingMethod reads them. */
    static BillingMethod parse(String name, String value) {
        try {
            return BillingMethod.parse(value);
        } catch (IllegalArgumentException unknown) {
            throw new RpcFailure(RpcError.of("InvalidPayType.NotSupported", 400,
                    "The specified " + name + " \"" + value + "\" is not supported; use Postpaid, Prepaid or Serverless."));
        }
    }
}
