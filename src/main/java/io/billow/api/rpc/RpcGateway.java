package io.billow.api.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billow.api.RequestBodies;
import io.billow.api.RequestRates;
import io.billow.store.ConnectionFailure;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of the Alibaba-compatible RPC API: reads the request, authenticates it, finds
 * the action by version and name, runs it and writes its answer or its error as JSON.
 *
 * <p>The SDKs post to the root path, some to other paths of the endpoint; every path not under
 * {@code /api/} is taken as an RPC call, and paths under {@code /api/} belong to the native
 * REST API. The order of checks: body size and parameter limits, authentication (so nothing
 * about the API is told to an unsigned caller), then the action, then the caller's account.
 *
 * <p>Every answer is JSON. An error has Alibaba's body and its status; a fault the gateway did
 * not expect is logged with its request id and answered {@code InternalError}, with nothing of
 * it in the body.
 */
public final class RpcGateway implements Handler {

    public static final int MAX_BODY_BYTES = RequestBodies.MAX_BODY_BYTES;
    public static final String CONTENT_TYPE = "application/json;charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(RpcGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HOST_ID_LENGTH = 255;

    private final RequestAuthenticator authenticator;
    private final KeyAccounts accounts;
    private final RpcActions actions;
    private final Supplier<Instant> clock;
    private final Supplier<Instant> signatureClock;
    private final ExceptionTranslator translator;
    private final Supplier<String> requestIds;
    private final Diagnoses diagnoses;
    /** Per-account rates; {@link #UNLIMITED} unless the server sets them. */
    private final RequestRates rates;
    private static final RequestRates UNLIMITED = new RequestRates(Double.MAX_VALUE, Integer.MAX_VALUE, System::nanoTime);

    public RpcGateway(RequestAuthenticator authenticator, KeyAccounts accounts, RpcActions actions,
            Supplier<Instant> clock) {
        this(authenticator, accounts, actions, clock, clock, ExceptionTranslator.none(), RequestIds.random(), new Diagnoses(), UNLIMITED);
    }

    private RpcGateway(RequestAuthenticator authenticator, KeyAccounts accounts, RpcActions actions,
            Supplier<Instant> clock, Supplier<Instant> signatureClock, ExceptionTranslator translator,
            Supplier<String> requestIds, Diagnoses diagnoses, RequestRates rates) {
        this.rates = Objects.requireNonNull(rates, "rates");
        this.diagnoses = Objects.requireNonNull(diagnoses, "diagnoses");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signatureClock = Objects.requireNonNull(signatureClock, "signatureClock");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
    }

    /** This gateway, translating the server's own exceptions thrown by actions with {@code translator}. */
    public RpcGateway withTranslator(ExceptionTranslator translator) {
        return new RpcGateway(authenticator, accounts, actions, clock, signatureClock, translator, requestIds, diagnoses, rates);
    }

    /**
     * This gateway, judging request timestamps by {@code signatureClock} instead of the clock
     * actions see. Needed when Billow runs a simulated clock: the SDKs date their requests by
     * the real time, so after the simulation has been advanced a month every request would be
     * {@code InvalidTimeStamp.Expired} by the simulated clock. The nonce store must then purge
     * by this same clock, as nonce expiries derive from request timestamps.
     */
    public RpcGateway withSignatureClock(Supplier<Instant> signatureClock) {
        return new RpcGateway(authenticator, accounts, actions, clock, signatureClock, translator, requestIds, diagnoses, rates);
    }

    /** This gateway, refusing an account's calls beyond {@code rates} with {@code Throttling.User}. */
    public RpcGateway withRates(RequestRates rates) {
        return new RpcGateway(authenticator, accounts, actions, clock, signatureClock, translator, requestIds, diagnoses, rates);
    }

    /** What this gateway's Recommend links answer, for the route that serves them. */
    public Diagnoses diagnoses() {
        return diagnoses;
    }

    /** This gateway, numbering requests with {@code requestIds} (seeded in simulations). */
    public RpcGateway withRequestIds(Supplier<String> requestIds) {
        return new RpcGateway(authenticator, accounts, actions, clock, signatureClock, translator, requestIds, diagnoses, rates);
    }

    /**
     * Routes {@code GET} and {@code POST} of every path to this gateway. Register the
     * {@code /api/} routes first: Javalin runs the first endpoint that matches, and a request
     * under {@code /api/} that reaches the gateway is answered 404 by Javalin.
     */
    public void addRoutes(RoutesConfig routes) {
        for (String path : new String[] {"/", "/<path>"}) {
            routes.get(path, this);
            routes.post(path, this);
        }
    }

    /**
     * Whether a request to a shared path looks like an RPC call: it names an action in its
     * query string or in {@code x-acs-action}, or is signed with V3, or posts a form. Lets a
     * server put the console and the RPC API both on {@code GET /}.
     */
    public static boolean isRpcRequest(Context ctx) {
        String query = Optional.ofNullable(ctx.queryString()).orElse("");
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("");
        String authorization = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        return query.startsWith("Action=") || query.contains("&Action=")
                || ctx.header("x-acs-action") != null
                || Acs3Authorization.isV3(authorization)
                || contentType.startsWith("application/x-www-form-urlencoded");
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.path().startsWith("/api/")) {
            throw new NotFoundResponse();
        }
        String requestId = requestIds.get();
        Outcome<RpcResult> reply;
        try {
            reply = answer(ctx, requestId);
        } catch (RpcFailure failure) {
            reply = Outcome.failed(failure.error());
        } catch (RuntimeException exception) {
            reply = Outcome.failed(translate(exception, requestId));
        }
        if (reply instanceof Outcome.Failed<RpcResult> failed && failed.error().recommend().isEmpty()) {
            diagnoses.record(requestId, failed.error(), ctx, signatureClock.get());
        }
        write(ctx, requestId, reply);
    }

    private Outcome<RpcResult> answer(Context ctx, String requestId) {
        Outcome<byte[]> body = readBody(ctx);
        if (body instanceof Outcome.Failed<byte[]> failed) {
            return Outcome.failed(failed.error());
        }
        Outcome<RpcRequest> parsed = RpcRequest.fromHttp(ctx.method().name(), ctx.path(), ctx.queryString(),
                ctx.headerMap(), ((Outcome.Ok<byte[]>) body).value());
        if (parsed instanceof Outcome.Failed<RpcRequest> failed) {
            return Outcome.failed(failed.error());
        }
        RpcRequest request = ((Outcome.Ok<RpcRequest>) parsed).value();
        Outcome<Caller> authenticated = authenticator.authenticate(request, signatureClock.get());
        if (authenticated instanceof Outcome.Failed<Caller> failed) {
            return Outcome.failed(failed.error());
        }
        Caller caller = ((Outcome.Ok<Caller>) authenticated).value();
        Optional<String> action = request.action().filter(name -> !name.isEmpty());
        if (action.isEmpty()) {
            return Outcome.failed(RpcError.missingParameter("Action"));
        }
        Optional<String> version = request.version().filter(name -> !name.isEmpty());
        if (version.isEmpty()) {
            return Outcome.failed(RpcError.missingParameter("Version"));
        }
        Outcome<RpcAction> found = actions.find(version.get(), action.get());
        if (found instanceof Outcome.Failed<RpcAction> failed) {
            return Outcome.failed(failed.error());
        }
        Optional<String> account = accounts.accountOf(caller.accessKeyId());
        if (account.isEmpty()) {
            return Outcome.failed(RpcError.accessKeyNotFound(caller.accessKeyId()));
        }
        java.util.OptionalLong wait = rates.admit(account.get());
        if (wait.isPresent()) {
            ctx.header("Retry-After", String.valueOf(wait.getAsLong()));
            return Outcome.failed(RpcError.of(io.billow.problem.Codes.THROTTLING_USER, 429,
                    "Request was denied due to user flow control."));
        }
        RpcCall call = new RpcCall(caller, account.get(), action.get(), version.get(),
                RpcParameters.of(request.parameters()), requestId, clock.get(), request.headers());
        RpcResult result = ((Outcome.Ok<RpcAction>) found).value().handle(call);
        if (result == null) {
            throw new IllegalStateException("action " + action.get() + " answered null");
        }
        return Outcome.ok(result);
    }

    private RpcError translate(RuntimeException exception, String requestId) {
        Optional<RpcError> known = translator.translateOrEmpty(exception);
        if (known.isPresent()) {
            return known.get();
        }
        if (ConnectionFailure.isLost(exception)) {
            LOG.warn("RPC request {}: the database connection was lost ({})", requestId, exception.getMessage());
            return RpcError.databaseUnavailable();
        }
        LOG.error("RPC request {} failed", requestId, exception);
        return new RpcError("InternalError", 500, "The request processing has failed due to some unknown error.",
                "Report RequestId " + requestId + " to the operator of this Billow server; the server log has the cause.");
    }

    /**
     * Reads at most one byte more than the limit, so a body sent without a length (chunked) is
     * refused as soon as it is too long instead of read to its end. Reading to the end is also
     * what keeps a connection usable: an empty chunked body (the Tea SDK's DELETE) must be
     * consumed before the next request on it can be parsed. Shared with the ROA gateway.
     */
    public static Outcome<byte[]> readBody(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            RequestBodies.discardRefused(ctx.req());
            return Outcome.failed(bodyTooLarge());
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                RequestBodies.discardRefused(ctx.req());
                return Outcome.failed(bodyTooLarge());
            }
            return Outcome.ok(body);
        } catch (IOException unreadable) {
            if (io.billow.api.RequestLimits.isTimeout(unreadable)) {
                return Outcome.failed(RpcError.of(io.billow.problem.Codes.REQUEST_TIMEOUT, 408,
                        "The request body stopped arriving; send it whole within the timeout."));
            }
            return Outcome.failed(RpcError.of("InvalidParameter", 400,
                    "The request body could not be read: " + unreadable.getMessage()));
        }
    }

    /**
     * Writes {@code error} in this API's shape for a request the web layer refused before it
     * reached {@link #handle} (a method the API does not answer), with a request id of its own.
     */
    public static void refuse(Context ctx, RpcError error) {
        write(ctx, RequestIds.random().get(), Outcome.failed(error));
    }

    private static RpcError bodyTooLarge() {
        return RpcError.of("InvalidParameter", 400, "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    private static void write(Context ctx, String requestId, Outcome<RpcResult> reply) {
        int status = 200;
        byte[] bytes;
        try {
            if (reply instanceof Outcome.Failed<RpcResult> failed) {
                RpcError error = failed.error();
                status = error.httpStatus();
                String recommend = error.recommend().isEmpty() ? Diagnoses.link(ctx, error.code(), requestId) : error.recommend();
                bytes = JSON.writeValueAsBytes(new RpcErrorBody(requestId, hostId(ctx), error.code(),
                        error.message(), recommend));
            } else {
                bytes = JSON.writeValueAsBytes(((Outcome.Ok<RpcResult>) reply).value().withRequestId(requestId));
            }
        } catch (JsonProcessingException unwritable) {
            LOG.error("RPC request {}: the answer could not be written as JSON", requestId, unwritable);
            status = 500;
            bytes = ("{\"RequestId\":\"" + requestId + "\",\"Code\":\"InternalError\","
                    + "\"Message\":\"The request processing has failed due to some unknown error.\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        ctx.status(status);
        ctx.contentType(CONTENT_TYPE);
        ctx.result(bytes);
    }

    /** The endpoint the caller addressed, as Alibaba's HostId names the endpoint that answered. */
    private static String hostId(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            return "billow";
        }
        return host.length() > MAX_HOST_ID_LENGTH ? host.substring(0, MAX_HOST_ID_LENGTH) : host;
    }
}
