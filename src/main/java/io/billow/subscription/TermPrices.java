package io.billow.subscription;

import io.billow.catalog.BillingItem;
import io.billow.catalog.Catalog;
import io.billow.catalog.Granularity;
import io.billow.catalog.PriceEntry;
import io.billow.catalog.Product;
import io.billow.money.Rounding;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The monthly list price of a subscription configuration, from the catalog's TERM item. */
public final class TermPrices {

    private TermPrices() {
    }

    public static Optional<PriceEntry> monthly(Catalog catalog, Product product, String instanceClass, String region, String currency,
                                               Instant at) {
        for (BillingItem item : product.items()) {
            if (item.granularity() == Granularity.TERM) {
                Optional<PriceEntry> p = catalog.prices().priceAt(product.code(), item.code(), region, instanceClass, currency, at);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    /** A term's list price and how it was made; refuses a class the catalog sells no term of. */
    public static Priced forTerm(Catalog catalog, Product product, String instanceClass, String region, String currency, int months,
                                 Instant at) {
        PriceEntry monthly = monthly(catalog, product, instanceClass, region, currency, at).orElseThrow(() -> new ProblemException(
                Codes.PRICE_NOT_FOUND, "no " + currency + " subscription price for " + product.code() + " class " + instanceClass));
        BigDecimal list = Rounding.prorated(monthly.unitPrice().multiply(BigDecimal.valueOf(months)), 1);
        return new Priced(list, monthly.unitPrice(), monthly.unitPrice().toPlainString() + " per month × " + months + " months (price "
                + monthly.id() + ")");
    }

    public record Priced(BigDecimal list, BigDecimal monthly, String explanation) {
    }

    /** Refuses a term the product does not sell, naming the ones it does. */
    public static void requireSold(Product product, Integer months) {
        if (months == null || !product.facts().sellsTerm(months)) {
            throw new ProblemException("InvalidPeriod", product.name() + " is sold for terms of " + product.facts().termMonths()
                    + " months" + (months == null ? "; months is required" : ", not " + months));
        }
    }
}
