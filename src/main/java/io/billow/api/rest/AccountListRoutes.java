package io.billow.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.problem.Codes;
import io.billow.problem.ProblemException;
import io.javalin.http.Context;

import java.util.List;

/**
 * The operator's directory of accounts: {@code GET /api/v1/accounts?q=&after=&limit=}, in id
 * order, paged by the last id seen (as the instance list is), so a picker stays fast however
 * many tenants there are. A tenant's key is refused: no account learns another exists.
 */
final class AccountListRoutes {

    static final int MAX_LIMIT = 200;
    private static final int MAX_SEARCH = 100;

    private AccountListRoutes() {
    }

    static void list(Context ctx, Caller caller, AccountStore accounts) {
        caller.requireOperator();
        int limit = Params.integer(ctx, "limit", 50, 1, MAX_LIMIT);
        String q = trimmed(ctx.queryParam("q"));
        if (q != null && q.length() > MAX_SEARCH) {
            throw new ProblemException(Codes.INVALID_PARAMETER, "q must be at most " + MAX_SEARCH + " characters, got " + q.length());
        }
        // One more than asked says whether there is a next page without a count over the table.
        List<Account> found = accounts.page(q, ctx.queryParam("after"), limit + 1);
        List<Account> page = found.subList(0, Math.min(limit, found.size()));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("accounts");
        page.forEach(a -> items.addObject().put("accountId", a.id()).put("name", a.name()).put("currency", a.currency())
                .put("balance", a.balance().toPlainString())
                .put("overdueSince", a.overdueSince() == null ? null : a.overdueSince().toString()));
        out.put("next", found.size() > limit ? page.get(page.size() - 1).id() : null);
        RestApi.json(ctx, 200, out);
    }

    private static String trimmed(String q) {
        return q == null || q.isBlank() ? null : q.strip();
    }
}
