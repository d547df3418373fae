package io.billow.catalog;

import java.util.Map;
import java.util.Optional;

/** The products and the price book, as loaded from the catalog files. Immutable. */
public record Catalog(Map<String, Product> products, PriceBook prices) {

    public Catalog {
        products = Map.copyOf(products);
    }

    public Optional<Product> product(String code) {
        return Optional.ofNullable(products.get(code));
    }
}
