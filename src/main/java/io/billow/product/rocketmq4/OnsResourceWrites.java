package io.billow.product.rocketmq4;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcResult;
import io.billow.resource.InstanceResources;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Creating and deleting topics and groups through ONS, once per ClientToken: the instance row is
 * locked, a name may not be taken by the other kind (one namespace per instance), and the
 * engine's refusals become ONS errors.
 */
final class OnsResourceWrites {

    private final OnsInstances instances;
    private final InstanceResources resources;
    private final ClientTokens<Handle> tokens;

    OnsResourceWrites(OnsInstances instances, InstanceResources resources, ClientTokens<Handle> tokens) {
        this.instances = instances;
        this.resources = resources;
        this.tokens = tokens;
    }

    /** @param parameter the ONS parameter that named it (Topic, GroupId); {@code other} the kind sharing its namespace */
    RpcResult create(RpcCall call, String region, String id, String kind, String other, String parameter, String name, ObjectNode attributes) {
        return call.idempotent(tokens, h -> {
            instances.lock(h, call.accountId(), region, id);
            if (!resources.list(call.accountId(), id, other, Optional.of(name)).isEmpty()) {
                throw OnsErrors.nameTaken(parameter, name, id, other.substring(0, other.length() - 1));
            }
            OnsErrors.guard(kind, id, name, () -> resources.create(call.accountId(), id, kind, name, attributes));
            return RpcResult.newObject();
        });
    }

    RpcResult delete(RpcCall call, String region, String id, String kind, String name) {
        return call.idempotent(tokens, h -> {
            instances.require(h, call.accountId(), region, id);
            OnsErrors.guard(kind, id, name, () -> resources.delete(call.accountId(), id, kind, name));
            return RpcResult.newObject();
        });
    }
}
