package io.billow.product.rds;

import io.billow.account.AccountStore;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcResult;
import io.billow.api.rpc.ram.ServiceLinkedRoles;

/**
 * RDS's own CreateServiceLinkedRole, which names the role (ServiceLinkedRole =
 * AliyunServiceRoleForRdsPgsqlOnEcs or AliyunServiceRoleForRDSProxyOnEcs) rather than a service.
 */
final class RdsServiceLinkedRole implements RpcAction {

    private final AccountStore accounts;

    RdsServiceLinkedRole(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        String role = call.parameters().required("ServiceLinkedRole");
        String service = ServiceLinkedRoles.serviceOf(role).orElseThrow(() -> new RpcFailure(RpcError.invalidParameter("ServiceLinkedRole",
                "RDS creates " + String.join(" and ", ServiceLinkedRoles.RDS_ROLES.keySet()) + " only.")));
        accounts.addRole(call.accountId(), role, service, call.now());
        return RpcResult.empty();
    }
}
