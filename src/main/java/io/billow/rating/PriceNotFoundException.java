package io.billow.rating;

/** No price covers something that accrued: refused rather than billed at zero (InvalidParameter.PriceNotFound). */
public final class PriceNotFoundException extends RuntimeException {
    public static final String CODE = "InvalidParameter.PriceNotFound";

    public PriceNotFoundException(String product, String item, String region, String spec, String currency, java.time.Instant at) {
        super("no price for " + product + " item " + item + " at spec " + spec + " in region " + region + " in " + currency
                + " effective at " + at);
    }
}
