package io.billow.server;

import io.billow.account.AccountStore;
import io.billow.api.rest.RestApi;
import io.billow.api.rpc.Caller;
import io.billow.api.rpc.Outcome;
import io.billow.api.rpc.RequestAuthenticator;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcRequest;
import io.billow.problem.ProblemException;
import io.javalin.http.Context;

/**
 * Native calls signed like the cloud's own V3 requests ({@code Authorization: ACS3-HMAC-SHA256 …}):
 * the same verification as the RPC gateway (signature, ±15 min, nonce), answered as a native error.
 */
final class SignedNativeCalls implements RestApi.SignatureCheck {

    private final RequestAuthenticator authenticator;
    private final AccountStore accounts;

    SignedNativeCalls(RequestAuthenticator authenticator, AccountStore accounts) {
        this.authenticator = authenticator;
        this.accounts = accounts;
    }

    @Override
    public String accountOf(Context ctx, java.time.Instant wallNow) {
        Outcome<RpcRequest> parsed = RpcRequest.fromHttp(ctx.method().name(), ctx.path(), ctx.queryString(), ctx.headerMap(),
                ctx.bodyAsBytes());
        if (parsed instanceof Outcome.Failed<RpcRequest> failed) {
            throw refused(failed.error());
        }
        Outcome<Caller> caller = authenticator.authenticate(((Outcome.Ok<RpcRequest>) parsed).value(), wallNow);
        if (caller instanceof Outcome.Failed<Caller> failed) {
            throw refused(failed.error());
        }
        String keyId = ((Outcome.Ok<Caller>) caller).value().accessKeyId();
        return accounts.findKey(keyId).orElseThrow(() -> refused(RpcError.accessKeyNotFound(keyId))).accountId();
    }

    private static ProblemException refused(RpcError error) {
        return new ProblemException(error.code(), error.message());
    }
}
