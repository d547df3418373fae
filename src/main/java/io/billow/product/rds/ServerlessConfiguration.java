package io.billow.product.rds;

import com.fasterxml.jackson.databind.JsonNode;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The serverless settings of a request: a JSON string as the SDKs send it
 * ({@code ServerlessConfiguration={"MinCapacity":0.5,...}}) or flattened
 * ({@code ServerlessConfiguration.MinCapacity=0.5}), as other clients do (domain.md §4).
 * A missing member stays null so that the engine names what is missing.
 */
record ServerlessConfiguration(BigDecimal minCapacity, BigDecimal maxCapacity, Boolean autoPause, Boolean switchForce) {

    static Optional<ServerlessConfiguration> read(RpcParameters p, String name) {
        Optional<JsonNode> json = p.optionalJson(name);
        if (json.isPresent()) {
            JsonNode n = json.get();
            if (!n.isObject()) {
                throw new RpcFailure(RpcError.invalidParameter(name, "It must be a JSON object."));
            }
            return Optional.of(new ServerlessConfiguration(decimal(n, name, "MinCapacity"), decimal(n, name, "MaxCapacity"),
                    bool(n, name, "AutoPause"), bool(n, name, "SwitchForce")));
        }
        Optional<BigDecimal> min = p.optionalDecimal(name + ".MinCapacity");
        Optional<BigDecimal> max = p.optionalDecimal(name + ".MaxCapacity");
        Optional<Boolean> autoPause = p.optionalBoolean(name + ".AutoPause");
        Optional<Boolean> switchForce = p.optionalBoolean(name + ".SwitchForce");
        if (min.isEmpty() && max.isEmpty() && autoPause.isEmpty() && switchForce.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServerlessConfiguration(min.orElse(null), max.orElse(null), autoPause.orElse(null), switchForce.orElse(null)));
    }

    private static BigDecimal decimal(JsonNode n, String name, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() && !(v.isTextual() && v.asText().matches("\\d{1,3}(\\.\\d{1,2})?"))) {
            throw new RpcFailure(RpcError.invalidParameter(name, field + " must be a number such as 0.5."));
        }
        return new BigDecimal(v.asText()).stripTrailingZeros();
    }

    private static Boolean bool(JsonNode n, String name, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.valueOf(v.asText());
        }
        throw new RpcFailure(RpcError.invalidParameter(name, field + " must be true or false."));
    }
}
