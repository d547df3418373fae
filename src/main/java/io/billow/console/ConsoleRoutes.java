package io.billow.console;

import io.billow.problem.Codes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.AccountStore;
import io.billow.account.KeyComparison;
import io.billow.api.rest.Statuses;
import io.billow.api.rpc.RpcGateway;
import io.billow.catalog.BillingMethod;
import io.billow.catalog.Catalog;
import io.billow.change.ChangeRequests;
import io.billow.clock.BillowClock;
import io.billow.problem.ProblemException;
import io.billow.store.ConnectionFailure;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The web console's routes, in one place: its page at {@code /} (beside the RPC API, which keeps
 * every request that looks like an RPC call), its files, sign-in, and {@code /console/api/v1/...},
 * a same-origin door to the native API that adds the session's key.
 */
public final class ConsoleRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    static final String COOKIE = "billow_console";
    static final String CSRF_HEADER = "X-Billow-CSRF";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A console handler; whatever it throws is answered as JSON here, never as a 500 page. */
    @FunctionalInterface
    interface Handler {
        void handle(Context ctx) throws Exception;
    }

    private final String adminKey;
    private final AccountStore accounts;
    /** Sessions and sign-in attempts age in real time, even while billing runs on a simulated clock. */
    private final BillowClock wallClock;
    private final ConsoleSessions sessions = new ConsoleSessions();
    private final SignInThrottle throttle = new SignInThrottle();
    private final Assets assets = new Assets();
    private final InstanceList list;
    private final InstanceActions actions;

    /** @param termActions the subscription engine's action names, offered only on subscriptions */
    public ConsoleRoutes(String adminKey, AccountStore accounts, Jdbi jdbi, Catalog catalog, ChangeRequests changes, Set<String> termActions,
                         BillowClock wallClock) {
        this.adminKey = adminKey;
        this.accounts = accounts;
        this.wallClock = wallClock;
        this.list = new InstanceList(jdbi);
        this.actions = new InstanceActions(jdbi, catalog, changes, termActions);
    }

    /** Before the RPC gateway's catch-all routes. */
    public void install(RoutesConfig r) {
        r.before("/", ctx -> {
            if (ctx.method() == HandlerType.GET && !RpcGateway.isRpcRequest(ctx)) {
                assets.own(ctx, "index.html");
                ctx.skipRemainingHandlers();
            }
        });
        r.get("/api/docs", guarded(ctx -> assets.own(ctx, "docs.html")));
        r.get("/console/assets/{file}", guarded(ctx -> found(ctx, assets.own(ctx, ctx.pathParam("file")))));
        r.get("/console/vendor/{file}", guarded(ctx -> found(ctx, assets.vendor(ctx, ctx.pathParam("file")))));
        r.post("/console/session", guarded(this::signIn));
        r.get("/console/session", guarded(ctx -> describe(ctx, session(ctx))));
        r.delete("/console/session", guarded(this::signOut));
        r.put("/console/session/account", guarded(this::actAs));
        r.get("/console/instances", guarded(this::instances));
        r.get("/console/instances/{id}/actions", guarded(ctx -> {
            ConsoleSessions.Session s = session(ctx);
            ObjectNode out = JSON.createObjectNode();
            actions.of(scope(s), ctx.pathParam("id")).forEach(out.putArray("actions")::add);
            json(ctx, 200, out);
        }));
        r.get("/console/bills.csv", guarded(this::billsCsv));
        Handler proxy = this::proxy;
        r.get("/console/api/v1/<path>", guarded(proxy));
        r.post("/console/api/v1/<path>", guarded(proxy));
        r.put("/console/api/v1/<path>", guarded(proxy));
        r.patch("/console/api/v1/<path>", guarded(proxy));
        r.delete("/console/api/v1/<path>", guarded(proxy));
        r.get("/console/<path>", guarded(ctx -> found(ctx, false)));
    }

    private void signIn(Context ctx) {
        Instant now = wallClock.now();
        String address = ctx.ip();
        Duration wait = throttle.waitFor(address, now);
        if (!wait.isZero()) {
            ctx.header("Retry-After", String.valueOf(wait.toSeconds()));
            refuse(ctx, 429, "Throttling", "too many failed sign-ins from this address; try again in " + wait.toSeconds() + " s");
            return;
        }
        String key = readBody(ctx).path("accessKey").asText("");
        Optional<ConsoleSessions.Session> opened = open(key, now);
        if (opened.isEmpty()) {
            throttle.failed(address, now);
            refuse(ctx, 401, "Unauthorized", "that key is not valid: give the operator key, or an account's AccessKeyId:AccessKeySecret");
            return;
        }
        throttle.succeeded(address);
        ConsoleSessions.Session s = opened.get();
        ctx.header("Set-Cookie", COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + ConsoleSessions.IDLE.toSeconds());
        describe(ctx, s);
    }

    private Optional<ConsoleSessions.Session> open(String key, Instant now) {
        if (!key.isEmpty() && KeyComparison.matches(key, adminKey)) {
            return Optional.of(sessions.open(key, true, Optional.empty(), now));
        }
        int colon = key.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return accounts.findKey(key.substring(0, colon))
                .filter(k -> KeyComparison.matches(key.substring(colon + 1), k.accessKeySecret()))
                .map(k -> sessions.open(key, false, Optional.of(k.accountId()), now));
    }

    private void signOut(Context ctx) {
        ConsoleSessions.Session s = changing(ctx);
        sessions.close(s.id());
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        json(ctx, 200, JSON.createObjectNode().put("signedOut", true));
    }

    /** The operator chooses the account the console shows, or none for all of them. */
    private void actAs(Context ctx) {
        ConsoleSessions.Session s = changing(ctx);
        if (!s.operator()) {
            throw new ProblemException("Forbidden", "only the operator can switch accounts");
        }
        Optional<String> account = Optional.of(readBody(ctx).path("accountId").asText("")).filter(a -> !a.isBlank());
        if (account.isPresent() && accounts.find(account.get()).isEmpty()) {
            throw new ProblemException("NotFound", "no account " + account.get());
        }
        ConsoleSessions.Session acting = s.actingAs(account);
        sessions.replace(acting);
        describe(ctx, acting);
    }

    private void instances(Context ctx) {
        ConsoleSessions.Session s = session(ctx);
        int size = Math.max(1, Math.min(InstanceList.MAX_PAGE_SIZE, intParam(ctx, "size", 20)));
        int page = Math.max(0, Math.min(1_000_000, intParam(ctx, "page", 0)));
        Optional<BillingMethod> method = param(ctx, "billingMethod").map(BillingMethod::parse);
        InstanceList.Filter f = new InstanceList.Filter(s.accountId(), param(ctx, "product"), param(ctx, "status"), method,
                param(ctx, "q").map(q -> q.length() > 100 ? q.substring(0, 100) : q), "true".equals(ctx.queryParam("released")));
        json(ctx, 200, list.page(f, page, size));
    }

    private void billsCsv(Context ctx) throws Exception {
        ConsoleSessions.Session s = session(ctx);
        String query = Optional.ofNullable(ctx.queryString()).orElse("");
        ApiProxy.Answer a = ApiProxy.get(ctx, ScopedCalls.path("/api/v1/bills", query, s), s.token());
        if (a.status() != 200) {
            ctx.status(a.status()).contentType(a.contentType()).result(a.body());
            return;
        }
        ctx.status(200).contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"bills.csv\"")
                .result(BillCsv.of(JSON.readTree(a.body())));
    }

    private void proxy(Context ctx) throws Exception {
        ConsoleSessions.Session s = ctx.method() == HandlerType.GET ? session(ctx) : changing(ctx);
        String apiPath = ctx.path().substring("/console".length());
        ApiProxy.Answer a = ApiProxy.forward(ctx, apiPath, s, ScopedCalls.body(ctx, apiPath, s));
        ctx.status(a.status()).contentType(a.contentType()).result(a.body());
    }

    /** The signed-in session, or a 401. */
    private ConsoleSessions.Session session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE), wallClock.now())
                .orElseThrow(() -> new ProblemException("Unauthorized", "sign in to the console first"));
    }

    /** The session of a change: it must carry the session's CSRF token, which another site's page cannot read. */
    private ConsoleSessions.Session changing(Context ctx) {
        ConsoleSessions.Session s = session(ctx);
        if (!s.csrfMatches(ctx.header(CSRF_HEADER))) {
            throw new ProblemException("Forbidden", "a change needs the session's " + CSRF_HEADER + " header");
        }
        return s;
    }

    static String scope(ConsoleSessions.Session s) {
        return s.accountId().orElse(null);
    }

    private static void describe(Context ctx, ConsoleSessions.Session s) {
        json(ctx, 200, JSON.createObjectNode().put("operator", s.operator()).put("accountId", s.accountId().orElse(null)).put("csrf", s.csrf()));
    }

    private static void found(Context ctx, boolean sent) {
        if (!sent) {
            refuse(ctx, 404, "NotFound", "no such console page: " + ctx.path());
        }
    }

    private static io.javalin.http.Handler guarded(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (ProblemException e) {
                refuse(ctx, Statuses.of(e.first().code()), e.first().code(), e.first().message());
            } catch (IllegalArgumentException e) {
                refuse(ctx, 400, "InvalidParameter", e.getMessage());
            } catch (Exception e) {
                if (ConnectionFailure.isLost(e)) {
                    refuse(ctx, 503, Codes.SERVICE_UNAVAILABLE, "the database could not be reached; try again shortly");
                    return;
                }
                LOG.error("console failure on {} {}", ctx.method(), ctx.path(), e);
                refuse(ctx, 502, "ConsoleError", "the console could not complete the request; nothing was changed by it");
            }
        };
    }

    private static JsonNode readBody(Context ctx) {
        try {
            return JSON.readTree(ctx.body().isEmpty() ? "{}" : ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
    }

    private static int intParam(Context ctx, String name, int fallback) {
        try {
            return param(ctx, name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    static void refuse(Context ctx, int status, String code, String message) {
        json(ctx, status, JSON.createObjectNode().put("code", code).put("message", message));
    }

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").header("Cache-Control", "no-store").result(body.toString());
    }
}
