package io.billow.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bounds on a decimal number either API accepts, checked before any arithmetic: a number
 * such as {@code 1e999999999} is cheap to parse but turns a comparison, a multiplication or a
 * plain-text rendering into a fault or a gigabyte of digits.
 */
public final class InputNumbers {

    public static final int MAX_INTEGER_DIGITS = 30;
    public static final int MAX_FRACTION_DIGITS = 18;
    /** How a decimal may be written as text: plain digits with an optional fraction, no exponent. */
    public static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1," + MAX_INTEGER_DIGITS + "}(\\.\\d{1," + MAX_FRACTION_DIGITS + "})?");
    /** What a refusal says of the bounds. */
    public static final String BOUNDS = "at most " + MAX_INTEGER_DIGITS + " digits before the point and " + MAX_FRACTION_DIGITS + " after it";

    private InputNumbers() {
    }

    /** Whether a number fits: at most 30 digits before the point and 18 significant ones after it. */
    public static boolean fits(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= MAX_FRACTION_DIGITS && stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS;
    }

    /** The first number in a JSON tree that does not {@link #fits fit}, as its text. */
    public static Optional<String> firstMisfit(JsonNode node) {
        if (node.isNumber()) {
            boolean fits = node.isIntegralNumber() ? fits(new BigDecimal(node.bigIntegerValue()))
                    : node.isBigDecimal() ? fits(node.decimalValue()) : Double.isFinite(node.doubleValue()) && fits(node.decimalValue());
            return fits ? Optional.empty() : Optional.of(node.toString());
        }
        for (JsonNode child : node) {
            Optional<String> misfit = firstMisfit(child);
            if (misfit.isPresent()) {
                return misfit;
            }
        }
        return Optional.empty();
    }
}
