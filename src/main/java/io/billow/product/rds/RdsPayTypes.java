package io.billow.product.rds;

import io.billow.api.Choice;
import io.billow.catalog.BillingMethod;

/** The RDS PayType values and the billing methods they name, read as both APIs read a choice. */
final class RdsPayTypes {

    /** Postpaid, Prepaid or Serverless; the catalog spellings are accepted too, as BillingMethod reads them. */
    private static final Choice<BillingMethod> PAY_TYPE = Choice.parsedBy(BillingMethod::parse, "InvalidPayType.NotSupported",
            "Postpaid, Prepaid, Serverless");

    private RdsPayTypes() {
    }

    static BillingMethod parse(String name, String value) {
        return PAY_TYPE.required(name, value);
    }
}
