package io.billow.product.rocketmq5.roa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.roa.RoaCall;
import io.billow.instance.Instance;
import io.billow.resource.InstanceResources;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** CreateTopic, GetTopic, ListTopics, UpdateTopic and DeleteTopic. A topic keeps its message type for life. */
final class Mq5Topics {

    static final Set<String> MESSAGE_TYPES = Set.of("NORMAL", "FIFO", "DELAY", "TRANSACTION");
    static final String TYPES = "NORMAL, FIFO, DELAY or TRANSACTION";
    private static final long MAX_TPS = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mq5Resources resources;

    Mq5Topics(Mq5Resources resources) {
        this.resources = resources;
    }

    JsonNode create(RoaCall call) {
        Mq5Body b = Mq5Body.of(call.body());
        String name = Mq5Names.topic("topicName", call.pathParameter("topicName"));
        ObjectNode attributes = JSON.createObjectNode().put("messageType", b.requiredChoice("messageType", MESSAGE_TYPES, TYPES));
        described(b, attributes);
        if (call.body().hasNonNull("liteTopicExpiration")) {
            throw Mq5Errors.invalid("liteTopicExpiration", "It applies to Lite topics, which this server does not offer.");
        }
        Instance i = resources.instance(call);
        return resources.create(call, i, Mq5Errors.TOPICS, name, attributes);
    }

    JsonNode get(RoaCall call) {
        Instance i = resources.instance(call);
        return view(i, resources.find(call, i, Mq5Errors.TOPICS, topicName(call)));
    }

    /** Filtered by {@code filter} (a part of the name) and {@code messageTypes}, by name. */
    JsonNode list(RoaCall call) {
        Mq5Paging paging = Mq5Paging.of(call, 1, 100);
        Optional<String> filter = call.queryParameter("filter");
        Optional<Set<String>> types = call.queryParameter("messageTypes").map(Mq5Topics::types);
        Instance i = resources.instance(call);
        List<InstanceResources.Resource> found = resources.list(call, i, Mq5Errors.TOPICS, Optional.empty()).stream()
                .filter(r -> filter.isEmpty() || r.name().contains(filter.get()))
                .filter(r -> types.isEmpty() || types.get().contains(r.attributes().path("messageType").asText()))
                .toList();
        return paging.page(found, r -> view(i, r));
    }

    JsonNode update(RoaCall call) {
        Mq5Body b = Mq5Body.of(call.body());
        String name = topicName(call);
        ObjectNode patch = JSON.createObjectNode();
        described(b, patch);
        Instance i = resources.instance(call);
        resources.find(call, i, Mq5Errors.TOPICS, name);
        return resources.update(call, i, Mq5Errors.TOPICS, name, patch);
    }

    JsonNode delete(RoaCall call) {
        Instance i = resources.instance(call);
        return resources.delete(call, i, Mq5Errors.TOPICS, topicName(call));
    }

    /** The fields a topic is described by, on creation and update alike. */
    private static void described(Mq5Body b, ObjectNode into) {
        b.text("remark").map(Mq5Names::remark).ifPresent(r -> into.put("remark", r));
        b.whole("maxSendTps", 0, MAX_TPS).ifPresent(t -> into.put("maxSendTps", t));
    }

    private static String topicName(RoaCall call) {
        String name = call.pathParameter("topicName");
        if (name.isEmpty()) {
            throw Mq5Errors.missing("topicName");
        }
        return name;
    }

    private static Set<String> types(String text) {
        Set<String> types = Arrays.stream(text.split(",")).map(String::trim).collect(Collectors.toSet());
        if (!MESSAGE_TYPES.containsAll(types)) {
            throw Mq5Errors.invalid("messageTypes", "Each is " + TYPES + ".");
        }
        return types;
    }

    private static ObjectNode view(Instance i, InstanceResources.Resource r) {
        ObjectNode out = JSON.createObjectNode().put("topicName", r.name()).put("instanceId", i.id()).put("regionId", i.region())
                .put("status", "RUNNING").put("remark", "");
        out.setAll(Mq5Resources.shown(r));
        Mq5Resources.times(out, r);
        return out;
    }
}
