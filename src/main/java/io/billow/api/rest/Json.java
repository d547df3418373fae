package io.billow.api.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.billow.api.InputNumbers;
import io.billow.api.RequestBodies;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;

/**
 * JSON in and out of the native API. Strict on the way in: unknown fields, wrong types,
 * out-of-bounds values ({@link StrictValues}) and trailing garbage are refused with a clear
 * problem rather than guessed at.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(StrictValues.module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Bodies larger than this are refused before parsing. */
    public static final int MAX_BODY_BYTES = RequestBodies.MAX_BODY_BYTES;

    private Json() {
    }

    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(Codes.MALFORMED_JSON, "the request needs a JSON body");
        }
        if (body.length() > MAX_BODY_BYTES) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new ProblemException(Codes.MALFORMED_JSON, "the request needs a JSON object, not null");
            }
            if (value instanceof JsonNode tree) {
                checkTree(tree);
            }
            return value;
        } catch (StrictValues.Refused e) {
            throw new ProblemException(Codes.INVALID_PARAMETER, path(e) + " " + e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(Codes.UNKNOWN_FIELD, "unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds());
        } catch (InvalidFormatException e) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "field '" + path(e) + "' has an invalid value " + e.getValue());
        } catch (MismatchedInputException e) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "field '" + path(e) + "' has the wrong type"
                    + (e.getTargetType() == null ? "" : " (expected " + e.getTargetType().getSimpleName() + ")"));
        } catch (JsonProcessingException e) {
            throw new ProblemException(Codes.MALFORMED_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * A tree is read by handlers field by field, past {@link StrictValues}: what it would refuse
     * in a typed body (a number out of bounds, a NUL in any text or name) is refused here, once.
     */
    private static void checkTree(JsonNode tree) {
        InputNumbers.firstMisfit(tree).ifPresent(number -> {
            throw new ProblemException(Codes.INVALID_PARAMETER, "the body holds the number " + number + "; a number has " + InputNumbers.BOUNDS);
        });
        if (holdsNul(tree)) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "the body holds a NUL character in a text or a field name");
        }
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            if (names.next().indexOf('\0') >= 0) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (holdsNul(child)) {
                return true;
            }
        }
        return false;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return sb.toString();
    }
}
