package io.billow.api.rpc.bss;

import io.billow.account.AccountStore;
import io.billow.api.rpc.RpcActions;
import org.jdbi.v3.core.Jdbi;

/** BSS OpenAPI, version 2017-12-14: balance, bills and orders as Billow keeps them. */
public final class BssActions {

    public static final String VERSION = "2017-12-14";

    private final Jdbi jdbi;
    private final AccountStore accounts;

    public BssActions(Jdbi jdbi, AccountStore accounts) {
        this.jdbi = jdbi;
        this.accounts = accounts;
    }

    public void register(RpcActions actions) {
        Orders orders = new Orders(jdbi);
        actions.register(VERSION, "QueryAccountBalance", new QueryAccountBalance(accounts))
                .register(VERSION, "QueryInstanceBill", new QueryInstanceBill(jdbi, accounts))
                .register(VERSION, "QueryOrders", orders::query)
                .register(VERSION, "GetOrderDetail", orders::detail);
    }
}
