package io.billow.api.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI description of the native API, kept as a resource next to the code it describes. */
final class OpenApiDocument {

    private static final String JSON = load();

    private OpenApiDocument() {
    }

    static String json() {
        return JSON;
    }

    private static String load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("api/openapi.json is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
