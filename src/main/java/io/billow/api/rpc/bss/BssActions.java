package io.billow.api.rpc.bss;

import io.billow.account.AccountStore;
import io.billow.api.rpc.ClientTokens;
import io.billow.catalog.Catalog;
import io.billow.change.ChangeRequests;
import org.jdbi.v3.core.Handle;
import io.billow.api.rpc.RpcActions;
import org.jdbi.v3.core.Jdbi;

/** BSS OpenAPI, version 2017-12-14: balance, bills, orders and renewals as Billow keeps them. */
public final class BssActions {

    public static final String VERSION = "2017-12-14";

    private final Jdbi jdbi;
    private final AccountStore accounts;
    private final ChangeRequests changes;
    private final ClientTokens<Handle> tokens;
    private final Catalog catalog;

    public BssActions(Jdbi jdbi, AccountStore accounts, ChangeRequests changes, ClientTokens<Handle> tokens, Catalog catalog) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.accounts = accounts;
        this.changes = changes;
        this.tokens = tokens;
    }

    public void register(RpcActions actions) {
        Orders orders = new Orders(jdbi);
        actions.register(VERSION, "QueryAccountBalance", new QueryAccountBalance(accounts))
                .register(VERSION, "QueryInstanceBill", new QueryInstanceBill(jdbi, accounts, catalog))
                .register(VERSION, "QueryOrders", orders::query)
                .register(VERSION, "GetOrderDetail", orders::detail);
        Renewals renewals = new Renewals(jdbi, changes, tokens);
        actions.register(VERSION, "RenewInstance", renewals::renew)
                .register(VERSION, "SetRenewal", renewals::setRenewal)
                .register(VERSION, "QueryAvailableInstances", renewals::queryAvailable);
    }
}
