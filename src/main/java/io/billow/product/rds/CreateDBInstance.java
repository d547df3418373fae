package io.billow.product.rds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcAction;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.BillingMethod;
import io.billow.eligibility.CreateInstance;
import io.billow.change.InstanceChanges;
import io.billow.problem.ProblemException;
import org.jdbi.v3.core.Handle;

import java.util.Map;
import java.util.Optional;

/**
 * CreateDBInstance for PostgreSQL: pay-as-you-go, subscription (Period Month or Year ×
 * UsedTime) or serverless (ServerlessConfig). The edition is the Category, or the class's own.
 * A ClientToken makes a retry answer the first instance and order instead of buying twice. The
 * whitelist, network type, deletion protection and secondary zone are kept as given (RdsNetwork).
 */
final class CreateDBInstance implements RpcAction {

    private final InstanceChanges changes;
    private final ClientTokens<Handle> tokens;

    CreateDBInstance(InstanceChanges changes, ClientTokens<Handle> tokens) {
        this.changes = changes;
        this.tokens = tokens;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        RpcParameters p = call.parameters();
        String engine = p.required("Engine");
        if (!engine.equalsIgnoreCase("PostgreSQL")) {
            throw new RpcFailure(RpcError.invalidParameter("Engine", "This Billow server offers PostgreSQL only."));
        }
        String instanceClass = p.required("DBInstanceClass");
        BillingMethod method = RdsPayTypes.parse("PayType", p.required("PayType"));
        Integer months = method == BillingMethod.SUBSCRIPTION ? months(p) : null;
        Optional<ServerlessConfiguration> serverless = ServerlessConfiguration.read(p, "ServerlessConfig");
        if (method == BillingMethod.SERVERLESS && serverless.isEmpty()) {
            throw new RpcFailure(RpcError.missingParameter("ServerlessConfig"));
        }
        String edition = p.optional("Category").orElseGet(() -> changes.catalog().product(RdsActions.PRODUCT)
                .flatMap(product -> product.instanceClass(instanceClass)).flatMap(c -> c.edition())
                .orElseThrow(() -> new ProblemException("InvalidDBInstanceClass.NotFound", "unknown instance class '" + instanceClass + "'")));
        String region = p.required("RegionId");
        Map<String, String> network = RdsNetwork.read(p, changes.catalog().product(RdsActions.PRODUCT).orElseThrow(), region, edition,
                p.optional("ZoneId"));
        CreateInstance request = new CreateInstance(RdsActions.PRODUCT, region, p.optional("ZoneId").orElse(null), edition,
                instanceClass, method.name(), p.optionalInt("DBInstanceStorage").orElse(null),
                p.optional("DBInstanceStorageType").orElse(null), months,
                serverless.map(ServerlessConfiguration::minCapacity).orElse(null),
                serverless.map(ServerlessConfiguration::maxCapacity).orElse(null), p.optional("EngineVersion").orElse(null), network, null);
        return call.idempotent(tokens, handle -> {
            InstanceChanges.Created created = changes.create(call.accountId(), request);
            String id = created.instance().id();
            serverless.ifPresent(s -> {
                ObjectNode policies = RpcResult.newObject();
                if (s.autoPause() != null) {
                    policies.put(RdsAttributes.AUTO_PAUSE, s.autoPause());
                }
                if (s.switchForce() != null) {
                    policies.put(RdsAttributes.SWITCH_FORCE, s.switchForce());
                }
                changes.setAttributes(id, policies);
            });
            return RpcResult.newObject().put("DBInstanceId", id).put("OrderId", created.order().id())
                    .put("ConnectionString", InstanceView.connectionString(created.instance())).put("Port", "5432");
        });
    }

    /** Period Month or Year (default Month) times UsedTime. */
    private static int months(RpcParameters p) {
        String period = p.optional("Period").orElse("Month");
        int used = p.requiredInt("UsedTime", 1, 999);
        return switch (period) {
            case "Month" -> used;
            case "Year" -> Math.multiplyExact(used, 12);
            default -> throw new RpcFailure(RpcError.invalidParameter("Period", "It must be Month or Year."));
        };
    }
}
