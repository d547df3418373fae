package io.billow.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.problem.Problem;

import java.util.List;

/**
 * What a product decides about its own instances, given to the engine by the product's package
 * ({@code io.billow.product.*}) so that shared code never asks which product it is handling.
 */
public interface ProductRules {

    /** A product that adds nothing to the engine's rules. */
    ProductRules NONE = new ProductRules() {
    };

    /** Checks of a creation the catalog cannot express (names, product-specific bounds); each failure is added. */
    default void checkCreate(CreateInstance request, List<Problem> problems) {
    }

    /** The facts the product records on a new instance (engine version, endpoints...). */
    default void initialAttributes(ObjectNode attributes, CreateInstance request, String instanceId) {
    }
}
