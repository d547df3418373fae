package io.billow.product.rocketmq5.roa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.roa.RoaCall;
import io.billow.instance.Instance;
import io.billow.resource.InstanceResources;

import java.util.List;
import java.util.Optional;

/**
 * The writes and reads topics and consumer groups share: always of an instance the caller can
 * see (else {@code Instance.NotFound}), through the engine's resources, whose creations and
 * deletions are on the timeline and so billed by the second; its refusals in this API's terms.
 */
final class Mq5Resources {

    static final String UPDATED_AT = "updatedAt";

    private final Mq5Instances instances;
    private final InstanceResources resources;

    Mq5Resources(Mq5Instances instances, InstanceResources resources) {
        this.instances = instances;
        this.resources = resources;
    }

    Instance instance(RoaCall call) {
        return instances.require(call);
    }

    JsonNode create(RoaCall call, Instance i, String kind, String name, ObjectNode attributes) {
        Mq5Errors.guard(kind, i.id(), name, () -> resources.create(call.accountId(), i.id(), kind, name, attributes));
        return BooleanNode.TRUE;
    }

    InstanceResources.Resource find(RoaCall call, Instance i, String kind, String name) {
        return list(call, i, kind, Optional.of(name)).stream().findFirst().orElseThrow(() -> Mq5Errors.notFound(kind, i.id(), name));
    }

    List<InstanceResources.Resource> list(RoaCall call, Instance i, String kind, Optional<String> name) {
        return Mq5Errors.guard(kind, i.id(), name.orElse(null), () -> resources.list(call.accountId(), i.id(), kind, name));
    }

    JsonNode update(RoaCall call, Instance i, String kind, String name, ObjectNode patch) {
        patch.put(UPDATED_AT, call.now().toString());
        Mq5Errors.guard(kind, i.id(), name, () -> resources.update(call.accountId(), i.id(), kind, name, patch));
        return BooleanNode.TRUE;
    }

    JsonNode delete(RoaCall call, Instance i, String kind, String name) {
        Mq5Errors.guard(kind, i.id(), name, () -> {
            resources.delete(call.accountId(), i.id(), kind, name);
            return true;
        });
        return BooleanNode.TRUE;
    }

    /** The times every item shows: created, and last updated (the creation until an update). */
    static void times(ObjectNode out, InstanceResources.Resource r) {
        out.put("createTime", Mq5InstanceView.time(r.createdAt()));
        out.put("updateTime", Mq5InstanceView.time(Mq5InstanceView.instant(r.attributes().get(UPDATED_AT), r.createdAt())));
    }

    /** The attributes shown as they are, without the bookkeeping. */
    static ObjectNode shown(InstanceResources.Resource r) {
        ObjectNode out = r.attributes().deepCopy();
        out.remove(UPDATED_AT);
        return out;
    }
}
