package io.billow.server;

import io.billow.account.AccountStore;
import io.billow.api.rest.Statuses;
import io.billow.api.roa.RoaGateway;
import io.billow.api.roa.RoaRoutes;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.ExceptionTranslator;
import io.billow.api.rpc.JdbiNonceStore;
import io.billow.api.rpc.JdbiTransactions;
import io.billow.api.rpc.RequestAuthenticator;
import io.billow.api.rpc.RpcActions;
import io.billow.api.rpc.RpcGateway;
import io.billow.api.rpc.bss.BssActions;
import io.billow.api.rpc.ram.RoleActions;
import io.billow.product.ProductModule;
import io.billow.clock.BillowClock;
import io.billow.clock.SystemClock;
import io.billow.problem.ProblemException;
import io.billow.rating.PriceNotFoundException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/**
 * Builds the Alibaba-compatible RPC gateway of a server: its actions, how its keys are found,
 * and how the engine's refusals become RPC errors.
 */
final class RpcApi {

    /** Expired nonces are purged once in this many requests, a batch at a time. */
    private static final int NONCE_PURGE_EVERY = 1_000;

    private RpcApi() {
    }

    /** Signature checks shared by the RPC gateway and V3-signed native calls (one nonce store for both). */
    static RequestAuthenticator authenticator(Jdbi jdbi, AccountStore accounts) {
        return new RequestAuthenticator(id -> accounts.findKey(id).map(AccountStore.AccessKey::accessKeySecret),
                new JdbiNonceStore(jdbi, new SystemClock()::now, NONCE_PURGE_EVERY));
    }

    static RpcGateway gateway(RequestAuthenticator authenticator, BillowClock clock, AccountStore accounts, List<ProductModule> products,
                              BssActions bss) {
        // The SDKs date and sign requests with the real time, so signatures are judged by the wall
        // clock even under --simulated-clock; the actions see the business clock.
        BillowClock wall = new SystemClock();
        RpcActions actions = new RpcActions();
        products.forEach(p -> p.registerRpc(actions));
        new RoleActions(accounts).register(actions);
        bss.register(actions);
        return new RpcGateway(authenticator, id -> accounts.findKey(id).map(AccountStore.AccessKey::accountId), actions, clock::now)
                .withSignatureClock(wall::now)
                .withTranslator(translator());
    }

    /**
     * The ROA gateway of the products that have a ROA API, on the same signatures, nonces, keys
     * and error translation as the RPC gateway; empty (no routes) when no offered product has one.
     */
    static RoaGateway roaGateway(RequestAuthenticator authenticator, BillowClock clock, AccountStore accounts, List<ProductModule> products) {
        RoaRoutes routes = new RoaRoutes();
        products.forEach(p -> p.registerRoa(routes));
        BillowClock wall = new SystemClock();
        return new RoaGateway(authenticator, id -> accounts.findKey(id).map(AccountStore.AccessKey::accountId), routes, clock::now,
                wall::now, translator());
    }

    static ClientTokens<Handle> clientTokens(Jdbi jdbi, BillowClock clock) {
        return new ClientTokens<>(new JdbiTransactions(jdbi, clock::now));
    }

    /** The engine refuses with the first problem in its table order; the native API lists them all. */
    static ExceptionTranslator translator() {
        return ExceptionTranslator.forType(ProblemException.class, e -> e.first().code(), e -> e.first().message(), Statuses::of)
                .orElse(ExceptionTranslator.forType(PriceNotFoundException.class, e -> PriceNotFoundException.CODE,
                        RuntimeException::getMessage, Statuses::of));
    }
}
