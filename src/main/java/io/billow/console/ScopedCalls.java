package io.billow.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * An operator who switched to an account sees that account as its own key would: the lists are
 * narrowed to it and a new instance is created in it. The API calls an account's key makes
 * go through unchanged.
 */
final class ScopedCalls {

    /** The native API's lists that take an accountId (the operator's narrowing). */
    private static final Set<String> LISTS = Set.of("/api/v1/instances", "/api/v1/bills", "/api/v1/orders", "/api/v1/events");
    private static final String CREATE = "/api/v1/instances";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScopedCalls() {
    }

    static String path(String apiPath, String query, ConsoleSessions.Session s) {
        String q = query;
        if (s.operator() && s.accountId().isPresent() && LISTS.contains(apiPath) && !q.startsWith("accountId=") && !q.contains("&accountId=")) {
            String account = "accountId=" + URLEncoder.encode(s.accountId().get(), StandardCharsets.UTF_8);
            q = q.isEmpty() ? account : q + "&" + account;
        }
        return apiPath + (q.isEmpty() ? "" : "?" + q);
    }

    static byte[] body(Context ctx, String apiPath, ConsoleSessions.Session s) throws IOException {
        byte[] body = ctx.bodyAsBytes();
        if (!s.operator() || s.accountId().isEmpty() || ctx.method() != HandlerType.POST || !apiPath.equals(CREATE) || body.length == 0) {
            return body;
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return body; // the API refuses it in its own words
        }
        if (n instanceof ObjectNode o && !o.has("accountId")) {
            o.put("accountId", s.accountId().get());
            return JSON.writeValueAsBytes(o);
        }
        return body;
    }
}
