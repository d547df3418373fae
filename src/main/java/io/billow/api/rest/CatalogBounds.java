package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.InstanceClass;
import io.billow.catalog.ParameterBounds;
import io.billow.catalog.Product;
import io.billow.catalog.StorageRange;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The parameter bounds of the catalog endpoint: the figures creation enforces (read from
 * {@link Product#storageRange} and the product's bounds, as {@code Bounds} checks them), so that
 * what a client is told is what it will be held to.
 */
final class CatalogBounds {

    private CatalogBounds() {
    }

    /** A class's storage sizes for each storage type and billing method it can be bought with, and its capacity range. */
    static void storage(Product p, InstanceClass c, ObjectNode out) {
        p.capacity(c.code()).ifPresent(r -> out.putObject("capacity").put("min", r.min().toPlainString()).put("max", r.max().toPlainString())
                .put("step", r.step().toPlainString()).put("lowestMax", r.lowestMax().toPlainString()));
        ArrayNode storage = out.putArray("storage");
        for (String type : storageTypes(p)) {
            for (BillingMethod m : BillingMethod.values()) {
                if (!c.methods().contains(m)) {
                    continue;
                }
                Optional<StorageRange> range = p.storageRange(c, m, type);
                range.ifPresent(r -> storage.addObject().put("storageType", type).put("billingMethod", m.catalogName())
                        .put("minGb", r.minGb()).put("maxGb", r.maxGb()).put("stepGb", r.stepGb()).put("required", r.required()));
            }
        }
    }

    /** The product's engine versions, zones per region and subscription terms. */
    static void product(Product p, ObjectNode out) {
        ParameterBounds b = p.facts().bounds();
        ObjectNode versions = out.putObject("engineVersions");
        b.engineVersions().forEach((major, minors) -> versions.set(major, Json.MAPPER.valueToTree(minors)));
        out.put("defaultEngineVersion", b.defaultEngineVersion().orElse(null));
        out.set("zones", Json.MAPPER.valueToTree(b.zones()));
        out.set("termMonths", Json.MAPPER.valueToTree(p.facts().termMonths()));
    }

    private static Set<String> storageTypes(Product p) {
        Set<String> types = new LinkedHashSet<>(p.facts().bounds().storage().keySet());
        if (types.isEmpty()) {
            p.facts().defaultStorageType().ifPresent(types::add);
        }
        return types;
    }
}
