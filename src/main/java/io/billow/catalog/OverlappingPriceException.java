package io.billow.catalog;

/** Two versions of one price take effect at the same instant, so the book cannot say which applies. */
public final class OverlappingPriceException extends IllegalArgumentException {
    private final PriceEntry first;
    private final PriceEntry second;

    public OverlappingPriceException(PriceEntry first, PriceEntry second) {
        super("overlapping price versions for " + first.item() + " / " + first.spec() + " / " + first.region() + " / "
                + first.currency() + " effective " + first.effectiveFrom() + ": " + first.source() + " and " + second.source());
        this.first = first;
        this.second = second;
    }

    public PriceEntry first() {
        return first;
    }

    public PriceEntry second() {
        return second;
    }
}
