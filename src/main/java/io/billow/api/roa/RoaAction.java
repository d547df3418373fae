package io.billow.api.roa;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a ROA API. It answers the envelope's {@code data}: a text (a new id), a
 * boolean, or an object, as the operation's response model declares it; it refuses by throwing
 * {@link RoaFailure} or an exception the gateway's translator knows.
 */
@FunctionalInterface
public interface RoaAction {

    JsonNode handle(RoaCall call);
}
