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
import io.billow.change.InstanceChanges;
import io.billow.instance.Instance;
import io.billow.instance.InstanceStore;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/**
 * ModifyDBInstanceSpec, three requests in one action, told apart by PayType and the instance:
 * <ul>
 *   <li>PayType Serverless on a pay-as-you-go instance, or Postpaid on a serverless one: the
 *       billing-method switch of seed 000, with every prerequisite checked by the engine;</li>
 *   <li>PayType Serverless (or Direction Serverless) on a serverless instance: a new RCU range
 *       and policies, effective at once;</li>
 *   <li>otherwise a class or storage change of a pay-as-you-go instance.</li>
 * </ul>
 * During a switch the other parameters must be absent or equal to the current values
 * (seed 000: "these parameters cannot be modified during the conversion").
 */
final class ModifyDBInstanceSpec implements RpcAction {

    private final InstanceChanges changes;
    private final RdsSwitches switches;
    private final ClientTokens<Handle> tokens;

    ModifyDBInstanceSpec(InstanceChanges changes, RdsSwitches switches, ClientTokens<Handle> tokens) {
        this.changes = changes;
        this.switches = switches;
        this.tokens = tokens;
    }

    @Override
    public RpcResult handle(RpcCall call) {
        RpcParameters p = call.parameters();
        String id = p.required("DBInstanceId");
        Optional<BillingMethod> payType = p.optional("PayType").map(v -> RdsPayTypes.parse("PayType", v));
        boolean toServerless = payType.filter(m -> m == BillingMethod.SERVERLESS).isPresent()
                || p.optional("Direction").filter("Serverless"::equals).isPresent();
        return call.idempotent(tokens, h -> {
            Instance i = InstanceStore.get(h, call.accountId(), id);
            if (i.isReleased() || !i.product().equals(RdsActions.PRODUCT)) {
                throw InstanceStore.notFound(id);
            }
            boolean switching = toServerless || (payType.isPresent() && payType.get() != i.method());
            ObjectNode out = RpcResult.newObject().put("DBInstanceId", id);
            if (switching) {
                requireUnchanged(p, i);
                RdsSwitches.Switched s = switches.request(call.accountId(), id, switchRequest(p, toServerless ? BillingMethod.SERVERLESS
                        : payType.get()));
                if (s.order() != null) {
                    out.put("OrderId", s.order().id());
                }
                return out;
            }
            changes.modifySpec(call.accountId(), id, p.optional("DBInstanceClass").orElse(i.instanceClass()),
                    p.optionalInt("DBInstanceStorage").orElse(null));
            return out;
        });
    }

    private static SwitchRequest switchRequest(RpcParameters p, BillingMethod target) {
        Optional<ServerlessConfiguration> config = ServerlessConfiguration.read(p, "ServerlessConfiguration");
        if (target == BillingMethod.SERVERLESS && config.isEmpty()) {
            throw new RpcFailure(RpcError.missingParameter("ServerlessConfiguration"));
        }
        Instant switchAt = p.optionalInstant("SwitchTime").orElse(null);
        return new SwitchRequest(target.name(), p.optional("DBInstanceClass").orElse(null),
                config.map(ServerlessConfiguration::minCapacity).orElse(null), config.map(ServerlessConfiguration::maxCapacity).orElse(null),
                config.map(ServerlessConfiguration::autoPause).orElse(null), config.map(ServerlessConfiguration::switchForce).orElse(null),
                p.optional("EffectiveTime").orElse(null), switchAt);
    }

    /** Storage, storage type, engine version, edition and zone cannot change in the same request as the billing method. */
    private static void requireUnchanged(RpcParameters p, Instance i) {
        same(p, "DBInstanceStorage", String.valueOf(i.storageGb()));
        same(p, "DBInstanceStorageType", i.storageType());
        same(p, "EngineVersion", i.attributes().path(RdsAttributes.ENGINE_VERSION).asText());
        same(p, "Category", i.edition());
        same(p, "ZoneId", i.zoneId());
    }

    private static void same(RpcParameters p, String name, String current) {
        Optional<String> asked = p.optional(name);
        if (asked.isPresent() && !asked.get().equals(current)) {
            throw new RpcFailure(RpcError.invalidParameter(name, "It cannot change while the billing method changes: leave it out or send"
                    + " the current value " + current + "."));
        }
    }
}
