package io.billow.catalog;

import java.util.Set;

/** An edition (series) of a product and the billing methods it can be bought with. */
public record Edition(String code, String name, Set<BillingMethod> methods) {
    public Edition {
        methods = Set.copyOf(methods);
    }
}
