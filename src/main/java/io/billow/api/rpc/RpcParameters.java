package io.billow.api.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.billow.api.InputNumbers;
import io.billow.time.Instants;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The parameters of one call, read as the types actions want. A value that is missing where it
 * is required is {@code MissingParameter}; a value that does not read as its type is
 * {@code InvalidParameter}; both are thrown as {@link RpcFailure} so an action reads its
 * inputs in straight lines.
 *
 * <p>An empty value counts as absent: the SDKs send {@code Name=} for a field set to "", and no
 * action gives "" a meaning of its own.
 */
public final class RpcParameters {

    /** Alibaba's APIs write times in UTC, with or without seconds: {@code 2024-05-01T00:00Z}. */
    private static final Pattern MINUTES = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}Z");
    /** A month as BSS names billing cycles; the years as {@link Instants} bounds them. */
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final YearMonth FIRST_MONTH = YearMonth.from(Instants.EARLIEST.atOffset(ZoneOffset.UTC));
    private static final YearMonth LAST_MONTH = YearMonth.from(Instants.LATEST.atOffset(ZoneOffset.UTC));
    /** Exact decimals, so that a number in a JSON parameter is checked as written rather than as a double. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Map<String, String> values;

    RpcParameters(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static RpcParameters of(Map<String, String> values) {
        return new RpcParameters(values);
    }

    /** Every parameter as received, common ones included. */
    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new RpcFailure(RpcError.missingParameter(name)));
    }

    public Optional<Integer> optionalInt(String name) {
        return optional(name).map(value -> read(name, value, "an integer", Integer::valueOf));
    }

    public int requiredInt(String name) {
        return read(name, required(name), "an integer", Integer::valueOf);
    }

    /**
     * An integer within {@code min..max}: what an action wants before it does arithmetic with it
     * (a term of two billion years overflows a month count).
     */
    public int requiredInt(String name, int min, int max) {
        return bounded(name, required(name), min, max);
    }

    /** A month such as {@code 2026-01}, within the years Billow accepts (1970–9999). */
    public YearMonth requiredMonth(String name) {
        String value = required(name);
        String what = "a month within " + FIRST_MONTH + ".." + LAST_MONTH;
        if (!MONTH.matcher(value).matches()) {
            throw invalid(name, value, what);
        }
        try {
            YearMonth month = YearMonth.parse(value);
            if (month.isBefore(FIRST_MONTH) || month.isAfter(LAST_MONTH)) {
                throw invalid(name, value, what);
            }
            return month;
        } catch (DateTimeParseException notAMonth) {
            throw invalid(name, value, what);
        }
    }

    public Optional<Long> optionalLong(String name) {
        return optional(name).map(value -> read(name, value, "an integer", Long::valueOf));
    }

    public long requiredLong(String name) {
        return read(name, required(name), "an integer", Long::valueOf);
    }

    public Optional<BigDecimal> optionalDecimal(String name) {
        return optional(name).map(value -> decimal(name, value));
    }

    public BigDecimal requiredDecimal(String name) {
        return decimal(name, required(name));
    }

    public Optional<Boolean> optionalBoolean(String name) {
        return optional(name).map(value -> bool(name, value));
    }

    public boolean requiredBoolean(String name) {
        return bool(name, required(name));
    }

    /** An instant in UTC, truncated to the second as every instant entering Billow is. */
    public Optional<Instant> optionalInstant(String name) {
        return optional(name).map(value -> instant(name, value));
    }

    public Instant requiredInstant(String name) {
        return instant(name, required(name));
    }

    /** A parameter that carries JSON, as {@code Tags} or {@code ServerlessConfig} do in some APIs. */
    public Optional<JsonNode> optionalJson(String name) {
        return optional(name).map(value -> json(name, value));
    }

    public JsonNode requiredJson(String name) {
        return json(name, required(name));
    }

    private static <T> T read(String name, String value, String what, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException notANumber) {
            throw invalid(name, value, what);
        }
    }

    private static int bounded(String name, String value, int min, int max) {
        String what = "an integer within " + min + ".." + max;
        int n = read(name, value, what, Integer::valueOf);
        if (n < min || n > max) {
            throw invalid(name, value, what);
        }
        return n;
    }

    private static BigDecimal decimal(String name, String value) {
        if (!InputNumbers.PLAIN_DECIMAL.matcher(value).matches()) {
            throw invalid(name, value, "a decimal number such as 12.5");
        }
        return new BigDecimal(value);
    }

    private static boolean bool(String name, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw invalid(name, value, "true or false");
        }
    }

    private static Instant instant(String name, String value) {
        String withSeconds = MINUTES.matcher(value).matches()
                ? value.substring(0, value.length() - 1) + ":00Z" : value;
        try {
            return Instants.parse(withSeconds);
        } catch (DateTimeParseException notAnInstant) {
            throw invalid(name, value, "a UTC time within " + Instants.RANGE + " such as 2024-05-01T00:00:00Z");
        }
    }

    private static JsonNode json(String name, String value) {
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (JsonProcessingException notJson) {
            throw invalid(name, value, "JSON");
        }
        InputNumbers.firstMisfit(tree).ifPresent(number -> {
            throw new RpcFailure(RpcError.invalidParameter(name, "It holds the number " + number + "; a number has " + InputNumbers.BOUNDS + "."));
        });
        return tree;
    }

    private static RpcFailure invalid(String name, String value, String what) {
        // The value is echoed only when short: a parameter may be large, and may be a secret pasted by mistake.
        String shown = value.length() <= 64 ? " \"" + value + "\"" : "";
        return new RpcFailure(RpcError.invalidParameter(name, "The value" + shown + " is not " + what + "."));
    }
}
