package io.billow.product.rocketmq5.roa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.roa.RoaCall;
import io.billow.instance.Instance;
import io.billow.resource.InstanceResources;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CreateConsumerGroup, GetConsumerGroup, ListConsumerGroups, UpdateConsumerGroup and
 * DeleteConsumerGroup. A group delivers {@code Concurrently} or {@code Orderly}; an orderly group
 * retries at a fixed interval ({@code FixedRetryPolicy}, 1–600 s), a concurrent one by back-off
 * ({@code DefaultRetryPolicy}) or at a fixed interval of 10–1,800 s.
 */
final class Mq5Groups {

    static final String DELIVERY = "deliveryOrderType";
    static final String RETRY = "consumeRetryPolicy";
    private static final Set<String> ORDERS = Set.of("Concurrently", "Orderly");
    private static final Set<String> POLICIES = Set.of("DefaultRetryPolicy", "FixedRetryPolicy");
    private static final Set<String> MODELS = Set.of("CLUSTERING", "BROADCASTING", "LITE_SELECTIVE");
    private static final long MAX_TPS = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mq5Resources resources;

    Mq5Groups(Mq5Resources resources) {
        this.resources = resources;
    }

    JsonNode create(RoaCall call) {
        Mq5Body b = Mq5Body.of(call.body());
        String name = Mq5Names.group(call.pathParameter("consumerGroupId"));
        String order = b.requiredChoice(DELIVERY, ORDERS, "Concurrently or Orderly");
        ObjectNode attributes = JSON.createObjectNode().put(DELIVERY, order);
        attributes.set(RETRY, retryPolicy(b.requiredObject(RETRY), order));
        attributes.put("messageModel", b.choice("messageModel", MODELS, "CLUSTERING, BROADCASTING or LITE_SELECTIVE").orElse("CLUSTERING"));
        b.text("topicName").ifPresent(t -> attributes.put("topicName", Mq5Names.topic("topicName", t)));
        described(b, attributes);
        Instance i = resources.instance(call);
        return resources.create(call, i, Mq5Errors.GROUPS, name, attributes);
    }

    JsonNode get(RoaCall call) {
        Instance i = resources.instance(call);
        return view(i, resources.find(call, i, Mq5Errors.GROUPS, groupId(call)));
    }

    JsonNode list(RoaCall call) {
        Mq5Paging paging = Mq5Paging.of(call, 10, 100);
        Optional<String> filter = call.queryParameter("filter");
        Instance i = resources.instance(call);
        List<InstanceResources.Resource> found = resources.list(call, i, Mq5Errors.GROUPS, Optional.empty()).stream()
                .filter(r -> filter.isEmpty() || r.name().contains(filter.get())).toList();
        return paging.page(found, r -> {
            ObjectNode item = view(i, r);
            // The list item of the SDK has no retry policy or delivery order.
            item.remove(RETRY);
            item.remove(DELIVERY);
            return item;
        });
    }

    /** Changes what is given; a new delivery order needs a retry policy that fits it, given or kept. */
    JsonNode update(RoaCall call) {
        Mq5Body b = Mq5Body.of(call.body());
        String name = groupId(call);
        Instance i = resources.instance(call);
        InstanceResources.Resource current = resources.find(call, i, Mq5Errors.GROUPS, name);
        ObjectNode patch = JSON.createObjectNode();
        String order = b.choice(DELIVERY, ORDERS, "Concurrently or Orderly").orElse(current.attributes().path(DELIVERY).asText());
        patch.put(DELIVERY, order);
        Optional<Mq5Body> policy = b.object(RETRY);
        if (policy.isPresent()) {
            patch.set(RETRY, retryPolicy(policy.get(), order));
        } else if (current.attributes().path(RETRY).isObject()) {
            retryPolicy(new Mq5Body(((ObjectNode) current.attributes().get(RETRY)).deepCopy(), RETRY + "."), order);
        } else if (order.equals("Orderly")) {
            // A group made by other means than this API has no policy yet; an orderly one needs its fixed interval.
            throw Mq5Errors.missing(RETRY);
        }
        described(b, patch);
        return resources.update(call, i, Mq5Errors.GROUPS, name, patch);
    }

    JsonNode delete(RoaCall call) {
        Instance i = resources.instance(call);
        return resources.delete(call, i, Mq5Errors.GROUPS, groupId(call));
    }

    private static ObjectNode retryPolicy(Mq5Body p, String order) {
        String policy = p.requiredChoice("retryPolicy", POLICIES, "DefaultRetryPolicy or FixedRetryPolicy");
        boolean orderly = order.equals("Orderly");
        if (orderly && !policy.equals("FixedRetryPolicy")) {
            throw Mq5Errors.invalid(p.path("retryPolicy"), "An Orderly group retries by FixedRetryPolicy.");
        }
        ObjectNode out = JSON.createObjectNode().put("retryPolicy", policy)
                .put("maxRetryTimes", p.whole("maxRetryTimes", 0, 1000).orElse(16L).intValue());
        Optional<Long> interval = p.whole("fixedIntervalRetryTime", orderly ? 1 : 10, orderly ? 600 : 1800);
        if (policy.equals("FixedRetryPolicy")) {
            out.put("fixedIntervalRetryTime", interval.orElse(orderly ? 1L : 10L).intValue());
        } else if (interval.isPresent()) {
            throw Mq5Errors.invalid(p.path("fixedIntervalRetryTime"), "It applies to FixedRetryPolicy only.");
        }
        p.text("deadLetterTargetTopic").ifPresent(t -> out.put("deadLetterTargetTopic", Mq5Names.topic(p.path("deadLetterTargetTopic"), t)));
        return out;
    }

    private static void described(Mq5Body b, ObjectNode into) {
        b.text("remark").map(Mq5Names::remark).ifPresent(r -> into.put("remark", r));
        b.whole("maxReceiveTps", 0, MAX_TPS).ifPresent(t -> into.put("maxReceiveTps", t));
    }

    private static String groupId(RoaCall call) {
        String name = call.pathParameter("consumerGroupId");
        if (name.isEmpty()) {
            throw Mq5Errors.missing("consumerGroupId");
        }
        return name;
    }

    private static ObjectNode view(Instance i, InstanceResources.Resource r) {
        ObjectNode out = JSON.createObjectNode().put("consumerGroupId", r.name()).put("instanceId", i.id()).put("regionId", i.region())
                .put("status", "RUNNING").put("remark", "");
        out.setAll(Mq5Resources.shown(r));
        Mq5Resources.times(out, r);
        return out;
    }
}
