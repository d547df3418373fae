package io.billow.api.rpc.ram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.account.AccountStore;
import io.billow.api.rpc.RpcActions;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcResult;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Service-linked roles, under RAM {@code 2015-05-01} (CreateServiceLinkedRole, GetRole,
 * DeleteServiceLinkedRole) and ResourceManager {@code 2020-03-31} (the same, plus
 * GetServiceLinkedRoleDeletionStatus), as domain.md §4 asks: one set of roles seen by both.
 *
 * <p>Deletion is immediate; its task id carries the account and role, so the status query
 * needs nothing stored and answers SUCCEEDED for the caller's own tasks.
 */
public final class RoleActions {

    public static final String RAM = "2015-05-01";
    public static final String RESOURCE_MANAGER = "2020-03-31";
    private static final String TASK_PREFIX = "task/acs:ram::";

    private final AccountStore accounts;

    public RoleActions(AccountStore accounts) {
        this.accounts = accounts;
    }

    public void register(RpcActions actions) {
        for (String version : new String[] {RAM, RESOURCE_MANAGER}) {
            actions.register(version, "CreateServiceLinkedRole", this::create)
                    .register(version, "GetRole", this::get)
                    .register(version, "DeleteServiceLinkedRole", this::delete);
        }
        actions.register(RESOURCE_MANAGER, "GetServiceLinkedRoleDeletionStatus", this::deletionStatus);
    }

    private RpcResult create(RpcCall call) {
        String service = call.parameters().required("ServiceName");
        if (call.parameters().optional("CustomSuffix").isPresent()) {
            throw new RpcFailure(RpcError.invalidParameter("CustomSuffix", "The RDS service-linked roles take no suffix."));
        }
        String role = ServiceLinkedRoles.roleOf(service).orElseThrow(() -> new RpcFailure(RpcError.of("InvalidParameter.ServiceName", 400,
                "The service " + service + " has no service-linked role on this Billow server; known: "
                        + String.join(", ", ServiceLinkedRoles.RDS_ROLES.values()) + ".")));
        if (accounts.roleCreatedAt(call.accountId(), role).isPresent()) {
            throw new RpcFailure(RpcError.of("EntityAlreadyExists.Role", 409, "The role " + role + " already exists."));
        }
        accounts.addRole(call.accountId(), role, ServiceLinkedRoles.serviceOf(role).orElseThrow(), call.now());
        return answer(call.accountId(), role, call.now());
    }

    private RpcResult get(RpcCall call) {
        String role = call.parameters().required("RoleName");
        Instant created = accounts.roleCreatedAt(call.accountId(), role).orElseThrow(() -> notFound(role));
        return answer(call.accountId(), role, created);
    }

    private RpcResult delete(RpcCall call) {
        String role = call.parameters().required("RoleName");
        if (!accounts.removeRole(call.accountId(), role)) {
            throw notFound(role);
        }
        return RpcResult.of(RpcResult.newObject().put("DeletionTaskId",
                TASK_PREFIX + call.accountId() + ":role/" + role + "/" + call.now().getEpochSecond()));
    }

    private RpcResult deletionStatus(RpcCall call) {
        String task = call.parameters().required("DeletionTaskId");
        if (!task.startsWith(TASK_PREFIX + call.accountId() + ":role/")) {
            throw new RpcFailure(RpcError.of("EntityNotExist.DeletionTask", 404, "The deletion task " + task + " does not exist."));
        }
        return RpcResult.of(RpcResult.newObject().put("Status", "SUCCEEDED"));
    }

    private static RpcResult answer(String accountId, String role, Instant created) {
        ObjectNode out = RpcResult.newObject();
        out.putObject("Role").put("RoleName", role)
                .put("RoleId", Long.toUnsignedString(UUID.nameUUIDFromBytes((accountId + "/" + role).getBytes(StandardCharsets.UTF_8))
                        .getMostSignificantBits() >>> 1))
                .put("Arn", "acs:ram::" + accountId + ":role/aliyun-service-role/" + role.toLowerCase(java.util.Locale.ROOT))
                .put("Description", "Service-linked role for " + ServiceLinkedRoles.serviceOf(role).orElse("a service"))
                .put("IsServiceLinkedRole", true)
                .put("CreateDate", created.toString())
                .put("UpdateDate", created.toString());
        return RpcResult.of(out);
    }

    private static RpcFailure notFound(String role) {
        return new RpcFailure(RpcError.of("EntityNotExist.Role", 404, "The role " + role + " does not exist."));
    }
}
