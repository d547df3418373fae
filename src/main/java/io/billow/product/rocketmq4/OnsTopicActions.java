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
 * OnsTopicCreate, OnsTopicList and OnsTopicDelete. A topic keeps its message type and remark;
 * an instance holds as many as its class allows ({@code TopicCapacity} for Enterprise Platinum).
 * Instances use their own namespace, so a topic may not take the name of a group of its instance.
 */
final class OnsTopicActions {

    static final String MESSAGE_TYPE = "messageType";
    static final String REMARK = "remark";

    private final Catalog catalog;
    private final InstanceResources resources;
    private final OnsInstances instances;
    private final OnsResourceWrites writes;

    OnsTopicActions(OnsInstances instances, Catalog catalog, InstanceResources resources, ClientTokens<Handle> tokens) {
        this.instances = instances;
        this.catalog = catalog;
        this.resources = resources;
        this.writes = new OnsResourceWrites(instances, resources, tokens);
    }

    RpcResult create(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = OnsRegion.of(call, catalog);
        String id = p.required("InstanceId");
        String topic = OnsNames.topic(p.required("Topic"));
        int messageType = OnsNames.messageType(p.required("MessageType"));
        Optional<String> remark = OnsNames.remark(p);
        ObjectNode attributes = RpcResult.newObject().put(MESSAGE_TYPE, messageType);
        remark.ifPresent(r -> attributes.put(REMARK, r));
        return writes.create(call, region, id, OnsInstanceActions.TOPICS, OnsInstanceActions.GROUPS, "Topic", topic, attributes);
    }

    RpcResult list(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = OnsRegion.of(call, catalog);
        String id = p.required("InstanceId");
        instances.require(call.accountId(), region, id);
        Optional<String> topic = p.optional("Topic");
        List<InstanceResources.Resource> found = OnsTags.filtered(p) ? List.of()
                : OnsErrors.guard(OnsInstanceActions.TOPICS, id, null,
                        () -> resources.list(call.accountId(), id, OnsInstanceActions.TOPICS, topic));
        ObjectNode out = RpcResult.newObject();
        ArrayNode list = out.putObject("Data").putArray("PublishInfoDo");
        found.forEach(r -> list.add(view(r, call.accountId())));
        return RpcResult.of(out);
    }

    RpcResult delete(RpcCall call) {
        RpcParameters p = call.parameters();
        String region = OnsRegion.of(call, catalog);
        String id = p.required("InstanceId");
        String topic = p.required("Topic");
        return writes.delete(call, region, id, OnsInstanceActions.TOPICS, topic);
    }

    /** A {@code PublishInfoDo}: the caller owns every topic it lists (relation 1, owner). */
    private static ObjectNode view(InstanceResources.Resource r, String owner) {
        ObjectNode topic = RpcResult.newObject()
                .put("Topic", r.name())
                .put("InstanceId", r.instanceId())
                .put("MessageType", r.attributes().path(MESSAGE_TYPE).asInt())
                .put("Relation", 1)
                .put("RelationName", "Owner")
                .put("Owner", owner)
                .put("IndependentNaming", true)
                .put("Remark", r.attributes().path(REMARK).asText(""))
                .put("CreateTime", r.createdAt().toEpochMilli());
        topic.putObject("Tags").putArray("Tag");
        return topic;
    }
}
