package io.billow.catalog;

import java.util.List;

/** A catalog that cannot be loaded: every mistake found, each as "file:line: what is wrong". */
public final class CatalogException extends RuntimeException {

    private final List<String> errors;

    public CatalogException(List<String> errors) {
        super("the catalog has " + errors.size() + " error(s):\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
