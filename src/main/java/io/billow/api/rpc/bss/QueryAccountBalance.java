package io.billow.api.rpc.bss;

import io.billow.account.Account;
import io.billow.account.AccountStore;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcResult;

import java.math.RoundingMode;

/** QueryAccountBalance: the account's cash balance; Billow gives no credit, so the credit fields are zero. */
final class QueryAccountBalance implements RpcAction {

    private final AccountStore accounts;

    QueryAccountBalance(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        Account account = accounts.get(call.accountId());
        // Balances move by whole cents (payables round down to the cent), so this only drops zeros.
        String balance = account.balance().setScale(2, RoundingMode.DOWN).toPlainString();
        var out = BssAnswer.success();
        out.putObject("Data").put("AvailableAmount", balance).put("AvailableCashAmount", balance).put("CreditAmount", "0.00")
                .put("MybankCreditAmount", "0.00").put("QuotaLimit", "0.00").put("Currency", account.currency());
        return RpcResult.of(out);
    }
}
