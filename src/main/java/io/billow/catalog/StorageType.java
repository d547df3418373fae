package io.billow.catalog;

import java.util.Set;

/**
 * A storage type a product sells (catalog {@code facts.storage}): its sizes, and the billing
 * methods it can be bought with (RDS serverless storage is ESSD only).
 */
public record StorageType(String code, StorageRange range, Set<BillingMethod> methods) {

    public StorageType {
        methods = Set.copyOf(methods);
    }
}
