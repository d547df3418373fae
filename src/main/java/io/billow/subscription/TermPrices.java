package io.billow.subscription;

import io.billow.catalog.BillingItem;
import io.billow.catalog.Catalog;
import io.billow.catalog.Granularity;
import io.billow.catalog.Measure;
import io.billow.catalog.PriceEntry;
import io.billow.catalog.Product;
import io.billow.money.Rounding;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The monthly list price of a subscription configuration, from the catalog's TERM item: the
 * class's price, times the node count when the item is priced per node (measure RESOURCE of a
 * counter such as {@code nodes}: a PolarDB cluster's price is its node class's price × its nodes).
 */
public final class TermPrices {

    private TermPrices() {
    }

    public static Optional<PriceEntry> monthly(Catalog catalog, Product product, String instanceClass, String region, String currency,
                                               Instant at) {
        return priced(catalog, product, instanceClass, region, currency, at).map(Monthly::price);
    }

    /** The TERM price of a class and how many units of it a configuration of {@code count} nodes buys. */
    public record Monthly(PriceEntry price, long units) {

        /** The configuration's monthly list price. */
        public BigDecimal list() {
            return units == 1 ? price.unitPrice() : price.unitPrice().multiply(BigDecimal.valueOf(units));
        }

        public String explanation() {
            return price.unitPrice().toPlainString() + " per month" + (units == 1 ? "" : " × " + units + " nodes");
        }
    }

    /** The configuration's monthly list price: its class's TERM price × {@code nodes} when the item is per node. */
    public static Optional<Monthly> configuration(Catalog catalog, Product product, String instanceClass, long nodes, String region,
                                                  String currency, Instant at) {
        for (BillingItem item : product.items()) {
            if (item.granularity() == Granularity.TERM) {
                Optional<PriceEntry> p = catalog.prices().priceAt(product.code(), item.code(), region, instanceClass, currency, at);
                if (p.isPresent()) {
                    return Optional.of(new Monthly(p.get(), item.measure() == Measure.RESOURCE ? Math.max(1, nodes) : 1));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Monthly> priced(Catalog catalog, Product product, String instanceClass, String region, String currency,
                                            Instant at) {
        return configuration(catalog, product, instanceClass, 1, region, currency, at);
    }

    /** A term's list price and how it was made; refuses a class the catalog sells no term of. */
    public static Priced forTerm(Catalog catalog, Product product, String instanceClass, String region, String currency, int months,
                                 Instant at) {
        return forTerm(catalog, product, instanceClass, 1, region, currency, months, at);
    }

    /** The same for a configuration of {@code nodes} nodes. */
    public static Priced forTerm(Catalog catalog, Product product, String instanceClass, long nodes, String region, String currency,
                                 int months, Instant at) {
        Monthly monthly = configuration(catalog, product, instanceClass, nodes, region, currency, at).orElseThrow(() -> new ProblemException(
                Codes.PRICE_NOT_FOUND, "no " + currency + " subscription price for " + product.code() + " class " + instanceClass));
        BigDecimal list = Rounding.prorated(monthly.list().multiply(BigDecimal.valueOf(months)), 1);
        return new Priced(list, monthly.list(), monthly.explanation() + " × " + months + " months (price " + monthly.price().id() + ")");
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
