package io.billow.catalog;

/** How an instance is charged (domain.md §2). */
public enum BillingMethod {
    /** Prepaid: an order pays a term in advance; changes are prorated; metering bills nothing. */
    SUBSCRIPTION("Prepaid", "Subscription"),
    /** Postpaid: the spec in effect is metered per second (or hour) and settled hourly. */
    PAY_AS_YOU_GO("Postpaid", "PayAsYouGo"),
    /** Capacity units actually used are metered per second and settled hourly; storage apart. */
    SERVERLESS("Serverless", "Serverless");

    private final String alibabaName;
    private final String catalogName;

    BillingMethod(String alibabaName, String catalogName) {
        this.alibabaName = alibabaName;
        this.catalogName = catalogName;
    }

    /** The name of the catalog files and the native API (Subscription, PayAsYouGo, Serverless). */
    public String catalogName() {
        return catalogName;
    }

    /** The PayType value of the Alibaba Cloud APIs. */
    public String alibabaName() {
        return alibabaName;
    }

    /** Accepts the catalog spelling (PayAsYouGo, pay-as-you-go, PAY_AS_YOU_GO) and the Alibaba one. */
    public static BillingMethod parse(String text) {
        String key = text.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
        for (BillingMethod m : values()) {
            if (m.name().replace("_", "").toLowerCase(java.util.Locale.ROOT).equals(key)
                    || m.alibabaName.toLowerCase(java.util.Locale.ROOT).equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown billing method '" + text + "' (expected Subscription, PayAsYouGo or Serverless)");
    }
}
