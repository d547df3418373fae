package io.billow.api.rpc;

import io.billow.api.WireText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to the RPC API, as the authenticator and the action handlers see it.
 *
 * <p>The SDKs put parameters in the query string, in a form body, or both (a POST keeps the
 * common parameters in the URL and the action's own in the body), so {@link #parameters()}
 * merges the two. The two sources stay available apart because signature V3 signs the query
 * string and the body differently.
 */
public final class RpcRequest {

    /** A limit on how many parameters one request may carry, query and body together. */
    public static final int MAX_PARAMETERS = 1_000;

    private static final String FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> form;
    private final Map<String, String> parameters;
    private final Headers headers;
    private final byte[] body;

    private RpcRequest(String method, String path, Map<String, String> query, Map<String, String> form,
            Map<String, String> parameters, Headers headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.form = form;
        this.parameters = parameters;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Builds the request from what arrived on the wire: the raw (still encoded) query string,
     * the headers and the body. The body is read as form parameters only when its
     * {@code Content-Type} says it is a form.
     *
     * <p>A parameter named twice, or named both in the query string and the body, is refused:
     * the SDKs never do it, and with two values it would be unclear which one was meant.
     */
    public static Outcome<RpcRequest> fromHttp(String method, String path, String rawQuery,
            Map<String, String> headers, byte[] body) {
        Headers parsedHeaders = Headers.of(headers);
        Outcome<Map<String, String>> query = parseUrlEncoded(rawQuery == null ? "" : rawQuery, "query string");
        if (query instanceof Outcome.Failed<Map<String, String>> failed) {
            return Outcome.failed(failed.error());
        }
        Map<String, String> form = Map.of();
        if (isForm(parsedHeaders) && body.length > 0) {
            String text;
            try {
                text = WireText.utf8(body, "The request body is not valid UTF-8.");
            } catch (IllegalArgumentException notUtf8) {
                return Outcome.failed(RpcError.of("InvalidParameter", 400, notUtf8.getMessage()));
            }
            Outcome<Map<String, String>> parsedForm = parseUrlEncoded(text, "request body");
            if (parsedForm instanceof Outcome.Failed<Map<String, String>> failed) {
                return Outcome.failed(failed.error());
            }
            form = ((Outcome.Ok<Map<String, String>>) parsedForm).value();
        }
        return of(method, path, ((Outcome.Ok<Map<String, String>>) query).value(), form, parsedHeaders, body);
    }

    /** Builds the request from parameters that are already decoded. */
    public static Outcome<RpcRequest> of(String method, String path, Map<String, String> query,
            Map<String, String> form, Headers headers, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (query.size() + form.size() > MAX_PARAMETERS) {
            return Outcome.failed(RpcError.of("InvalidParameter", 400,
                    "The request carries more than " + MAX_PARAMETERS + " parameters."));
        }
        Map<String, String> merged = new LinkedHashMap<>(query);
        for (Map.Entry<String, String> entry : form.entrySet()) {
            if (merged.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                return Outcome.failed(RpcError.invalidParameter(entry.getKey(),
                        "It is given both in the query string and in the request body."));
            }
        }
        return Outcome.ok(new RpcRequest(method.toUpperCase(Locale.ROOT), path,
                Collections.unmodifiableMap(new LinkedHashMap<>(query)),
                Collections.unmodifiableMap(new LinkedHashMap<>(form)),
                Collections.unmodifiableMap(merged), headers, body.clone()));
    }

    /** The HTTP method in upper case, as both signature versions sign it. */
    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Decoded parameters of the query string. */
    public Map<String, String> query() {
        return query;
    }

    /** Decoded parameters of a form body; empty when the body is not a form. */
    public Map<String, String> form() {
        return form;
    }

    /** Query and form parameters together. */
    public Map<String, String> parameters() {
        return parameters;
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    public Headers headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    /**
     * The action: the {@code Action} parameter, or for a V3-signed request the
     * {@code x-acs-action} header. The Java SDK sends that header with V2 requests too, but
     * V2 does not sign headers, so there only the parameter counts.
     */
    public Optional<String> action() {
        return parameter("Action").or(() -> signedHeader("x-acs-action"));
    }

    /** The API version, read the same way as {@link #action()}. */
    public Optional<String> version() {
        return parameter("Version").or(() -> signedHeader("x-acs-version"));
    }

    private Optional<String> signedHeader(String name) {
        boolean v3 = headers.get("Authorization").map(Acs3Authorization::isV3).orElse(false);
        return v3 ? headers.get(name) : Optional.empty();
    }

    @Override
    public String toString() {
        return method + " " + path + " " + parameters.keySet();
    }

    private static boolean isForm(Headers headers) {
        return headers.get("Content-Type")
                .map(value -> value.split(";", 2)[0].trim().equalsIgnoreCase(FORM_MEDIA_TYPE))
                .orElse(false);
    }

    private static Outcome<Map<String, String>> parseUrlEncoded(String text, String where) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return Outcome.ok(values);
        }
        Optional<String> unreadable = WireText.problemWith(text, where);
        if (unreadable.isPresent()) {
            return Outcome.failed(RpcError.of("InvalidParameter", 400, sentence(unreadable.get())));
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (values.size() == MAX_PARAMETERS) {
                return Outcome.failed(RpcError.of("InvalidParameter", 400,
                        "The " + where + " carries more than " + MAX_PARAMETERS + " parameters."));
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = PercentEncoding.decodeComponent(equals < 0 ? pair : pair.substring(0, equals));
                value = equals < 0 ? "" : PercentEncoding.decodeComponent(pair.substring(equals + 1));
            } catch (IllegalArgumentException malformed) {
                return Outcome.failed(RpcError.of("InvalidParameter", 400,
                        "The " + where + " is not well formed percent-encoding: " + malformed.getMessage()));
            }
            if (values.putIfAbsent(name, value) != null) {
                return Outcome.failed(RpcError.invalidParameter(name, "It is given more than once in the " + where + "."));
            }
        }
        return Outcome.ok(values);
    }

    /** A refusal of {@link WireText}, written as the RPC API's messages are: a capitalized sentence. */
    private static String sentence(String problem) {
        return Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + ".";
    }
}
