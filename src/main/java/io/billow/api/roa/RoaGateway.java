package io.billow.api.roa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.RequestRates;
import io.billow.api.WireText;
import io.billow.api.rest.Json;
import io.billow.api.rpc.Caller;
import io.billow.api.rpc.ExceptionTranslator;
import io.billow.api.rpc.KeyAccounts;
import io.billow.api.rpc.Outcome;
import io.billow.api.rpc.RequestAuthenticator;
import io.billow.api.rpc.RequestIds;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcGateway;
import io.billow.api.rpc.RpcRequest;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.store.ConnectionFailure;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The HTTP edge of the Alibaba-compatible ROA APIs (RocketMQ 5.x): an operation is an HTTP method
 * and a resource path, its input the path, the query and a JSON body, its answer the lower-case
 * envelope {@code {requestId, success, code, message, httpStatusCode, dynamicCode,
 * dynamicMessage, data}}, sent with a real HTTP status when it is an error (the Tea SDKs throw
 * only then).
 *
 * <p>The order of checks is the RPC gateway's: body size and query, then the V3 signature over
 * the path exactly as sent (so nothing about the API is told to an unsigned caller), then the
 * caller's account, the route, and the JSON body. Path segments are decoded once, after the
 * signature: {@code topic%20a} is the topic {@code topic a}. The body is read to its end on every
 * method, which keeps a kept-alive connection usable after the SDK's chunked empty DELETE.
 */
public final class RoaGateway implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(RoaGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestAuthenticator authenticator;
    private final KeyAccounts accounts;
    private final RoaRoutes routes;
    private final Supplier<Instant> clock;
    private final Supplier<Instant> signatureClock;
    private final ExceptionTranslator translator;
    private final Supplier<String> requestIds;
    private final RequestRates rates;

    /**
     * @param signatureClock what request timestamps are judged by: the wall clock under a
     *                       simulated business clock, as the SDKs date requests by real time
     */
    public RoaGateway(RequestAuthenticator authenticator, KeyAccounts accounts, RoaRoutes routes, Supplier<Instant> clock,
                      Supplier<Instant> signatureClock, ExceptionTranslator translator) {
        this(authenticator, accounts, routes, clock, signatureClock, translator, null);
    }

    private RoaGateway(RequestAuthenticator authenticator, KeyAccounts accounts, RoaRoutes routes, Supplier<Instant> clock,
                       Supplier<Instant> signatureClock, ExceptionTranslator translator, RequestRates rates) {
        this.rates = rates;
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signatureClock = Objects.requireNonNull(signatureClock, "signatureClock");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.requestIds = RequestIds.random();
    }

    /** This gateway, refusing an account's calls beyond {@code rates} (the RPC gateway's and the native API's bucket). */
    public RoaGateway withRates(RequestRates rates) {
        return new RoaGateway(authenticator, accounts, routes, clock, signatureClock, translator, Objects.requireNonNull(rates, "rates"));
    }

    /**
     * Mounts the gateway on the first path segment of every registered template
     * ({@code /instances} and below), for every method. Register it before the RPC gateway,
     * which takes every other path, and after the native API's {@code /api/} routes.
     */
    public void addRoutes(RoutesConfig config) {
        for (String prefix : routes.prefixes()) {
            for (String path : List.of("/" + prefix, "/" + prefix + "/<path>")) {
                config.get(path, this);
                config.post(path, this);
                config.put(path, this);
                config.patch(path, this);
                config.delete(path, this);
            }
        }
    }

    @Override
    public void handle(Context ctx) {
        String requestId = requestIds.get();
        int status = 200;
        ObjectNode envelope;
        try {
            envelope = success(requestId, answer(ctx, requestId));
        } catch (RoaFailure failure) {
            envelope = failure(requestId, failure.error());
            status = failure.error().httpStatus();
        } catch (RuntimeException exception) {
            RoaError error = translate(exception, requestId);
            envelope = failure(requestId, error);
            status = error.httpStatus();
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException unwritable) {
            LOG.error("ROA request {}: the answer could not be written as JSON", requestId, unwritable);
            status = 500;
            bytes = failure(requestId, internalError(requestId)).toString().getBytes(StandardCharsets.UTF_8);
        }
        ctx.status(status);
        ctx.contentType(RpcGateway.CONTENT_TYPE);
        ctx.result(bytes);
    }

    private JsonNode answer(Context ctx, String requestId) {
        byte[] body = ok(RpcGateway.readBody(ctx));
        String method = ctx.method().name();
        String rawPath = ctx.path();
        RpcRequest request = ok(RpcRequest.fromHttp(method, rawPath, ctx.queryString(), ctx.headerMap(), body));
        Caller caller = ok(authenticator.authenticateResourceRequest(request, signatureClock.get()));
        String accountId = accounts.accountOf(caller.accessKeyId())
                .orElseThrow(() -> RoaError.of(RpcError.accessKeyNotFound(caller.accessKeyId())).failure());
        RoaRoutes.Match match = routes.find(method, segments(rawPath));
        if (match instanceof RoaRoutes.WrongMethod wrong) {
            throw RoaError.of("MethodNotAllowed", 405, method + " is not an operation of " + shown(rawPath)
                    + "; it answers " + String.join(", ", wrong.allowed()) + ".").failure();
        }
        if (!(match instanceof RoaRoutes.Found found)) {
            throw RoaError.of("InvalidAction.NotFound", 404, "No operation answers " + method + " " + shown(rawPath) + ".").failure();
        }
        throttle(ctx, accountId);
        RoaRoutes.Route route = found.route();
        Optional<String> version = request.headers().get("x-acs-version").map(String::trim).filter(v -> !v.isEmpty());
        if (version.isPresent() && !version.get().equals(route.version())) {
            throw RoaError.about("x-acs-version", "InvalidVersion", 400, route.name() + " is an operation of API version "
                    + route.version() + ", not " + shown(version.get()) + ".").failure();
        }
        RoaCall call = new RoaCall(caller, accountId, route.name(), route.version(), found.parameters(), request.query(),
                jsonBody(method, body), requestId, clock.get(), request.headers());
        JsonNode data = route.action().handle(call);
        if (data == null) {
            throw new IllegalStateException("operation " + route.name() + " answered null");
        }
        return data;
    }

    /** An account over its rate is refused before its operation runs, with the seconds to wait. */
    private void throttle(Context ctx, String accountId) {
        OptionalLong wait = rates == null ? OptionalLong.empty() : rates.admit(accountId);
        if (wait.isPresent()) {
            ctx.header("Retry-After", String.valueOf(wait.getAsLong()));
            throw RoaError.of(Codes.THROTTLING_USER, 429, "Request was denied due to user flow control.").failure();
        }
    }

    /** The path's segments after the leading slash, each percent-decoded once; {@code +} is a plus sign in a path. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            String segment;
            try {
                segment = WireText.decodeComponent(raw.replace("+", "%2B"));
            } catch (IllegalArgumentException malformed) {
                throw RoaError.of("InvalidParameter", 400, "The path segment " + shown(raw) + " " + malformed.getMessage() + ".").failure();
            }
            if (segment.indexOf('\0') >= 0) {
                throw RoaError.of("InvalidParameter", 400, "The path holds a NUL character (%00).").failure();
            }
            segments.add(segment);
        }
        return segments;
    }

    /** The JSON object a POST or PATCH carries; other methods' bodies were read and are ignored. */
    private static ObjectNode jsonBody(String method, byte[] body) {
        if (body.length == 0 || !(method.equals("POST") || method.equals("PATCH") || method.equals("PUT"))) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode tree = Json.read(WireText.utf8(body, "The request body is not valid UTF-8."), JsonNode.class);
            if (!tree.isObject()) {
                throw RoaError.of("InvalidParameter", 400, "The request body must be a JSON object.").failure();
            }
            return (ObjectNode) tree;
        } catch (IllegalArgumentException notUtf8) {
            throw RoaError.of("InvalidParameter", 400, notUtf8.getMessage()).failure();
        } catch (ProblemException refused) {
            throw RoaError.of(refused.first().code(), 400, "The request body is refused: " + refused.first().message() + ".").failure();
        }
    }

    private static <T> T ok(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Failed<T> failed) {
            throw RoaError.of(failed.error()).failure();
        }
        return ((Outcome.Ok<T>) outcome).value();
    }

    private RoaError translate(RuntimeException exception, String requestId) {
        if (exception instanceof RpcFailure shared) {
            return RoaError.of(shared.error());
        }
        Optional<RpcError> known = translator.translateOrEmpty(exception);
        if (known.isPresent()) {
            return RoaError.of(known.get());
        }
        if (ConnectionFailure.isLost(exception)) {
            LOG.warn("ROA request {}: the database connection was lost ({})", requestId, exception.getMessage());
            return RoaError.of(RpcError.databaseUnavailable());
        }
        LOG.error("ROA request {} failed", requestId, exception);
        return internalError(requestId);
    }

    private static RoaError internalError(String requestId) {
        return RoaError.of("InternalError", 500, "The request processing has failed due to some unknown error. Report requestId "
                + requestId + " to the operator of this Billow server; the server log has the cause.");
    }

    private static ObjectNode success(String requestId, JsonNode data) {
        ObjectNode envelope = envelope(requestId, true, "Success", "The request succeeded.", 200, "", "");
        envelope.set("data", data);
        return envelope;
    }

    private static ObjectNode failure(String requestId, RoaError error) {
        return envelope(requestId, false, error.code(), error.message(), error.httpStatus(), error.dynamicCode(), error.dynamicMessage());
    }

    private static ObjectNode envelope(String requestId, boolean success, String code, String message, int status, String dynamicCode,
                                       String dynamicMessage) {
        return JSON.createObjectNode().put("requestId", requestId).put("success", success).put("code", code).put("message", message)
                .put("httpStatusCode", status).put("dynamicCode", dynamicCode).put("dynamicMessage", dynamicMessage);
    }

    /** A value from the request, echoed only when short. */
    static String shown(String value) {
        return value.length() <= 120 ? value : value.substring(0, 120) + "… (" + value.length() + " characters)";
    }
}
