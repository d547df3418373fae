package io.billow.product.rocketmq5.roa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of a JSON body (or of one of its objects) by their types, as the SDK's models
 * declare them: a field of the wrong type, or a value outside its set or range, is
 * {@code Invalid<field>}; a required one missing (or null, or an empty text) is
 * {@code Missing<field>}. Fields the API does not know are ignored, as the real API ignores them.
 */
record Mq5Body(ObjectNode node, String prefix) {

    static Mq5Body of(ObjectNode body) {
        return new Mq5Body(body, "");
    }

    /** The object field {@code name}, empty when absent or null. */
    Optional<Mq5Body> object(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw Mq5Errors.invalid(path(name), "It must be a JSON object.");
        }
        return Optional.of(new Mq5Body((ObjectNode) v, path(name) + "."));
    }

    Mq5Body requiredObject(String name) {
        return object(name).orElseThrow(() -> Mq5Errors.missing(path(name)));
    }

    Optional<ArrayNode> array(String name, int max) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw Mq5Errors.invalid(path(name), "It must be a JSON array.");
        }
        if (v.size() > max) {
            throw Mq5Errors.invalid(path(name), "It holds at most " + max + " items, not " + v.size() + ".");
        }
        return Optional.of((ArrayNode) v);
    }

    Optional<String> text(String name) {
        JsonNode v = present(name);
        if (v == null || (v.isTextual() && v.textValue().isEmpty())) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw Mq5Errors.invalid(path(name), "It must be a text.");
        }
        return Optional.of(v.textValue());
    }

    String requiredText(String name) {
        return text(name).orElseThrow(() -> Mq5Errors.missing(path(name)));
    }

    /** A text that must be one of {@code allowed}, compared exactly. */
    Optional<String> choice(String name, Set<String> allowed, String accepted) {
        Optional<String> value = text(name);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw Mq5Errors.invalid(path(name), "It must be " + accepted + ", not " + Mq5Errors.shown(value.get()) + ".");
        }
        return value;
    }

    String requiredChoice(String name, Set<String> allowed, String accepted) {
        return choice(name, allowed, accepted).orElseThrow(() -> Mq5Errors.missing(path(name)));
    }

    Optional<Boolean> bool(String name) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw Mq5Errors.invalid(path(name), "It must be true or false.");
        }
        return Optional.of(v.booleanValue());
    }

    /** A whole number within [min, max]. */
    Optional<Long> whole(String name, long min, long max) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw Mq5Errors.invalid(path(name), "It must be a whole number from " + min + " to " + max + ".");
        }
        return Optional.of(v.longValue());
    }

    /** A decimal within [min, max], kept exact as sent. */
    Optional<BigDecimal> decimal(String name, BigDecimal min, BigDecimal max) {
        JsonNode v = present(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isNumber() || v.decimalValue().compareTo(min) < 0 || v.decimalValue().compareTo(max) > 0) {
            throw Mq5Errors.invalid(path(name), "It must be a number from " + min.toPlainString() + " to " + max.toPlainString() + ".");
        }
        return Optional.of(v.decimalValue());
    }

    String path(String name) {
        return prefix + name;
    }

    private JsonNode present(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }
}
