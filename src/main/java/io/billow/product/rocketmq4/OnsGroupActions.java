package io.billow.product.rocketmq4;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.ClientTokens;
import io.billow.api.rpc.RpcCall;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;
import io.billow.catalog.Catalog;
import io.billow.resource.InstanceResources;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/**
 * OnsGroupCreate, OnsGroupList and OnsGroupDelete: consumer group IDs, each for TCP or HTTP
 * clients. The list's {@code GroupId} filter matches IDs containing it, as the API documents.
 * A group may not take the name of a topic of its instance (one namespace per instance).
 */
final class OnsGroupActions {

    static final String GROUP_TYPE = "groupType";
    static final String REMARK = "remark";

    private final Catalog catalog;
    private final InstanceResources resources;
    private final OnsInstances instances;
    private final OnsResourceWrites writes;

    OnsGroupActions(OnsInstances instances, Catalog catalog, InstanceResources resources, ClientTokens<Handle> tokens) {
        this.instances = instances;
        this.catalog = catalog;
        this.resources = resources;
        this.writes = new OnsResourceWrites(instances, resources, tokens);
    }

    RpcResult create(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = OnsRegion.of(call, catalog);
        String id = p.required("InstanceId");
        String groupId = OnsNames.groupId(p.required("GroupId"));
        String groupType = OnsNames.groupType(p.optional("GroupType"));
        Optional<String> remark = OnsNames.remark(p);
        ObjectNode attributes = RpcResult.newObject().put(GROUP_TYPE, groupType);
        remark.ifPresent(r -> attributes.put(REMARK, r));
        return writes.create(call, region, id, OnsInstanceActions.GROUPS, OnsInstanceActions.TOPICS, "GroupId", groupId, attributes);
    }

    RpcResult list(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = OnsRegion.of(call, catalog);
        String id = p.required("InstanceId");
        instances.require(call.accountId(), region, id);
        Optional<String> contains = p.optional("GroupId");
        Optional<String> type = p.optional("GroupType").map(t -> OnsNames.groupType(Optional.of(t)));
        List<InstanceResources.Resource> found = OnsTags.filtered(p) ? List.of()
                : OnsErrors.guard(OnsInstanceActions.GROUPS, id, null,
                        () -> resources.list(call.accountId(), id, OnsInstanceActions.GROUPS, Optional.empty()));
        ObjectNode out = RpcResult.newObject();
        ArrayNode list = out.putObject("Data").putArray("SubscribeInfoDo");
        found.stream()
                .filter(r -> contains.map(c -> r.name().contains(c)).orElse(true))
                .filter(r -> type.map(t -> t.equals(r.attributes().path(GROUP_TYPE).asText("tcp"))).orElse(true))
                .forEach(r -> list.add(view(r, call.accountId())));
        return RpcResult.of(out);
    }

    RpcResult delete(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = OnsRegion.of(call, catalog);
        String id = p.required("InstanceId");
        String groupId = p.required("GroupId");
        return writes.delete(call, region, id, OnsInstanceActions.GROUPS, groupId);
    }

    /** A {@code SubscribeInfoDo}; a group is never changed after creation, so it was last updated then. */
    private static ObjectNode view(InstanceResources.Resource r, String owner) {
        long created = r.createdAt().toEpochMilli();
        ObjectNode group = RpcResult.newObject()
                .put("GroupId", r.name())
                .put("InstanceId", r.instanceId())
                .put("GroupType", r.attributes().path(GROUP_TYPE).asText("tcp"))
                .put("Owner", owner)
                .put("IndependentNaming", true)
                .put("Remark", r.attributes().path(REMARK).asText(""))
                .put("CreateTime", created)
                .put("UpdateTime", created);
        group.putObject("Tags").putArray("Tag");
        return group;
    }
}
