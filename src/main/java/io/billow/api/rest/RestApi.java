package io.billow.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.AccountStore;
import io.billow.account.KeyComparison;
import io.billow.api.HttpEdge;
import io.billow.api.RequestBodies;
import io.billow.api.WireText;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcGateway;
import io.billow.problem.Codes;
import io.billow.problem.Problem;
import io.billow.problem.ProblemException;
import io.billow.store.ConnectionFailure;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The native REST API under /api/v1: every route in one place, each a small handler. Errors
 * become {@code {"code","message","violations"}} with the status of {@link Statuses}.
 */
public final class RestApi {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final String CALLER = "billow.caller";

    private final String adminKey;
    private final AccountStore accounts;
    private final AccountRoutes accountRoutes;
    private final InstanceRoutes instanceRoutes;
    private final MoneyRoutes moneyRoutes;
    private final ClockRoutes clockRoutes;
    private final UsageRoutes usageRoutes;
    private final ProductRoutes productRoutes;
    private final SignatureCheck signatures;
    private final WebhookRoutes webhookRoutes;
    private final ResourceRoutes resourceRoutes;
    private final TermRoutes termRoutes;
    /** Set once before {@link #routes}; unlimited unless the server is given rates. */
    private java.util.Optional<io.billow.api.RequestRates> rates = java.util.Optional.empty();

    /** Verifies a V3-signed native call and names its account, or throws a ProblemException. */
    public interface SignatureCheck {
        String accountOf(Context ctx, java.time.Instant wallNow);
    }

    public RestApi(String adminKey, AccountStore accounts, AccountRoutes accountRoutes, InstanceRoutes instanceRoutes,
                   MoneyRoutes moneyRoutes, ClockRoutes clockRoutes, UsageRoutes usageRoutes, SignatureCheck signatures,
                   WebhookRoutes webhookRoutes, ResourceRoutes resourceRoutes,
                   ProductRoutes productRoutes, TermRoutes termRoutes) {
        this.adminKey = adminKey;
        this.accounts = accounts;
        this.accountRoutes = accountRoutes;
        this.instanceRoutes = instanceRoutes;
        this.moneyRoutes = moneyRoutes;
        this.clockRoutes = clockRoutes;
        this.usageRoutes = usageRoutes;
        this.productRoutes = productRoutes;
        this.signatures = signatures;
        this.webhookRoutes = webhookRoutes;
        this.resourceRoutes = resourceRoutes;
        this.termRoutes = termRoutes;
    }

    /** This API, refusing an account's requests beyond {@code rates} with 429 and Retry-After. */
    public RestApi limitedBy(io.billow.api.RequestRates rates) {
        this.rates = java.util.Optional.of(rates);
        return this;
    }

    public void routes(JavalinConfig config) {
        // Here because this is where the server's configuration is at hand; it covers both APIs.
        HttpEdge.install(config);
        var r = config.routes;
        r.before("/api/v1/*", RestApi::refuseUnreadable);
        r.before("/api/v1/*", ctx -> {
            authenticate(ctx);
            throttle(ctx);
        });
        r.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApiDocument.json()));
        r.post("/api/v1/accounts", ctx -> accountRoutes.create(ctx, caller(ctx)));
        r.get("/api/v1/accounts", ctx -> AccountListRoutes.list(ctx, caller(ctx), accounts));
        r.get("/api/v1/accounts/{id}", ctx -> accountRoutes.get(ctx, caller(ctx)));
        r.post("/api/v1/accounts/{id}/top-ups", ctx -> accountRoutes.topUp(ctx, caller(ctx)));
        r.post("/api/v1/accounts/{id}/access-keys", ctx -> accountRoutes.createKey(ctx, caller(ctx)));
        r.post("/api/v1/accounts/{id}/coupons", ctx -> accountRoutes.addCoupon(ctx, caller(ctx)));
        r.post("/api/v1/accounts/{id}/service-linked-roles", ctx -> accountRoutes.addRole(ctx, caller(ctx)));
        r.post("/api/v1/accounts/{id}/discounts", ctx -> termRoutes.setDiscount(ctx, caller(ctx)));
        r.post("/api/v1/instances/{id}/refund-requests", ctx -> termRoutes.askRefund(ctx, caller(ctx)));
        r.get("/api/v1/refund-requests", ctx -> termRoutes.listRefunds(ctx, caller(ctx)));
        r.post("/api/v1/refund-requests/{id}/approve", ctx -> termRoutes.decideRefund(ctx, caller(ctx), true));
        r.post("/api/v1/refund-requests/{id}/decline", ctx -> termRoutes.decideRefund(ctx, caller(ctx), false));
        r.get("/api/v1/instances", ctx -> instanceRoutes.list(ctx, caller(ctx)));
        r.post("/api/v1/instances", ctx -> instanceRoutes.create(ctx, caller(ctx)));
        r.get("/api/v1/instances/{id}", ctx -> instanceRoutes.get(ctx, caller(ctx)));
        r.get("/api/v1/instances/{id}/timeline", ctx -> instanceRoutes.timeline(ctx, caller(ctx)));
        r.patch("/api/v1/instances/{id}/attributes", ctx -> instanceRoutes.setAttributes(ctx, caller(ctx)));
        r.post("/api/v1/instances/{id}/changes", ctx -> instanceRoutes.change(ctx, caller(ctx)));
        r.delete("/api/v1/instances/{id}", ctx -> instanceRoutes.release(ctx, caller(ctx)));
        for (String kind : resourceRoutes.kinds()) {
            r.get("/api/v1/instances/{id}/" + kind, ctx -> resourceRoutes.list(ctx, caller(ctx), kind));
            r.post("/api/v1/instances/{id}/" + kind, ctx -> resourceRoutes.create(ctx, caller(ctx), kind));
            r.delete("/api/v1/instances/{id}/" + kind + "/{name}", ctx -> resourceRoutes.delete(ctx, caller(ctx), kind));
        }
        r.post("/api/v1/instances/{id}/usage", ctx -> usageRoutes.recordUsage(ctx, caller(ctx)));
        r.post("/api/v1/estimates", ctx -> usageRoutes.estimate(ctx, caller(ctx)));
        // What product packages add (RDS: the serverless switch), behind the same authentication.
        for (ProductRoutes.Route route : productRoutes.routes()) {
            if (route.method().equals("POST")) {
                r.post(route.path(), ctx -> route.handler().handle(ctx, caller(ctx)));
            } else if (route.method().equals("DELETE")) {
                r.delete(route.path(), ctx -> route.handler().handle(ctx, caller(ctx)));
            } else {
                r.get(route.path(), ctx -> route.handler().handle(ctx, caller(ctx)));
            }
        }
        r.get("/api/v1/bills", ctx -> moneyRoutes.bills(ctx, caller(ctx)));
        r.get("/api/v1/orders", ctx -> moneyRoutes.orders(ctx, caller(ctx)));
        r.get("/api/v1/events", ctx -> moneyRoutes.events(ctx, caller(ctx)));
        r.get("/api/v1/catalog", ctx -> moneyRoutes.catalog(ctx));
        r.post("/api/v1/webhooks", ctx -> webhookRoutes.register(ctx, caller(ctx)));
        r.get("/api/v1/webhooks", ctx -> webhookRoutes.list(ctx, caller(ctx)));
        r.delete("/api/v1/webhooks/{id}", ctx -> webhookRoutes.delete(ctx, caller(ctx)));
        r.get("/api/v1/clock", ctx -> clockRoutes.get(ctx));
        r.post("/api/v1/clock", ctx -> clockRoutes.advance(ctx, caller(ctx)));
        r.put("/api/v1/provisioner", ctx -> clockRoutes.configureProvisioner(ctx, caller(ctx)));
        r.exception(ProblemException.class, (e, ctx) -> problem(ctx, e));
        r.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> problem(ctx, httpProblem(e, ctx)));
        r.exception(Exception.class, (e, ctx) -> {
            if (ConnectionFailure.isLost(e)) {
                LOG.warn("{} {}: the database connection was lost ({})", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", "1");
                problem(ctx, new ProblemException(Codes.SERVICE_UNAVAILABLE, "the database could not be reached (a failover may be"
                        + " under way); try again shortly, reading back first what you changed: it may have been saved"));
                return;
            }
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            problem(ctx, new ProblemException(Codes.INTERNAL_ERROR, "an internal error occurred; nothing was changed"));
        });
        // Error handlers run on the final status, after a handler or the exception mappers above may
        // have written their own JSON answer with it: that answer stands.
        r.error(404, "*", ctx -> {
            if (!answered(ctx)) {
                problem(ctx, noRoute(ctx));
            }
        });
        r.error(405, "*", ctx -> {
            if (!answered(ctx)) {
                problem(ctx, new ProblemException(Codes.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
    }

    private static ProblemException httpProblem(io.javalin.http.HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> noRoute(ctx);
            case 405 -> new ProblemException(Codes.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path());
            case 413 -> new ProblemException(Codes.REQUEST_TOO_LARGE, "the request body is larger than " + Json.MAX_BODY_BYTES + " bytes");
            default -> new ProblemException("BadRequest", e.getMessage());
        };
    }

    /**
     * The door: a query string or body that is not UTF-8, or holds a NUL, is refused before any
     * handler reads it (Jetty would decode it leniently, and PostgreSQL refuse it later).
     */
    private static void refuseUnreadable(Context ctx) {
        Optional<String> query = WireText.problemWith(Optional.ofNullable(ctx.queryString()).orElse(""), "query string");
        if (query.isPresent()) {
            throw new ProblemException(Codes.INVALID_PARAMETER, query.get());
        }
        if (ctx.req().getContentLengthLong() != 0 && !WireText.isCleanUtf8(bodyInTime(ctx))) {
            throw new ProblemException(Codes.MALFORMED_JSON, "the body is not valid UTF-8, or holds a NUL byte");
        }
    }

    /** The body, or a RequestTimeout refusal if it stopped arriving for longer than the server waits. */
    private static byte[] bodyInTime(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (Exception unread) { // Javalin lets Jetty's IOException through undeclared
            if (io.billow.api.RequestLimits.isTimeout(unread)) {
                throw new ProblemException(Codes.REQUEST_TIMEOUT, "the request body stopped arriving; send it whole within the timeout");
            }
            throw RestApi.<RuntimeException>unchanged(unread);
        }
    }

    /** Rethrows {@code e} as it is, so that Javalin still tells a client that went away from a fault. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E unchanged(Exception e) throws E {
        throw (E) e;
    }

    /** Every path outside /api/ is the RPC API's, on GET and POST: there, no route means another method. */
    private static ProblemException noRoute(Context ctx) {
        if (isRpc(ctx)) {
            return new ProblemException(Codes.METHOD_NOT_ALLOWED, "the RPC API answers GET and POST, not " + ctx.method());
        }
        return new ProblemException(Codes.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path());
    }

    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    /** An account over its rate is refused before anything runs; the operator is never throttled. */
    private void throttle(Context ctx) {
        Caller caller = caller(ctx);
        if (caller == null || caller.operator() || rates.isEmpty()) {
            return;
        }
        java.util.OptionalLong wait = rates.get().admit(caller.accountId());
        if (wait.isPresent()) {
            ctx.header("Retry-After", String.valueOf(wait.getAsLong()));
            throw new ProblemException(Codes.THROTTLING_USER, "too many requests from account " + caller.accountId()
                    + "; retry after " + wait.getAsLong() + " s");
        }
    }

    /** Bearer operator key, Bearer AccessKeyId:AccessKeySecret of an account, or a V3 signature. */
    private void authenticate(Context ctx) {
        // Public: the API's description, and what an RPC error's Recommend link points at (a browser follows it without keys).
        if (ctx.path().equals("/api/v1/openapi.json") || ctx.path().equals(io.billow.api.rpc.Diagnoses.PATH)) {
            return;
        }
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (header.startsWith("ACS3-HMAC-SHA256 ")) {
            // Signed with real time by the caller, so judged by the wall clock even under --simulated-clock.
            ctx.attribute(CALLER, Caller.ofAccount(signatures.accountOf(ctx, new io.billow.clock.SystemClock().now())));
            return;
        }
        if (!header.startsWith("Bearer ")) {
            throw new ProblemException(Codes.UNAUTHORIZED, "send Authorization: Bearer <operator key>, Bearer <AccessKeyId>:<AccessKeySecret>"
                    + " or an ACS3-HMAC-SHA256 signature");
        }
        // Exactly what follows "Bearer ": a key with anything around it is another key.
        String token = header.substring("Bearer ".length());
        if (KeyComparison.matches(token, adminKey)) {
            ctx.attribute(CALLER, Caller.asOperator());
            return;
        }
        int colon = token.indexOf(':');
        if (colon > 0) {
            String keyId = token.substring(0, colon);
            String secret = token.substring(colon + 1);
            var key = accounts.findKey(keyId);
            if (key.isPresent() && KeyComparison.matches(secret, key.get().accessKeySecret())) {
                ctx.attribute(CALLER, Caller.ofAccount(key.get().accountId()));
                return;
            }
        }
        throw new ProblemException(Codes.UNAUTHORIZED, "the credentials are not valid");
    }

    /**
     * Writes a refusal in the shape of the request's API: Javalin's own refusals and faults reach
     * these handlers for RPC paths too, whose clients read only the RPC shape.
     */
    static void problem(Context ctx, ProblemException e) {
        // Most refusals come before the body is read (a bad query, a missing key, an unknown id):
        // read it to its end, bounded, so that the answer reaches a client still writing it.
        RequestBodies.discardRefused(ctx.req());
        if (isRpc(ctx)) {
            RpcGateway.refuse(ctx, RpcError.of(e.first().code(), Statuses.of(e.first().code()), e.first().message()));
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("code", e.first().code()).put("message", e.first().message());
        if (e.problems().size() > 1) {
            ArrayNode v = body.putArray("violations");
            for (Problem p : e.problems()) {
                v.addObject().put("code", p.code()).put("message", p.message());
            }
        }
        ctx.status(Statuses.of(e.first().code())).contentType("application/json").result(body.toString());
    }

    private static boolean answered(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    private static boolean isRpc(Context ctx) {
        return !ctx.path().startsWith("/api/");
    }

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}
