package io.billow.api.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.billow.api.InputNumbers;
import io.billow.time.Instants;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How the native API reads scalar values, in one place: text without NUL, whole numbers that are
 * whole (no {@code 1.5}, no {@code 1e3}), decimals within {@link InputNumbers}' bounds written as
 * a number or as a plain decimal string ({@code "1000.00"}, as amounts are returned), and
 * instants within {@link Instants#RANGE}. A refusal names the field and what it must be.
 */
final class StrictValues {

    private StrictValues() {
    }

    static SimpleModule module() {
        return new SimpleModule("billow-strict-values")
                .addDeserializer(String.class, new Text())
                .addDeserializer(Integer.class, new WholeNumber<>(Integer.class, false))
                .addDeserializer(int.class, new WholeNumber<>(int.class, true))
                .addDeserializer(Long.class, new WholeNumber<>(Long.class, false))
                .addDeserializer(long.class, new WholeNumber<>(long.class, true))
                .addDeserializer(BigDecimal.class, new Decimal())
                .addDeserializer(Instant.class, new BoundedInstant());
    }

    /** A value refused with a message that completes "field X ...". */
    static final class Refused extends JsonMappingException {
        Refused(JsonParser p, String what) {
            super(p, what);
        }
    }

    /**
     * No stored text may hold a NUL character (PostgreSQL refuses it), so it is the client's
     * mistake, said as such.
     */
    private static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (text != null && text.indexOf('\0') >= 0) {
                throw new Refused(p, "holds a NUL character");
            }
            return text;
        }
    }

    /** Integers as written: an int field gets an integer token within its range, nothing coerced. */
    private static final class WholeNumber<T> extends StdScalarDeserializer<T> {
        private final boolean primitive;
        private final boolean wide;

        WholeNumber(Class<T> type, boolean primitive) {
            super(type);
            this.primitive = primitive;
            this.wide = type == Long.class || type == long.class;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            long min = wide ? Long.MIN_VALUE : Integer.MIN_VALUE;
            long max = wide ? Long.MAX_VALUE : Integer.MAX_VALUE;
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new Refused(p, "must be a whole number, got " + shown(p));
            }
            JsonParser.NumberType type = p.getNumberType();
            boolean fits = type == JsonParser.NumberType.INT || (wide && type == JsonParser.NumberType.LONG);
            if (!fits) {
                throw new Refused(p, "must be a whole number within " + min + ".." + max + ", got " + shown(p));
            }
            Object value = wide ? (Object) p.getLongValue() : (Object) p.getIntValue();
            return (T) value;
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            if (primitive) {
                throw new Refused(ctxt.getParser(), "must be a whole number, not null");
            }
            return null;
        }
    }

    /** A decimal as a JSON number or a plain decimal string, within the bounds either way. */
    private static final class Decimal extends StdScalarDeserializer<BigDecimal> {
        Decimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            BigDecimal value;
            if (token == JsonToken.VALUE_STRING) {
                String text = p.getText();
                if (!InputNumbers.PLAIN_DECIMAL.matcher(text).matches()) {
                    throw new Refused(p, "must be a decimal number such as 12.50 (as a number or a string of digits), got " + shown(p));
                }
                value = new BigDecimal(text);
            } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                value = p.getDecimalValue();
            } else {
                throw new Refused(p, "must be a decimal number such as 12.50, got " + shown(p));
            }
            if (!InputNumbers.fits(value)) {
                throw new Refused(p, "must be a decimal number of " + InputNumbers.BOUNDS + ", got " + shown(p));
            }
            return value;
        }
    }

    /** An ISO-8601 string within the years 1970–9999, truncated to the second as instants enter Billow. */
    private static final class BoundedInstant extends StdScalarDeserializer<Instant> {
        BoundedInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String what = "must be an ISO-8601 instant within " + Instants.RANGE + ", got " + shown(p);
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new Refused(p, what);
            }
            try {
                return Instants.parse(p.getText());
            } catch (DateTimeParseException e) {
                throw new Refused(p, what);
            }
        }
    }

    /** The value as the client wrote it, cut short when long. */
    private static String shown(JsonParser p) throws IOException {
        String text = p.currentToken() == JsonToken.START_OBJECT ? "an object"
                : p.currentToken() == JsonToken.START_ARRAY ? "an array" : p.getText();
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
