package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.AccountStore;
import io.billow.clock.BillowClock;
import io.billow.order.Discounts;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.billow.subscription.RefundRequests;
import io.javalin.http.Context;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;

/**
 * What an operator grants on terms bought: an account's discount (operator only), and
 * whole-instance refund requests (asked by the tenant, approved or declined by the operator).
 */
public final class TermRoutes {

    record DiscountBody(BigDecimal percent) {
    }

    record RefundBody(String accountId, String reason) {
    }

    /** A limit on one listing of requests. */
    static final int MAX_LISTED = 1000;

    private final Jdbi jdbi;
    private final AccountStore accounts;
    private final RefundRequests refunds;
    private final BillowClock clock;

    public TermRoutes(Jdbi jdbi, AccountStore accounts, RefundRequests refunds, BillowClock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.refunds = refunds;
        this.clock = clock;
    }

    /** {@code POST /api/v1/accounts/{id}/discounts {"percent": 15}}: 0 removes it; applies to terms bought from now on. */
    void setDiscount(Context ctx, Caller caller) {
        caller.requireOperator();
        String id = accounts.get(ctx.pathParam("id")).id();
        BigDecimal percent = Json.read(ctx.body(), DiscountBody.class).percent();
        if (percent == null) {
            throw new ProblemException(Codes.MISSING_PARAMETER, "percent is required (0 to below 100; 0 removes the discount)");
        }
        if (percent.signum() < 0 || percent.compareTo(Discounts.MAX_PERCENT) >= 0 || percent.stripTrailingZeros().scale() > 2) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "percent must be at least 0 and below 100, with at most two decimals, got "
                    + percent.toPlainString());
        }
        jdbi.useTransaction(h -> Discounts.set(h, id, percent, clock.now()));
        RestApi.json(ctx, 200, Json.MAPPER.createObjectNode().put("accountId", id).put("percent", percent.toPlainString()));
    }

    /** {@code POST /api/v1/instances/{id}/refund-requests {"reason": ...}}: waits for an operator's decision. */
    void askRefund(Context ctx, Caller caller) {
        RefundBody body = ctx.body().isBlank() ? new RefundBody(null, null) : Json.read(ctx.body(), RefundBody.class);
        String account = caller.scope(body.accountId());
        RefundRequests.Request r = jdbi.inTransaction(h -> refunds.ask(h, account, ctx.pathParam("id"), body.reason(), clock.now()));
        RestApi.json(ctx, 201, RefundRequests.view(r));
    }

    void listRefunds(Context ctx, Caller caller) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("refundRequests");
        jdbi.withHandle(h -> refunds.list(h, caller.scope(null), MAX_LISTED)).forEach(r -> items.add(RefundRequests.view(r)));
        RestApi.json(ctx, 200, out);
    }

    /** {@code POST /api/v1/refund-requests/{id}/approve} or {@code /decline}: operator only, once. */
    void decideRefund(Context ctx, Caller caller, boolean approve) {
        caller.requireOperator();
        RefundRequests.Request r = jdbi.inTransaction(h -> refunds.decide(h, ctx.pathParam("id"), approve, clock.now()));
        RestApi.json(ctx, 200, RefundRequests.view(r));
    }
}
